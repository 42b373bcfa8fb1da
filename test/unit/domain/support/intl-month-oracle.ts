import { monthOf, monthRange } from '../../../../src/domain/time-zone';

/**
 * An oracle for month ranges from Intl's own calendar date (a formatter of the test's, not the code's):
 * a month starts at the first instant whose local date is its 1st, so the millisecond before is still the
 * previous month, and it ends where the next one starts.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function intlDate(instant: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

const monthText = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const previous = (year: number, month: number) => (month === 1 ? monthText(year - 1, 12) : monthText(year, month - 1));

/** The problems of one month's range, as sentences (none when it agrees with Intl). */
export function problemsOf(timeZone: string, year: number, month: number): string[] {
  const name = monthText(year, month);
  const range = monthRange(name, timeZone);
  const start = range.start.getTime();
  const problems: string[] = [];
  if (intlDate(start, timeZone).slice(0, 7) !== name)
    problems.push(`${timeZone} ${name}: starts at ${range.start.toISOString()}, local ${intlDate(start, timeZone)}`);
  if (intlDate(start - 1, timeZone).slice(0, 7) !== previous(year, month)) {
    problems.push(
      `${timeZone} ${name}: the ms before ${range.start.toISOString()} is local ${intlDate(start - 1, timeZone)}, not ${previous(year, month)}`,
    );
  }
  const next = month === 12 ? monthText(year + 1, 1) : monthText(year, month + 1);
  if (range.end.getTime() !== monthRange(next, timeZone).start.getTime())
    problems.push(`${timeZone} ${name}: ends where ${next} does not start`);
  if (monthOf(range.start, timeZone) !== name)
    problems.push(`${timeZone} ${name}: monthOf(start) is ${monthOf(range.start, timeZone)}`);
  return problems;
}
