import { loadUsageReport } from '../../../src/reports/usage-report';
import { monthToDateWords } from '../../../src/render/month-to-date-words';
import { upsertAccount } from '../../../src/storage/accounts';
import { saveBudget } from '../../../src/storage/alert-settings';
import { TestDb, createTestDb } from '../../support/test-db';
import { ingestEvents } from '../delivery/support/delivery-env';

/**
 * docs/metrics.md "Comparisons", month to date, against the real PostgreSQL with the clock injected: on
 * 2026-12-06 in Asia/Ho_Chi_Minh, December has run 6 of its 31 days.
 */
let t: TestDb;
const NOW = new Date('2026-12-06T03:00:00Z');

function call(id: string, botId: string, startedAt: string, blocks: number): Record<string, unknown> {
  const start = new Date(startedAt);
  return {
    type: 'call.completed',
    call_id: id,
    campaign_id: `cmp-${botId}`,
    bot_id: botId,
    customer_id: id,
    attempt: 1,
    started_at: start.toISOString(),
    answered_at: new Date(start.getTime() + 1_000).toISOString(),
    ended_at: new Date(start.getTime() + 61_000).toISOString(),
    result_code: 'PAID',
    blocks,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  await ingestEvents(
    t.db,
    'default',
    [
      call('a1', 'bot-a', '2026-12-01T02:00:00Z', 40),
      call('a2', 'bot-a', '2026-12-05T02:00:00Z', 60),
      // 2026-11-30T17:30Z is 00:30 on 1 December in Ho Chi Minh City: December's.
      call('b1', 'bot-b', '2026-11-30T17:30:00Z', 7),
      // 2026-11-30T16:30Z is 23:30 on 30 November there: November's.
      call('b0', 'bot-b', '2026-11-30T16:30:00Z', 500),
    ],
    NOW,
  );
  await upsertAccount(t.db, 'utc', { timeZone: 'UTC' }, 'UTC');
  await ingestEvents(t.db, 'utc', [call('u1', 'bot-u', '2026-12-06T01:00:00Z', 10)], NOW);
});
afterAll(() => t.drop());

describe('the usage of the running month', () => {
  it('is marked month to date and projects blocks × 31 / 6, half up, per bot and in total', async () => {
    const { usage } = await loadUsageReport({ db: t.db, now: () => NOW }, 'default', { month: '2026-12' });
    expect(usage.monthToDate).toBe(true);
    expect(usage.projection).toEqual({ daysElapsed: 6, daysInMonth: 31 });
    // bot-a 100 × 31 / 6 = 516.67 → 517; bot-b 7 × 31 / 6 = 36.17 → 36; total 107 × 31 / 6 = 552.83 → 553.
    expect(usage.bots.map((bot) => [bot.botId, bot.blocks, bot.projectedBlocks])).toEqual([
      ['bot-a', 100, 517],
      ['bot-b', 7, 36],
    ]);
    expect([usage.total.blocks, usage.total.projectedBlocks]).toEqual([107, 553]);
  });

  it("carries a bot's monthly block budget beside its projection, in JSON and in words", async () => {
    await saveBudget(t.db, 'default', 'bot-a', 600, 'test');
    try {
      const report = await loadUsageReport({ db: t.db, now: () => NOW }, 'default', { month: '2026-12' });
      expect(report.usage.bots.map((bot) => [bot.botId, bot.projectedBlocks, bot.budgetBlocks])).toEqual([
        ['bot-a', 517, 600],
        ['bot-b', 36, undefined],
      ]);
      // 517 / 600 = 86.2 %.
      expect(monthToDateWords(report)?.rows.map((row) => row.projected)).toEqual([
        '517 (86.2% of the monthly budget of 600 blocks)',
        '36',
      ]);
    } finally {
      await saveBudget(t.db, 'default', 'bot-a', null, 'test');
    }
  });

  it('is the month running by the clock given in the options, before the deps clock', async () => {
    const lastDay = new Date('2026-12-31T16:00:00Z'); // 23:00 on the 31st there: 31 of 31
    const { usage } = await loadUsageReport({ db: t.db, now: () => NOW }, 'default', { month: '2026-12', now: lastDay });
    expect(usage.projection).toEqual({ daysElapsed: 31, daysInMonth: 31 });
    expect(usage.total.projectedBlocks).toBe(107);
  });

  it("cuts the days in the account's own zone", async () => {
    // 03:00Z on 6 December is day 6 in UTC too.
    const { usage } = await loadUsageReport({ db: t.db, now: () => NOW }, 'utc', { month: '2026-12' });
    expect([usage.projection, usage.total.projectedBlocks]).toEqual([{ daysElapsed: 6, daysInMonth: 31 }, 52]); // 10 × 31 / 6 = 51.67
    // 2026-11-30T17:30Z: still 30 November in UTC, already 1 December in Asia/Ho_Chi_Minh.
    const at = { db: t.db, now: () => new Date('2026-11-30T17:30:00Z') };
    expect((await loadUsageReport(at, 'utc', { month: '2026-11' })).usage.projection).toEqual({
      daysElapsed: 30,
      daysInMonth: 30,
    });
    expect((await loadUsageReport(at, 'default', { month: '2026-11' })).usage.monthToDate).toBe(false);
    expect((await loadUsageReport(at, 'default', { month: '2026-12' })).usage.projection).toEqual({
      daysElapsed: 1,
      daysInMonth: 31,
    });
  });

  it('is not marked for a month that has ended, nor for the default (last full) month', async () => {
    const november = await loadUsageReport({ db: t.db, now: () => NOW }, 'default', { month: '2026-11' });
    expect(november.usage).toMatchObject({ month: '2026-11', monthToDate: false });
    expect(november.usage.total).not.toHaveProperty('projectedBlocks');
    const byDefault = await loadUsageReport({ db: t.db, now: () => NOW }, 'default');
    expect(byDefault.usage).toMatchObject({ month: '2026-11', monthToDate: false });
  });
});
