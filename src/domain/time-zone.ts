/**
 * Calendar months cut in an account's IANA time zone (docs/metrics.md "Monthly usage report"), using only Intl.
 * A month is the half-open interval [first local midnight, next month's first local midnight) as UTC instants.
 */
export interface MonthRange {
  month: string; // YYYY-MM
  start: Date;
  end: Date;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant in the zone, to the second. */
export function localFields(instant: Date, timeZone: string): LocalFields {
  const ms = instant.getTime();
  const offset = Number.isFinite(ms) ? steadyHourOffset(timeZone, Math.floor(ms / HOUR_MS)) : null;
  return offset === null ? intlLocalFields(instant, timeZone) : utcFields(new Date(ms + offset));
}

function intlLocalFields(instant: Date, timeZone: string): LocalFields {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour,
    minute: fields.minute,
    second: fields.second,
  };
}

function utcFields(shifted: Date): LocalFields {
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const HOUR_MS = 3_600_000;
/** Hours cached per zone before its cache starts again (a report reads a few days of hours at most). */
const HOURS_KEPT = 20_000;
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset during a UTC hour when it is the same at the hour's start and at the next one's, i.e. no
 * transition falls inside (zones change offset at most twice a year); null for the rare hour that holds one,
 * whose instants Intl then reads one by one. Reports format thousands of instants (calls, timelines): Intl's
 * formatToParts for each cost more than the rest of a calls list.
 */
function steadyHourOffset(timeZone: string, hour: number): number | null {
  let offsets = hourOffsets.get(timeZone);
  if (!offsets || offsets.size >= HOURS_KEPT) {
    offsets = new Map();
    hourOffsets.set(timeZone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = new Date(hour * HOUR_MS);
    const atStart = intlOffsetMs(start, timeZone);
    offset = atStart === intlOffsetMs(new Date((hour + 1) * HOUR_MS), timeZone) ? atStart : null;
    offsets.set(hour, offset);
  }
  return offset;
}

const intlOffsetMs = (instant: Date, timeZone: string) => offsetOf(intlLocalFields(instant, timeZone), instant);

/** The zone's offset from an instant's wall-clock fields there: the wall clock read as UTC, minus the instant. */
function offsetOf(f: LocalFields, instant: Date): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return offsetOf(localFields(instant, timeZone), instant);
}

const DAY_MS = 86_400_000;

/** The local calendar day of an instant, as the UTC epoch milliseconds of that date's midnight. */
function localDay(instant: number, timeZone: string): number {
  const f = localFields(new Date(instant), timeZone);
  return Date.UTC(f.year, f.month - 1, f.day);
}

function isLocalMidnight(instant: number, day: number, timeZone: string): boolean {
  const f = localFields(new Date(instant), timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) === day && instant % 1000 === 0;
}

/**
 * The first instant of a local calendar day: its midnight (the first one when a DST fall-back repeats
 * it), or, where a DST jump skips midnight (America/Havana, 2012-04-01: 00:00 became 01:00), the
 * instant of the jump, found by bisection between the two offsets around it.
 */
function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  const offsets = [zoneOffsetMs(new Date(wall - DAY_MS), timeZone), zoneOffsetMs(new Date(wall + DAY_MS), timeZone)];
  const candidates = offsets.map((offset) => wall - offset);
  const midnights = candidates.filter((instant) => isLocalMidnight(instant, wall, timeZone));
  if (midnights.length > 0) return new Date(Math.min(...midnights));
  // Midnight was skipped: the day starts where the local date first reaches it, between the candidates.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDay(middle, timeZone) >= wall) after = middle;
    else before = middle;
  }
  return new Date(after);
}

export function parseMonth(text: string): { year: number; month: number } | null {
  const match = MONTH_PATTERN.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

function formatMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function monthRange(month: string, timeZone: string): MonthRange {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`month must look like 2026-10, not "${month}"`);
  const nextYear = parsed.month === 12 ? parsed.year + 1 : parsed.year;
  const nextMonth = parsed.month === 12 ? 1 : parsed.month + 1;
  return {
    month,
    start: startOfLocalDay(parsed.year, parsed.month, 1, timeZone),
    end: startOfLocalDay(nextYear, nextMonth, 1, timeZone),
  };
}

export function monthOf(instant: Date, timeZone: string): string {
  const f = localFields(instant, timeZone);
  return formatMonth(f.year, f.month);
}

export function previousMonth(month: string): string {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`month must look like 2026-10, not "${month}"`);
  return parsed.month === 1 ? formatMonth(parsed.year - 1, 12) : formatMonth(parsed.year, parsed.month - 1);
}

/** The last calendar month that has fully ended at `now` in the zone (the CLI's default for `usage`). */
export function lastFullMonth(now: Date, timeZone: string): string {
  return previousMonth(monthOf(now, timeZone));
}
