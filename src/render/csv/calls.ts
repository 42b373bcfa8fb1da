import { idPart } from '../../domain/delivery-ids';
import { CallRow, CallsReport } from '../../domain/report-model';
import { zoneOffsetMs } from '../../domain/time-zone';

/** The detailed report as RFC 4180 CSV for the ops team: full phones, CRLF, formula-injection safe. */

export const CALLS_CSV_COLUMNS = [
  'call_id',
  'customer_id',
  'phone',
  'attempt',
  'started_at',
  'status',
  'result_code',
  'call_duration_ms',
  'dialing_duration_ms',
  'recording_link',
] as const;

const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** A phone or number ("+84901234567", "-12.5", "+84 90 123-4567") cannot call a function, so it stays as is. */
const PLAIN_NUMBER = /^[+-]?\d[\d .()-]*$/;

/** Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula; an apostrophe keeps it text. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  const safe = neutralizeFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-10-30T22:36:02+07:00": the instant in the zone's wall time with its offset (milliseconds only when set). */
export function formatIsoWithOffset(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an instant: ${iso}`);
  // ISO 8601 offsets have no seconds: historical zones with second offsets are rounded to the minute.
  const offsetMinutes = Math.round(zoneOffsetMs(instant, timeZone) / 60_000);
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const ms = local.getUTCMilliseconds();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
    `T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}` +
    (ms ? `.${String(ms).padStart(3, '0')}` : '') +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

export function renderCallsCsvHeader(): string {
  return CALLS_CSV_COLUMNS.join(',') + CRLF;
}

function csvRecord(row: CallRow, timeZone: string): string {
  return [
    row.callId,
    row.customerId,
    row.phone ?? '',
    String(row.attempt),
    formatIsoWithOffset(row.startedAt, timeZone),
    row.status,
    row.resultCode,
    String(row.callDurationMs),
    String(row.dialingDurationMs),
    row.recordingLink ?? '',
  ]
    .map(csvField)
    .join(',');
}

/** Records for `rows`, each ending in CRLF, so that a caller can stream a long list page by page after the header. */
export function renderCallsCsvRows(rows: readonly CallRow[], timeZone: string): string {
  let out = '';
  for (const row of rows) out += csvRecord(row, timeZone) + CRLF;
  return out;
}

export function renderCallsCsv(report: CallsReport): string {
  return renderCallsCsvHeader() + renderCallsCsvRows(report.rows, report.timeZone);
}

/**
 * The header, then the records of each page as it comes: the whole detailed report as CSV, however long,
 * the same bytes whether the CLI prints it, an email attaches it or Slack uploads it.
 */
export async function* renderCallsCsvPages(pages: AsyncIterable<readonly CallRow[]>, timeZone: string): AsyncGenerator<{ csv: string; rows: number }> {
  yield { csv: renderCallsCsvHeader(), rows: 0 };
  for await (const page of pages) yield { csv: renderCallsCsvRows(page, timeZone), rows: page.length };
}

/** `calls-<campaign>.csv`, the campaign id made safe for a file name (see idPart). */
export function callsCsvFilename(campaignId: string): string {
  return `calls-${idPart(campaignId)}.csv`;
}
