import fc from 'fast-check';
import { monthRange } from '../../../src/domain/time-zone';
import { storeItems } from '../../../src/ingest/store-items';
import { IngestItem, validateEventObject } from '../../../src/ingest/validate-record';
import { upsertAccount } from '../../../src/storage/accounts';
import { loadBotUsage } from '../../../src/storage/usage';
import { TestDb, createTestDb } from '../../support/test-db';

const ACCOUNT = 'usage';
const QUARTER_HOUR = 900_000;
const FROM = Date.UTC(2026, 9, 29); // calls from 2026-10-29 to 2026-11-03, UTC
const SPAN = 5 * 86_400_000;

/** A call every 7 minutes or so over five days, two bots, some answered; deterministic. */
function callAt(i: number): IngestItem {
  const started = FROM + ((i * 419_993) % SPAN);
  const answered = i % 3 !== 0;
  const { item, problems } = validateEventObject({
    type: 'call.completed',
    call_id: `u${i}`,
    campaign_id: `c${i % 4}`,
    bot_id: i % 2 === 0 ? 'bot-a' : 'bot-b',
    customer_id: `k${i % 50}`,
    started_at: new Date(started).toISOString(),
    answered_at: answered ? new Date(started + 3_000).toISOString() : null,
    ended_at: new Date(started + (answered ? 95_000 : 20_000)).toISOString(),
    result_code: answered ? 'PAID' : 'NA',
    messages: answered ? i % 9 : 0,
  });
  if (!item) throw new Error(JSON.stringify(problems));
  return item;
}

/**
 * Usage reads whole UTC days from bot_usage_days and the part-days at the ends from the 15-minute buckets;
 * over any range cut at quarter hours it must equal a GROUP BY of the calls themselves.
 */
describe('usage per voicebot over a range', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await upsertAccount(t.db, ACCOUNT, {}, 'Asia/Ho_Chi_Minh');
    const items = Array.from({ length: 1_000 }, (_, i) => callAt(i));
    await t.db.transaction((trx) => storeItems(trx, ACCOUNT, items.slice(0, 600), new Date()));
    await t.db.transaction((trx) => storeItems(trx, ACCOUNT, items.slice(600), new Date()));
  });
  afterAll(() => t?.drop());

  async function fromCalls(start: Date, end: Date): Promise<unknown[]> {
    const result = await t.db.raw(
      `select bot_id, count(*) filter (where status = 'successful')::int as sessions, sum(messages)::int as messages,
              sum(blocks)::int as blocks, sum(dialing_duration_ms)::int as dialing, sum(call_duration_ms)::int as talking,
              count(*)::int as calls
       from calls where account_id = ? and started_at >= ? and started_at < ? group by bot_id order by bot_id`,
      [ACCOUNT, start.toISOString(), end.toISOString()],
    );
    return result.rows;
  }

  async function ours(start: Date, end: Date): Promise<unknown[]> {
    return (await loadBotUsage(t.db, ACCOUNT, start, end)).map((bot) => ({
      bot_id: bot.botId,
      sessions: bot.sessions,
      messages: bot.messages,
      blocks: bot.blocks,
      dialing: bot.dialingDurationMs,
      talking: bot.callDurationMs,
      calls: bot.totalCalls,
    }));
  }

  it('equals the calls over months cut at midnight in zones a quarter or half hour off UTC', async () => {
    for (const zone of ['Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'America/St_Johns', 'UTC', 'Pacific/Chatham']) {
      for (const month of ['2026-10', '2026-11']) {
        const { start, end } = monthRange(month, zone);
        const expected = await fromCalls(start, end);
        expect(expected.length).toBeGreaterThan(0);
        expect(await ours(start, end)).toEqual(expected);
      }
    }
  });

  it('equals the calls over any range cut at quarter hours: within a day, across days, from a midnight', async () => {
    const quarter = fc.integer({ min: -100, max: SPAN / QUARTER_HOUR + 100 });
    await fc.assert(
      fc.asyncProperty(quarter, quarter, async (a, b) => {
        const [start, end] = [
          new Date(FROM + Math.min(a, b) * QUARTER_HOUR),
          new Date(FROM + Math.max(a, b) * QUARTER_HOUR),
        ];
        expect(await ours(start, end)).toEqual(await fromCalls(start, end));
      }),
      { numRuns: 60 },
    );
  });

  it('reads one bot alone when asked', async () => {
    const { start, end } = monthRange('2026-11', 'Asia/Ho_Chi_Minh');
    const [bot] = await loadBotUsage(t.db, ACCOUNT, start, end, 'bot-b');
    const all = await loadBotUsage(t.db, ACCOUNT, start, end);
    expect(bot).toEqual(all.find((entry) => entry.botId === 'bot-b'));
    expect((await loadBotUsage(t.db, ACCOUNT, start, end, 'bot-b')).map((entry) => entry.botId)).toEqual(['bot-b']);
  });
});
