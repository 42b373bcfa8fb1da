import fc from 'fast-check';
import { measureJson } from '../../../src/ingest/json-shape';

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('measureJson', () => {
  it('measures the depth and top-level items that JSON.parse would build, for any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        expect(measureJson(text, 0, text.length, Infinity)).toEqual({
          depth: depthOf(value),
          topLevelItems: Array.isArray(value) ? value.length : 0,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('skips brackets and quotes inside strings, escapes included', () => {
    expect(measureJson('["[[[", "\\"{{", {"a]": "\\\\"}]')).toEqual({ depth: 2, topLevelItems: 3 });
  });

  it('stops at the depth limit and past the item limit', () => {
    const deep = `${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`;
    expect(measureJson(deep).depth).toBe(33);
    expect(measureJson('[1,2,3,4,5]', 0, 11, 32, 2).topLevelItems).toBe(3);
  });
});
