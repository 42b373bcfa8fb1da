import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { FieldProblem } from '../validate-record';

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

export function dateFromEpochMs(value: unknown): Date | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(Math.round(value)) : null;
}

export function dateFromText(value: unknown): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A platform's number of a currency unit as decimal text with at most 6 decimals; `shift` divides by 10^shift (cents → dollars). */
export function decimalFromNumber(value: unknown, shift = 0): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return (value / 10 ** shift).toFixed(6).replace(/\.?0+$/, '');
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
