import { canonicalJson } from '../../../src/adapters/charts/canonical-json';

describe('canonicalJson', () => {
  it('gives the same text for the same value built in another order, at every depth', () => {
    const a = { b: 1, a: { d: [{ y: 2, x: 1 }], c: 'c' } };
    const b = { a: { c: 'c', d: [{ x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(b)).toBe('{"a":{"c":"c","d":[{"x":1,"y":2}]},"b":1}');
  });

  it('keeps the order of arrays and leaves out what JSON leaves out', () => {
    expect(canonicalJson({ list: [2, 1], gone: undefined })).toBe('{"list":[2,1]}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
