import { formatMoney } from '../../../src/render/format';

describe('money as the reader sees it', () => {
  it('formats the exact decimal text in the locale, digit for digit past what a float holds', () => {
    // VND has no minor unit: the amount is rounded to the dong, from its text, not from a float.
    expect(formatMoney('12345678901234567.49', 'VND', 'vi-VN')).toBe('12.345.678.901.234.567 ₫');
    expect(formatMoney('12345678901234567.89', 'VND', 'vi-VN')).toBe('12.345.678.901.234.568 ₫');
    expect(formatMoney('90071992547409.95', 'USD', 'en-US')).toBe('$90,071,992,547,409.95');
    expect(formatMoney('128138.48', 'VND', 'en-US')).toBe('128,138 ₫');
  });

  it("shows the currency's minor units (none for VND, two for USD), and unknown as a word in the language", () => {
    expect(formatMoney('120', 'VND', 'vi-VN')).toBe('120 ₫');
    expect(formatMoney('0.5', 'USD', 'en-US')).toBe('$0.50');
    expect(formatMoney(null, 'VND', 'en-US')).toBe('unknown');
    expect(formatMoney(null, 'VND', 'vi-VN')).toBe('chưa rõ');
  });
});
