/**
 * Money as exact decimals: a bigint count of 10^-SCALE units. Costs are summed here, never as floats.
 * SCALE 6 holds any price or cost the platform sends (they have at most 4 decimals in practice).
 */
export const DECIMAL_SCALE = 6;
const UNIT = 10n ** BigInt(DECIMAL_SCALE);
const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

export type Micros = bigint;

export function isDecimalString(text: string): boolean {
  const match = DECIMAL_PATTERN.exec(text);
  return match !== null && (match[1] === undefined || match[1].length - 1 <= DECIMAL_SCALE);
}

/** Parses a non-negative decimal such as "1200.50"; throws on anything else (callers validate first). */
export function parseDecimal(text: string): Micros {
  if (!isDecimalString(text)) throw new RangeError(`not a decimal with at most ${DECIMAL_SCALE} places: ${text}`);
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * UNIT + BigInt(fraction.padEnd(DECIMAL_SCALE, '0'));
}

/** Accepts the decimal text of SQL numeric (which may carry a sign and trailing zeros). */
export function parseSignedDecimal(text: string): Micros {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole, fraction = ''] = body.split('.');
  const trimmed = fraction.slice(0, DECIMAL_SCALE).padEnd(DECIMAL_SCALE, '0');
  const value = BigInt(whole || '0') * UNIT + BigInt(trimmed);
  return negative ? -value : value;
}

export function formatDecimal(value: Micros): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / UNIT;
  const fraction = (abs % UNIT).toString().padStart(DECIMAL_SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Rounds half away from zero to `places` decimals and returns the decimal text ("128138.48"). */
export function roundDecimal(value: Micros, places: number): string {
  const step = 10n ** BigInt(DECIMAL_SCALE - places);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const rounded = ((abs + step / 2n) / step) * step;
  return formatDecimal(negative ? -rounded : rounded);
}
