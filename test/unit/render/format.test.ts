import { formatMoney } from '../../../src/render/format';

describe('money as the reader sees it', () => {
  it('formats the exact decimal text in the locale, digit for digit past what a float holds', () => {
    expect(formatMoney('12345678901234567.89', 'VND', 'vi-VN')).toBe('12.345.678.901.234.567,89 VND');
    expect(formatMoney('90071992547409.95', 'USD', 'en-US')).toBe('90,071,992,547,409.95 USD');
    expect(formatMoney('128138.48', 'VND', 'en-US')).toBe('128,138.48 VND');
  });

  it('shows whole amounts without decimals, cents with two, and unknown as a word', () => {
    expect(formatMoney('120', 'VND', 'vi-VN')).toBe('120 VND');
    expect(formatMoney('0.5', 'USD', 'en-US')).toBe('0.50 USD');
    expect(formatMoney(null, 'VND', 'vi-VN')).toBe('unknown');
  });
});
