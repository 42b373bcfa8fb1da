import { storeItems } from '../../src/ingest/store-items';
import { validateEventObject, IngestItem } from '../../src/ingest/validate-record';
import { loadMonthlyUsage, loadUsageReport } from '../../src/reports/usage-report';
import { upsertAccount } from '../../src/storage/accounts';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, 'ny', {}, 'America/New_York');
  await upsertAccount(t.db, 'hcm', {}, 'Asia/Ho_Chi_Minh');
  const calls = [
    ['a', '2026-11-01T03:30:00Z', 'bot-1'], // Oct 31 23:30 EDT: October in New York, November in Ho Chi Minh City
    ['b', '2026-11-01T04:30:00Z', 'bot-1'], // Nov 1 00:30 EDT: November
    ['c', '2026-12-01T04:30:00Z', 'bot-2'], // Nov 30 23:30 EST (after DST ended): November
    ['d', '2026-12-01T05:30:00Z', 'bot-2'], // Dec 1 00:30 EST: December
    ['e', '2026-10-31T16:59:59Z', 'bot-1'], // Oct 31 23:59:59 in Ho Chi Minh City
    ['f', '2026-10-31T17:30:00Z', 'bot-1'], // Nov 1 00:30 in Ho Chi Minh City (docs/metrics.md's example)
  ];
  const items = calls.map(([id, startedAt, bot]) => {
    const started = new Date(startedAt);
    const { item } = validateEventObject({
      type: 'call.completed',
      call_id: id,
      campaign_id: 'tz',
      bot_id: bot,
      customer_id: `cus-${id}`,
      started_at: startedAt,
      answered_at: new Date(started.getTime() + 5_000).toISOString(),
      ended_at: new Date(started.getTime() + 65_000).toISOString(),
      result_code: 'PAID',
      messages: 3,
    });
    return item as IngestItem;
  });
  for (const account of ['ny', 'hcm']) await t.db.transaction((trx) => storeItems(trx, account, items, new Date()));
});
afterAll(() => t.drop());

const callsIn = async (account: string, month: string) =>
  (await loadMonthlyUsage({ db: t.db }, account, month)).total.totalCalls;

describe('monthly usage is cut in the account time zone', () => {
  it('America/New_York across the end of daylight saving time', async () => {
    expect(await callsIn('ny', '2026-10')).toBe(3); // a, e, f
    expect(await callsIn('ny', '2026-11')).toBe(2); // b, c
    expect(await callsIn('ny', '2026-12')).toBe(1); // d
  });

  it('Asia/Ho_Chi_Minh, where 2026-10-31T17:30:00Z is November', async () => {
    expect(await callsIn('hcm', '2026-10')).toBe(1); // e
    expect(await callsIn('hcm', '2026-11')).toBe(3); // f, a, b
    expect(await callsIn('hcm', '2026-12')).toBe(2); // c, d
  });

  it('sums each figure per bot, ordered by bot, with a total row', async () => {
    const usage = await loadMonthlyUsage({ db: t.db }, 'ny', '2026-11');
    expect(
      usage.bots.map((b) => [
        b.botId,
        b.totalCalls,
        b.sessions,
        b.messages,
        b.callDurationMs,
        b.dialingDurationMs,
        b.blocks,
      ]),
    ).toEqual([
      ['bot-1', 1, 1, 3, 60_000, 5_000, 1],
      ['bot-2', 1, 1, 3, 60_000, 5_000, 1],
    ]);
    expect(usage.total).toEqual({
      sessions: 2,
      messages: 6,
      blocks: 2,
      dialingDurationMs: 10_000,
      callDurationMs: 120_000,
      totalCalls: 2,
    });
  });

  it('filters one bot and defaults to the last full month in the zone', async () => {
    expect((await loadMonthlyUsage({ db: t.db }, 'ny', '2026-11', 'bot-2')).bots.map((b) => b.botId)).toEqual([
      'bot-2',
    ]);
    const report = await loadUsageReport({ db: t.db }, 'ny', {
      now: new Date('2026-12-01T04:59:00Z'),
      withPrevious: true,
    });
    expect(report.usage.month).toBe('2026-10'); // still Nov 30 in New York
    expect(report.previous?.month).toBe('2026-09');
  });
});
