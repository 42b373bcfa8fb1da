import fc from 'fast-check';
import { formatDecimal, parseDecimal, roundDecimal } from '../../../src/domain/decimal';
import { divideRoundHalfUp } from '../../../src/domain/rounding';

describe('money as exact decimals', () => {
  it('sums without float error: 0.1 + 0.2 is 0.3', () => {
    expect(formatDecimal(parseDecimal('0.1') + parseDecimal('0.2'))).toBe('0.3');
  });

  it.each([
    ['128138.475', '128138.48'],
    ['128138.474999', '128138.47'],
    ['0.005', '0.01'],
    ['2.5', '2.5'],
    ['1200.50', '1200.5'],
  ])('rounds %s half up to 2 decimals: %s', (input, output) => {
    expect(roundDecimal(parseDecimal(input), 2)).toBe(output);
  });

  it('keeps every digit past what a float holds', () => {
    expect(roundDecimal(parseDecimal('90071992547409.935'), 2)).toBe('90071992547409.94');
    expect(roundDecimal(parseDecimal('12345678901234567.885'), 2)).toBe('12345678901234567.89');
  });

  it('rejects what is not a decimal', () => {
    expect(() => parseDecimal('1e3')).toThrow(RangeError);
    expect(() => parseDecimal('-1')).toThrow(RangeError);
    expect(() => parseDecimal('1.1234567')).toThrow(RangeError);
  });

  it('parse and format round-trip any cent amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (cents) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        expect(parseDecimal(formatDecimal(parseDecimal(text)))).toBe(parseDecimal(text));
      }),
    );
  });
});

describe('averages round half up (docs/metrics.md averageCallDurationMs)', () => {
  it.each([
    [5, 2, 3],
    [7, 2, 4],
    [4, 3, 1],
    [3278254, 18, 182125],
    [0, 5, 0],
  ])('round(%d / %d) = %d', (a, b, r) => expect(divideRoundHalfUp(a, b)).toBe(r));

  it('matches Math.round on non-negative integers', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
        expect(divideRoundHalfUp(a, b)).toBe(Math.round(a / b));
      }),
    );
  });
});
