import { formatMoney } from '../../../src/render/format';

describe('money as the reader sees it', () => {
  it('formats the exact decimal text in the locale, digit for digit past what a float holds', () => {
    expect(formatMoney('12345678901234567.89', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('12345678901234567.89', 'VND', 'vi-VN')).toBe('12.345.678.901.234.568 ₫');
    expect(formatMoney('90071992547409.95', 'USD', 'en-US')).toBe('$90,071,992,547,409.95');
  });

  it("uses the currency's minor units (VND none, USD two) and says unknown in words", () => {
    expect(formatMoney('128138.48', 'VND', 'en-US')).toBe('128,138 ₫');
    expect(formatMoney('120', 'VND', 'vi-VN')).toBe('120 ₫');
    expect(formatMoney('0.5', 'USD', 'en-US')).toBe('$0.50');
    expect(formatMoney(null, 'VND', 'en-US')).toBe('unknown');
  });
});
