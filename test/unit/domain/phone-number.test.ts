import { phoneFromInput, phoneSpellings } from '../../../src/domain/phone-number';

describe('phones as an operator types them (docs/security.md "Personal data")', () => {
  it.each([
    ['+84 90 123 4567', '+84901234567'],
    ['84901234567', '+84901234567'],
    ['0901234567', '+84901234567'],
    ['090-123-4567', '+84901234567'],
    ['(090) 123 4567', '+84901234567'],
    ['0084901234567', '+84901234567'],
    ['+1 (415) 555-0100', '+14155550100'],
  ])('reads %s in Asia/Ho_Chi_Minh as %s', (typed, e164) => {
    expect(phoneFromInput(typed, 'Asia/Ho_Chi_Minh')).toBe(e164);
  });

  it('takes the trunk 0 with the calling code of the zone', () => {
    expect(phoneFromInput('0812345678', 'Asia/Bangkok')).toBe('+66812345678');
    expect(phoneFromInput('0901234567', 'Etc/UTC')).toBeNull();
  });

  it('is not a phone when it has letters or too few digits', () => {
    expect(phoneFromInput('cus-0001', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(phoneFromInput('12345', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(phoneFromInput('', 'Asia/Ho_Chi_Minh')).toBeNull();
  });

  it('spells a number the ways data writes it', () => {
    expect(phoneSpellings('+84901234567', 'Asia/Ho_Chi_Minh')).toEqual(['+84901234567', '84901234567', '0901234567']);
    expect(phoneSpellings('+14155550100', 'Asia/Ho_Chi_Minh')).toEqual(['+14155550100', '14155550100']);
  });
});
