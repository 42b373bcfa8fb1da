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

/** json: pg hands it over parsed, PGlite sometimes as text. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toIso(value: unknown): string | null {
  const date = toDate(value);
  return date ? date.toISOString() : null;
}

export interface PositionalColumn<Row> {
  /** The SQL column it fills. */
  column: string;
  /** Where the row holds its value. */
  key: keyof Row;
  /**
   * The SQL type the value is read as; text needs no cast. epoch_ms is a timestamptz sent as integer
   * milliseconds since 1970: exact, shorter than ISO text, and cheaper to read on both sides.
   */
  type: 'text' | 'int' | 'bigint' | 'numeric' | 'epoch_ms';
}

/**
 * Many rows as one parameter: a jsonb array of arrays, each value at its column's position. Against
 * json_to_recordset this sends about half the bytes (no key repeated per row) and PostgreSQL reads it back
 * in under half the time (a value by index, not by name). Used where a statement carries a row per call.
 */
export function positionalRowsSelect<Row>(columns: readonly PositionalColumn<Row>[]): string {
  const values = columns.map(({ column, type }, index) => {
    if (type === 'text') return `e->>${index} as ${column}`;
    if (type === 'epoch_ms') {
      // Whole seconds and the milliseconds apart: a single bigint × interval goes through a double and
      // drifts past the year 2255.
      const ms = `(e->>${index})::bigint`;
      return `timestamptz 'epoch' + (${ms} / 1000) * interval '1 second' + (${ms} % 1000) * interval '1 millisecond' as ${column}`;
    }
    return `(e->>${index})::${type} as ${column}`;
  });
  return `select ${values.join(', ')} from jsonb_array_elements(?::jsonb) as e`;
}

const rowToValues = new WeakMap<readonly PositionalColumn<never>[], (row: unknown) => unknown[]>();

/**
 * The function that lists a row's values in column order, compiled once per column list: a literal array
 * of plain property reads is several times faster than reading keys from a list, on a path run per call.
 */
function valuesOf<Row>(columns: readonly PositionalColumn<Row>[]): (row: Row) => unknown[] {
  const cached = rowToValues.get(columns as readonly PositionalColumn<never>[]);
  if (cached) return cached;
  const reads = columns.map(({ key }) => {
    if (typeof key !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      throw new Error(`not a plain property name: ${String(key)}`);
    return `row.${key} ?? null`;
  });
  const compiled = new Function('row', `return [${reads.join(', ')}];`) as (row: unknown) => unknown[];
  rowToValues.set(columns as readonly PositionalColumn<never>[], compiled);
  return compiled;
}

export function positionalRowsJson<Row>(rows: readonly Row[], columns: readonly PositionalColumn<Row>[]): string {
  const toValues = valuesOf(columns);
  return JSON.stringify(rows.map((row) => toValues(row)));
}
