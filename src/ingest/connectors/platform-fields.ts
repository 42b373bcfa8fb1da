import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  FIELD_PATTERNS,
  FIRST_YEAR,
  FieldResult,
  LAST_YEAR,
  MAX_ID_LENGTH,
  describe,
  isBlank,
  isStorableInstant,
  parseStorableText,
} from '../field-rules';
import { FieldProblem, MAX_CALL_HOURS, MAX_CALL_MS } from '../validate-record';

/** Small readers shared by the connectors: loose platform JSON in, typed values (or a problem) out. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectOrEmpty(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** Text of a string or number field; null when absent or blank. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

export function firstText(...values: unknown[]): string | null {
  for (const value of values) {
    const text = textOf(value);
    if (text !== null) return text;
  }
  return null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** The dialled number when it is a phone number (platforms also send SIP addresses). */
export function phoneOrNull(number: string | null): string | null {
  return number !== null && E164.test(number) ? number : null;
}

/**
 * Every number and time a connector reads is range-checked where it is read, with the webhook's rules (a time
 * between the years 1 and 9999 in UTC, a call of at most 24 hours, a cost of at most 15 digits before the point),
 * so that a signed call with 1e300 in it is a 400 naming the platform's field, never an invalid date further on.
 */

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const YEARS = `between the years ${FIRST_YEAR} and ${LAST_YEAR} in UTC`;
const MAX_DATE_TEXT_LENGTH = 64;
/** The decimal rule of the validator: at most 15 digits before the point. */
const MAX_COST = 1e15;

/** A time given as milliseconds since 1970 (Retell); null when absent. */
export function parseEpochMs(name: string, value: unknown): FieldResult<Date | null> {
  if (value === undefined || value === null) return ok(null);
  const date = typeof value === 'number' && Number.isFinite(value) ? new Date(Math.round(value)) : null;
  if (date === null || !isStorableInstant(date))
    return {
      ok: false,
      message: `${name} must be a time in milliseconds since 1970, ${YEARS}; got ${describe(value)}`,
    };
  return ok(date);
}

/** A date and time in text the platform formats its own way (Twilio: RFC 2822); null when absent or blank. */
export function parseDateText(name: string, value: unknown): FieldResult<Date | null> {
  if (isBlank(value)) return ok(null);
  const date = typeof value === 'string' && value.length <= MAX_DATE_TEXT_LENGTH ? new Date(value) : null;
  if (date === null || !isStorableInstant(date))
    return { ok: false, message: `${name} must be a date and time ${YEARS}; got ${describe(value)}` };
  return ok(date);
}

/** A call's duration in milliseconds or whole seconds (a number, or digits in a form), as milliseconds; null when absent. */
export function parseCallDuration(name: string, value: unknown, unit: 'ms' | 's'): FieldResult<number | null> {
  if (isBlank(value)) return ok(null);
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.length <= 40 && FIELD_PATTERNS.wholeNumber.test(value)
        ? Number(value)
        : NaN;
  const ms = unit === 's' ? number * 1000 : number;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_CALL_MS) {
    const units = unit === 's' ? 'seconds' : 'milliseconds';
    return { ok: false, message: `${name} must be ${units} from 0 to ${MAX_CALL_HOURS} hours; got ${describe(value)}` };
  }
  return ok(Math.round(ms));
}

/**
 * A platform's cost, a number of a currency unit, as decimal text with at most 6 decimals; `shift` divides by
 * 10^shift (cents → dollars). Null when absent.
 */
export function parseCost(name: string, value: unknown, shift = 0): FieldResult<string | null> {
  if (value === undefined || value === null) return ok(null);
  const amount = typeof value === 'number' ? value / 10 ** shift : NaN;
  if (!Number.isFinite(amount) || amount < 0 || amount >= MAX_COST)
    return { ok: false, message: `${name} must be a number ≥ 0 (the call's cost); got ${describe(value)}` };
  return ok(amount.toFixed(6).replace(/\.?0+$/, ''));
}

/** Text the call is filed under (the platform's reason): storable, and short enough to be a result code. */
export function parseReason(name: string, text: string): FieldResult<string> {
  return parseStorableText(name, text, MAX_ID_LENGTH);
}

/** The value of a field read once problemsOf found none. */
export function valueOf<T>(result: FieldResult<T>): T {
  if (!result.ok) throw new Error(`read a field with a problem: ${result.message}`);
  return result.value;
}

/** The problems among fields read, each under the platform's name for the field. */
export function problemsOf(fields: Record<string, FieldResult<unknown>>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, result] of Object.entries(fields))
    if (!result.ok) problems.push({ field, message: result.message });
  return problems;
}

export function parseJsonBody(rawBody: Buffer): { value: JsonObject } | { problems: FieldProblem[] } {
  try {
    const value: unknown = JSON.parse(rawBody.toString('utf8'));
    if (isObject(value)) return { value };
  } catch {
    // answered below
  }
  return {
    problems: [
      { field: '(body)', message: "the body is not a JSON object; point the platform's webhook at this URL unchanged" },
    ],
  };
}

export function missing(field: string, message: string): { kind: 'invalid'; problems: FieldProblem[] } {
  return { kind: 'invalid', problems: [{ field, message }] };
}

export function hmacHex(algorithm: 'sha256', secret: string, ...parts: (Buffer | string)[]): string {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

/** Constant-time comparison of two texts of any length (both are hashed to one length first). */
export function sameText(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
