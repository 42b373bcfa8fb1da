/** The one place where values from pg or PGlite (numbers, bigint strings, numeric strings) become ours. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return Number(value);
}

export function toNullableInt(value: unknown): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

/** numeric as exact decimal text. */
export function toDecimalText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

export function toIso(value: unknown): string | null {
  const date = toDate(value);
  return date ? date.toISOString() : null;
}
