/**
 * Small parsers shared by the call and event validators; each returns a value or a sentence saying what to send.
 *
 * Every value here is untrusted. Each text's length is checked before any pattern sees it, and every pattern
 * runs in linear time: no two quantified parts can match the same characters (the test runs each through a
 * ReDoS checker), so no input makes one backtrack.
 */

import { LocalFields } from '../domain/time-zone';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const FIELD_PATTERNS = {
  isoInstant: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/,
  e164: /^\+[1-9]\d{6,14}$/,
  decimal: /^\d{1,15}(\.\d{1,6})?$/,
  /** Dot-separated labels that hold no dot themselves: each character has one place to go. */
  email: /^[^\s@<>"]+@[^\s@<>".]+(?:\.[^\s@<>".]+)+$/,
  wholeNumber: /^\s*\d+\s*$/,
} as const;
export const MAX_ID_LENGTH = 200;
export const MAX_TEXT_LENGTH = 500;
export const MAX_URL_LENGTH = 2048;
/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_INSTANT_LENGTH = 40;
const MAX_NUMBER_TEXT_LENGTH = 40;
const MAX_PHONE_LENGTH = 20;
/** PostgreSQL's timestamptz holds these years; 0000 and 10000 are refused. */
export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;

/** A valid date whose UTC year PostgreSQL stores (an invalid Date, from 1e300 ms, is not). */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const SHOWN_CHARS = 60;

/**
 * A value quoted for a message, at most 60 characters. Walks at most as far as it shows, without recursion:
 * a value of 50,000 nested arrays is described as quickly as a number.
 */
export function describe(value: unknown): string {
  const shown = sketch(value, SHOWN_CHARS + 1);
  return shown.length > SHOWN_CHARS ? `"${shown.slice(0, SHOWN_CHARS - 3)}..."` : `"${shown}"`;
}

/** A piece of punctuation waiting on the stack of `sketch`. */
class Punctuation {
  constructor(readonly text: string) {}
}

/** JSON-like text of a value, cut once it reaches `limit` characters; a string comes back as it is. */
function sketch(value: unknown, limit: number): string {
  if (typeof value === 'string') return value.slice(0, limit);
  let out = '';
  const pending: unknown[] = [value];
  const pushAll = (entries: [string | null, unknown][], close: string) => {
    pending.push(new Punctuation(close));
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, entry] = entries[i];
      pending.push(entry);
      if (key !== null) pending.push(new Punctuation(`${JSON.stringify(key.slice(0, limit))}:`));
      if (i > 0) pending.push(new Punctuation(','));
    }
  };
  while (pending.length > 0 && out.length < limit) {
    const next = pending.pop();
    if (next instanceof Punctuation) {
      out += next.text;
    } else if (typeof next === 'string') {
      out += JSON.stringify(next.slice(0, limit));
    } else if (Array.isArray(next)) {
      out += '[';
      pushAll(
        next.slice(0, limit).map((entry) => [null, entry]),
        ']',
      );
    } else if (typeof next === 'object' && next !== null) {
      out += '{';
      pushAll(
        Object.keys(next)
          .slice(0, limit)
          .map((key) => [key, (next as Record<string, unknown>)[key]]),
        '}',
      );
    } else {
      out += String(next);
    }
  }
  return out;
}

/** Why PostgreSQL could not store this text (a NUL, or half of a UTF-16 surrogate pair), or null when it can. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'holds a NUL character (\\u0000)';
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed())
    return 'holds a lone UTF-16 surrogate (broken Unicode)';
  return null;
}

/** Text that PostgreSQL can store and that is at most `maxLength` characters once trimmed. */
export function parseStorableText(name: string, value: string, maxLength: number): FieldResult<string> {
  const text = value.trim();
  if (text.length > maxLength)
    return { ok: false, message: `${name} is longer than ${maxLength} characters; shorten it` };
  const reason = unstorable(text);
  if (reason) return { ok: false, message: `${name} ${reason}; send plain UTF-8 text` };
  return { ok: true, value: text };
}

export function parseId(name: string, value: unknown): FieldResult<string> {
  if (isBlank(value)) return { ok: false, message: `${name} is required; give every record one` };
  if (typeof value !== 'string' && typeof value !== 'number')
    return { ok: false, message: `${name} must be text, got ${describe(value)}` };
  return parseStorableText(name, String(value), MAX_ID_LENGTH);
}

export function parseOptionalText(
  name: string,
  value: unknown,
  maxLength = MAX_TEXT_LENGTH,
): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: false, message: `${name} must be text, got ${describe(value)}` };
  return parseStorableText(name, value, maxLength);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function instantHint(name: string, value: unknown): string {
  return `${name} must be an ISO 8601 time with Z or an offset, e.g. 2026-10-30T15:36:02Z or 2026-10-30T22:36:02+07:00; got ${describe(value)}`;
}

/** An ISO 8601 instant's fields as numbers (its wall clock, then its offset); `offsetMinutes` null when out of range. */
export interface InstantParts extends LocalFields {
  millis: number;
  offsetMinutes: number | null;
}

const ZERO = 48;
const digitAt = (text: string, at: number) => {
  const code = text.charCodeAt(at) - ZERO;
  return code >= 0 && code <= 9 ? code : -1;
};
/** The number of `width` digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i += 1) {
    const digit = digitAt(text, i);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The shape platforms send, `2026-10-30T15:36:02Z`, `…02.123Z` or `…02+07:00`, read character by character:
 * the same fields FIELD_PATTERNS.isoInstant reads, a few times faster (every call record holds three). Any
 * other text: undefined, and the pattern decides.
 */
export function instantPartsFast(text: string): InstantParts | undefined {
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let millis = 0;
  const separator = text.charCodeAt(at);
  if (separator === 46 || separator === 44) {
    const first = (at += 1);
    while (digitAt(text, at) >= 0) at += 1;
    const count = at - first;
    if (count < 1 || count > 9) return undefined;
    for (let i = 0; i < 3; i += 1) millis = millis * 10 + (i < count ? digitAt(text, first + i) : 0);
  }
  const zone = text.charCodeAt(at);
  if (zone === 90 && at + 1 === text.length)
    return { year, month, day, hour, minute, second, millis, offsetMinutes: 0 };
  if ((zone !== 43 && zone !== 45) || at + 6 !== text.length || text.charCodeAt(at + 3) !== 58) return undefined;
  const offsetHours = digitsAt(text, at + 1, 2);
  const offsetRest = digitsAt(text, at + 4, 2);
  if (offsetHours < 0 || offsetRest < 0) return undefined;
  const offsetMinutes =
    offsetHours > 23 || offsetRest > 59 ? null : (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetRest);
  return { year, month, day, hour, minute, second, millis, offsetMinutes };
}

/** Every form FIELD_PATTERNS.isoInstant takes (no seconds, `+07`, `+0700`, …); undefined when it does not match. */
export function instantPartsByPattern(text: string): InstantParts | undefined {
  const match = text.length <= MAX_INSTANT_LENGTH ? FIELD_PATTERNS.isoInstant.exec(text) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match;
  let offsetMinutes: number | null = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetRest = Number(digits.slice(2));
    offsetMinutes =
      offsetHours > 23 || offsetRest > 59 ? null : (zone[0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  return {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millis: fraction === '' ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3)),
    offsetMinutes,
  };
}

export function parseInstant(name: string, value: unknown, required: boolean): FieldResult<Date | null> {
  if (isBlank(value)) {
    return required
      ? { ok: false, message: `${name} is required: an ISO 8601 time with Z or an offset, e.g. 2026-10-30T15:36:02Z` }
      : { ok: true, value: null };
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const parts = instantPartsFast(text) ?? instantPartsByPattern(text);
  if (!parts) return { ok: false, message: instantHint(name, value) };
  const { year, month, day, hour, minute, second, millis, offsetMinutes } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${name} is not a real date and time: ${describe(value)}` };
  }
  if (offsetMinutes === null) return { ok: false, message: instantHint(name, value) };
  // Date.UTC maps the years 0–99 to 1900–1999: those are set apart.
  const wallClockMs =
    year >= 100
      ? Date.UTC(year, month - 1, day, hour, minute, second, millis)
      : new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis)).setUTCFullYear(year, month - 1, day);
  const parsed = new Date(wallClockMs - offsetMinutes * 60_000);
  if (Number.isNaN(parsed.getTime())) return { ok: false, message: instantHint(name, value) };
  if (!isStorableInstant(parsed)) {
    return {
      ok: false,
      message: `${name} must fall between the years ${FIRST_YEAR} and ${LAST_YEAR} in UTC, got ${describe(value)}`,
    };
  }
  return { ok: true, value: parsed };
}

export function parseCount(name: string, value: unknown, minimum: number): FieldResult<number | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.length <= MAX_NUMBER_TEXT_LENGTH && FIELD_PATTERNS.wholeNumber.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(number) || number < minimum || number > 2_147_483_647) {
    return { ok: false, message: `${name} must be a whole number ≥ ${minimum}, got ${describe(value)}` };
  }
  return { ok: true, value: number };
}

export function parseDecimalText(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0)
      return { ok: false, message: `${name} must be a decimal ≥ 0, got ${describe(value)}` };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, message: `${name} must be a decimal ≥ 0 such as 1200.50, got ${describe(value)}` };
  }
  if (text.length > MAX_NUMBER_TEXT_LENGTH || !FIELD_PATTERNS.decimal.test(text)) {
    return {
      ok: false,
      message: `${name} must be a decimal ≥ 0 with at most 6 decimals and a dot, such as 1200.50; got ${describe(value)}`,
    };
  }
  return { ok: true, value: text };
}

export function parsePhone(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? `+${value}` : '';
  if (text.length > MAX_PHONE_LENGTH || !FIELD_PATTERNS.e164.test(text))
    return { ok: false, message: `${name} must be an E.164 number such as +84901234567, got ${describe(value)}` };
  return { ok: true, value: text };
}

export function parseHttpsUrl(name: string, value: unknown): FieldResult<string | null> {
  if (isBlank(value)) return { ok: true, value: null };
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, message: `${name} is longer than ${MAX_URL_LENGTH} characters` };
  try {
    const url = new URL(text);
    if (url.protocol === 'https:') return { ok: true, value: url.toString() };
  } catch {
    // falls through to the message below
  }
  return { ok: false, message: `${name} must be an https:// URL, got ${describe(value)}` };
}

const MAX_EMAILS = 100;

function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && FIELD_PATTERNS.email.test(text) && unstorable(text) === null;
}

export function parseEmails(name: string, value: unknown): FieldResult<string[] | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!Array.isArray(value)) return { ok: false, message: `${name} must be an array of email addresses` };
  if (value.length > MAX_EMAILS) return { ok: false, message: `${name} may hold at most ${MAX_EMAILS} addresses` };
  const bad = value.find((entry) => typeof entry !== 'string' || !isEmailAddress(entry.trim()));
  if (bad !== undefined) return { ok: false, message: `${name} holds ${describe(bad)}, which is not an email address` };
  return { ok: true, value: (value as string[]).map((entry) => entry.trim().toLowerCase()) };
}
