import { idPart } from '../../domain/delivery-ids';
import { CallRow, CallsReport } from '../../domain/report-model';
import { zoneOffsetMs } from '../../domain/time-zone';
import { Messages, messagesFor } from '../i18n/messages';
import { phoneOrReason, removedReason } from '../personal-data-removed';

/**
 * The detailed report as RFC 4180 CSV for the people who open it in a spreadsheet and the programs that
 * read it: full phones, CRLF, formula-injection safe. The first columns are for people, headed in the
 * account's language (times at the second in the account's zone, durations as h:mm:ss, the status in
 * words); the last keep the machine forms under fixed names (the instant with its offset to the millisecond,
 * the status code, durations in integer milliseconds).
 */

type PersonColumn =
  | 'startedAt'
  | 'callId'
  | 'customerId'
  | 'phone'
  | 'attempt'
  | 'status'
  | 'resultCode'
  | 'callDuration'
  | 'dialingDuration'
  | 'recordingLink';

const PERSON_COLUMNS: readonly PersonColumn[] = [
  'startedAt',
  'callId',
  'customerId',
  'phone',
  'attempt',
  'status',
  'resultCode',
  'callDuration',
  'dialingDuration',
  'recordingLink',
];

/** The machine columns, the same names in every language. */
export const CALLS_CSV_MACHINE_COLUMNS = ['started_at', 'status', 'call_duration_ms', 'dialing_duration_ms'] as const;

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

/** "2026-10-30T22:36:02.000+07:00": the instant in the zone's wall time with its offset, to the millisecond. */
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
    `.${String(ms).padStart(3, '0')}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

export function renderCallsCsvHeader(timeZone: string, locale: string): string {
  const m = messagesFor(locale);
  const person = PERSON_COLUMNS.map((column) => m.t(`csv.${column}`, { timeZone }));
  return [...person, ...CALLS_CSV_MACHINE_COLUMNS].map(csvField).join(',') + CRLF;
}

function csvRecord(row: CallRow, timeZone: string, m: Messages): string {
  return [
    m.instant(row.startedAt, timeZone),
    row.callId,
    row.customerId,
    phoneOrReason(row, m, (phone) => phone),
    String(row.attempt),
    m.callStatus(row.status),
    row.resultCode,
    m.duration(row.callDurationMs),
    m.duration(row.dialingDurationMs),
    row.recordingLink ?? removedReason(row, m) ?? '',
    formatIsoWithOffset(row.startedAt, timeZone),
    row.status,
    String(row.callDurationMs),
    String(row.dialingDurationMs),
  ]
    .map(csvField)
    .join(',');
}

/** Records for `rows`, each ending in CRLF, so that a caller can stream a long list page by page after the header. */
export function renderCallsCsvRows(rows: readonly CallRow[], timeZone: string, locale: string): string {
  const m = messagesFor(locale);
  let out = '';
  for (const row of rows) out += csvRecord(row, timeZone, m) + CRLF;
  return out;
}

export function renderCallsCsv(report: CallsReport): string {
  return (
    renderCallsCsvHeader(report.timeZone, report.locale) +
    renderCallsCsvRows(report.rows, report.timeZone, report.locale)
  );
}

/** Where the CSV's times are and in which language it is written: the account's zone and locale. */
export interface CallsCsvPlace {
  timeZone: string;
  locale: string;
}

/**
 * The header, then the records of each page as it comes: the whole detailed report as CSV, however long,
 * the same bytes whether the CLI prints it, an email attaches it or Slack uploads it.
 */
export async function* renderCallsCsvPages(
  pages: AsyncIterable<readonly CallRow[]>,
  place: CallsCsvPlace,
): AsyncGenerator<{ csv: string; rows: number }> {
  yield { csv: renderCallsCsvHeader(place.timeZone, place.locale), rows: 0 };
  for await (const page of pages)
    yield { csv: renderCallsCsvRows(page, place.timeZone, place.locale), rows: page.length };
}

/** `calls-<campaign>.csv`, the campaign id made safe for a file name (see idPart). */
export function callsCsvFilename(campaignId: string): string {
  return `calls-${idPart(campaignId)}.csv`;
}
