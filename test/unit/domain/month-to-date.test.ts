import { daysInMonth, monthProgressAt, projectBlocks, withMonthToDate } from '../../../src/domain/month-to-date';
import { buildMonthlyUsage } from '../../../src/domain/usage';

const HCM = 'Asia/Ho_Chi_Minh';
const usage = (month: string) =>
  buildMonthlyUsage('default', month, HCM, [
    {
      botId: 'bot-a',
      botName: 'A',
      sessions: 1,
      messages: 0,
      blocks: 100,
      dialingDurationMs: 0,
      callDurationMs: 0,
      totalCalls: 1,
    },
    {
      botId: 'bot-b',
      botName: 'B',
      sessions: 1,
      messages: 0,
      blocks: 7,
      dialingDurationMs: 0,
      callDurationMs: 0,
      totalCalls: 1,
    },
  ]);

describe('month to date (docs/metrics.md "Comparisons")', () => {
  it('counts the days of the month in the calendar, February of a leap year included', () => {
    expect([daysInMonth('2026-12'), daysInMonth('2026-11'), daysInMonth('2026-02'), daysInMonth('2028-02')]).toEqual([
      31, 30, 28, 29,
    ]);
  });

  it('counts today as elapsed, in the account zone: 2026-12-06 in Asia/Ho_Chi_Minh is day 6 of 31', () => {
    expect(monthProgressAt('2026-12', new Date('2026-12-06T03:00:00Z'), HCM)).toEqual({
      daysElapsed: 6,
      daysInMonth: 31,
    });
    // 2026-11-30T17:30Z is already 1 December 00:30 in Ho Chi Minh City: day 1 of December, not November.
    expect(monthProgressAt('2026-12', new Date('2026-11-30T17:30:00Z'), HCM)).toEqual({
      daysElapsed: 1,
      daysInMonth: 31,
    });
    expect(monthProgressAt('2026-11', new Date('2026-11-30T17:30:00Z'), HCM)).toBeNull();
    expect(monthProgressAt('2026-11', new Date('2026-11-30T16:59:59Z'), HCM)).toEqual({
      daysElapsed: 30,
      daysInMonth: 30,
    });
  });

  it('projects blocks × days in month / days elapsed, rounded half up', () => {
    const progress = { daysElapsed: 6, daysInMonth: 31 };
    expect(projectBlocks(100, progress)).toBe(517); // 3100 / 6 = 516.67
    expect(projectBlocks(7, progress)).toBe(36); // 217 / 6 = 36.17
    expect(projectBlocks(6, { daysElapsed: 4, daysInMonth: 30 })).toBe(45); // 180 / 4 = 45
    expect(projectBlocks(1, { daysElapsed: 4, daysInMonth: 30 })).toBe(8); // 30 / 4 = 7.5 → 8 (half up)
    expect(projectBlocks(0, progress)).toBe(0);
    expect(projectBlocks(100, { daysElapsed: 31, daysInMonth: 31 })).toBe(100);
  });

  it('marks the running month with its projection per bot and in total, and a month that has ended only as not month to date', () => {
    const now = new Date('2026-12-06T03:00:00Z');
    const current = withMonthToDate(usage('2026-12'), now);
    expect(current.monthToDate).toBe(true);
    expect(current.projection).toEqual({ daysElapsed: 6, daysInMonth: 31 });
    expect(current.bots.map((bot) => bot.projectedBlocks)).toEqual([517, 36]);
    // The total is projected from the total (107 × 31 / 6 = 552.83), not summed from the rounded rows (553).
    expect(current.total.projectedBlocks).toBe(553);
    const ended = withMonthToDate(usage('2026-11'), now);
    expect(ended).toEqual({ ...usage('2026-11'), monthToDate: false });
    expect(JSON.stringify(ended)).not.toContain('projectedBlocks');
  });
});
