import { lastFullMonth, monthOf, monthRange, previousMonth } from '../../../src/domain/time-zone';

describe('months cut in the account time zone', () => {
  it('a call at 2026-10-31T17:30:00Z belongs to November in Asia/Ho_Chi_Minh (docs/metrics.md)', () => {
    expect(monthOf(new Date('2026-10-31T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T16:59:59.999Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-10');
  });

  it('October 2026 in Asia/Ho_Chi_Minh runs from Sep 30 17:00 UTC to Oct 31 17:00 UTC', () => {
    const range = monthRange('2026-10', 'Asia/Ho_Chi_Minh');
    expect(range.start.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it('November 2026 in America/New_York starts in EDT and ends in EST (DST ends Nov 1)', () => {
    const range = monthRange('2026-11', 'America/New_York');
    expect(range.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(range.end.getTime() - range.start.getTime()).toBe((30 * 24 + 1) * 3600 * 1000);
  });

  it('March 2026 in America/New_York is an hour short (DST starts Mar 8)', () => {
    const range = monthRange('2026-03', 'America/New_York');
    expect(range.start.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-04-01T04:00:00.000Z');
  });

  it('a New York evening call on Oct 31 is October there and November in UTC', () => {
    const instant = new Date('2026-11-01T03:30:00Z');
    expect(monthOf(instant, 'America/New_York')).toBe('2026-10');
    expect(monthOf(instant, 'UTC')).toBe('2026-11');
  });

  it('December ends where January of the next year starts', () => {
    expect(monthRange('2026-12', 'Asia/Ho_Chi_Minh')).toEqual({
      month: '2026-12',
      start: new Date('2026-11-30T17:00:00.000Z'),
      end: new Date('2026-12-31T17:00:00.000Z'),
    });
    expect(monthRange('2027-01', 'Asia/Ho_Chi_Minh').start).toEqual(new Date('2026-12-31T17:00:00.000Z'));
  });

  it('the default usage month is the last full month in the zone', () => {
    expect(lastFullMonth(new Date('2026-11-30T18:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11');
    expect(lastFullMonth(new Date('2026-11-30T16:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-10');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('rejects months that are not YYYY-MM', () => {
    expect(() => monthRange('2026-13', 'UTC')).toThrow(RangeError);
    expect(() => monthRange('Oct', 'UTC')).toThrow(RangeError);
  });
});
