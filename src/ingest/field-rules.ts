/** Small parsers shared by the call and event validators; each returns a value or a sentence saying what to send. */

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 500;
export const MAX_URL_LENGTH = 2048;

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const shown = text === undefined ? String(value) : text;
  return shown.length > 60 ? `"${shown.slice(0, 57)}..."` : `"${shown}"`;
}

export function parseId(name: string, value: unknown): FieldResult<string> {
  if (isBlank(value)) return { ok: false, message: `${name} is required; give every record one` };
  if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, message: `${name} must be text, got ${describe(value)}` };
  const text = String(value).trim();
  if (text.length > MAX_ID_LENGTH) return { ok: false, message: `${name} is longer than ${MAX_ID_LENGTH} characters; shorten it` };
  return { ok: true, value: text };
}

export function parseOptionalText(name: string, value: unknown, maxLength = MAX_TEXT_LENGTH): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: false, message: `${name} must be text, got ${describe(value)}` };
  const text = value.trim();
  if (text.length > maxLength) return { ok: false, message: `${name} is longer than ${maxLength} characters; shorten it` };
  return { ok: true, value: text };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function instantHint(name: string, value: unknown): string {
  return `${name} must be an ISO 8601 time with Z or an offset, e.g. 2026-10-30T15:36:02Z or 2026-10-30T22:36:02+07:00; got ${describe(value)}`;
}

export function parseInstant(name: string, value: unknown, required: boolean): FieldResult<Date | null> {
  if (isBlank(value)) {
    return required
      ? { ok: false, message: `${name} is required: an ISO 8601 time with Z or an offset, e.g. 2026-10-30T15:36:02Z` }
      : { ok: true, value: null };
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const match = ISO_INSTANT.exec(text);
  if (!match) return { ok: false, message: instantHint(name, value) };
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${name} is not a real date and time: ${describe(value)}` };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetRest = Number(digits.slice(2));
    if (offsetHours > 23 || offsetRest > 59) return { ok: false, message: instantHint(name, value) };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const millis = fraction === '' ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallClock = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  wallClock.setUTCFullYear(year, month - 1, day); // not Date.UTC's year: that maps 0–99 to 1900–1999
  const parsed = new Date(wallClock.getTime() - offsetMinutes * 60_000);
  if (Number.isNaN(parsed.getTime())) return { ok: false, message: instantHint(name, value) };
  return { ok: true, value: parsed };
}

export function parseCount(name: string, value: unknown, minimum: number): FieldResult<number | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < minimum || number > 2_147_483_647) {
    return { ok: false, message: `${name} must be a whole number ≥ ${minimum}, got ${describe(value)}` };
  }
  return { ok: true, value: number };
}

export function parseDecimalText(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { ok: false, message: `${name} must be a decimal ≥ 0, got ${describe(value)}` };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, message: `${name} must be a decimal ≥ 0 such as 1200.50, got ${describe(value)}` };
  }
  if (!DECIMAL.test(text)) {
    return { ok: false, message: `${name} must be a decimal ≥ 0 with at most 6 decimals and a dot, such as 1200.50; got ${describe(value)}` };
  }
  return { ok: true, value: text };
}

export function parsePhone(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? `+${value}` : '';
  if (!E164.test(text)) return { ok: false, message: `${name} must be an E.164 number such as +84901234567, got ${describe(value)}` };
  return { ok: true, value: text };
}

export function parseHttpsUrl(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_URL_LENGTH) return { ok: false, message: `${name} is longer than ${MAX_URL_LENGTH} characters` };
  try {
    const url = new URL(text);
    if (url.protocol === 'https:') return { ok: true, value: url.toString() };
  } catch {
    // falls through to the message below
  }
  return { ok: false, message: `${name} must be an https:// URL, got ${describe(value)}` };
}

export function parseEmails(name: string, value: unknown): FieldResult<string[] | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!Array.isArray(value)) return { ok: false, message: `${name} must be an array of email addresses` };
  const bad = value.find((entry) => typeof entry !== 'string' || !EMAIL.test(entry.trim()));
  if (bad !== undefined) return { ok: false, message: `${name} holds ${describe(bad)}, which is not an email address` };
  if (value.length > 100) return { ok: false, message: `${name} may hold at most 100 addresses` };
  return { ok: true, value: (value as string[]).map((entry) => entry.trim().toLowerCase()) };
}
