/**
 * Phones as an operator types them (`+84 90 123 4567`, `84901234567`, `0901234567`), read as E.164, the form
 * calls store. A number with a trunk `0` takes the calling code of the account's time zone from this table
 * (docs/security.md "Personal data"); a zone missing from it only accepts numbers with their calling code.
 */
export const CALLING_CODE_OF_ZONE: Readonly<Record<string, string>> = {
  'Asia/Ho_Chi_Minh': '84',
  'Asia/Saigon': '84',
  'Asia/Bangkok': '66',
  'Asia/Jakarta': '62',
  'Asia/Manila': '63',
  'Asia/Kuala_Lumpur': '60',
  'Asia/Singapore': '65',
  'Asia/Phnom_Penh': '855',
  'Asia/Vientiane': '856',
  'Asia/Yangon': '95',
  'Asia/Tokyo': '81',
  'Asia/Seoul': '82',
  'Asia/Shanghai': '86',
  'Asia/Hong_Kong': '852',
  'Asia/Taipei': '886',
  'Asia/Kolkata': '91',
  'Australia/Sydney': '61',
  'Europe/London': '44',
  'Europe/Paris': '33',
  'Europe/Berlin': '49',
  'America/New_York': '1',
  'America/Chicago': '1',
  'America/Denver': '1',
  'America/Los_Angeles': '1',
};

const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;

/** The E.164 form of what an operator typed, or null when it is not a phone number. */
export function phoneFromInput(text: string, timeZone: string): string | null {
  const trimmed = text.trim();
  if (!PHONE_LIKE.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (digits.startsWith('0')) {
    const code = CALLING_CODE_OF_ZONE[timeZone];
    if (!code) return null;
    e164 = `+${code}${digits.slice(1)}`;
  } else e164 = `+${digits}`;
  return E164.test(e164) ? e164 : null;
}

/**
 * The ways one number is written in data we hold or receive: E.164, its digits, and the national form with
 * a trunk 0 when the account's calling code is its own. Customer ids made of a phone are matched with these.
 */
export function phoneSpellings(e164: string, timeZone: string): string[] {
  const digits = e164.slice(1);
  const forms = [e164, digits];
  const code = CALLING_CODE_OF_ZONE[timeZone];
  if (code && digits.startsWith(code)) forms.push(`0${digits.slice(code.length)}`);
  return forms;
}
