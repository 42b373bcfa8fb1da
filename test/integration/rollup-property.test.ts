import fc from 'fast-check';
import { storeItems } from '../../src/ingest/store-items';
import { IngestItem, validateEventObject } from '../../src/ingest/validate-record';
import { loadCampaignReport } from '../../src/reports/campaign-report';
import { loadMonthlyUsage } from '../../src/reports/usage-report';
import { rebuildRollups } from '../../src/storage/rebuild-rollups';
import { upsertAccount } from '../../src/storage/accounts';
import { saveTariff } from '../../src/storage/voicebots';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const CODES = ['BS', 'NA', 'CU', 'PAID', 'REFUSE'];
const callArb = fc.record({
  id: fc.integer({ min: 0, max: 12 }),
  campaign: fc.constantFrom('p1', 'p2'),
  bot: fc.constantFrom('b1', 'b2'),
  customer: fc.integer({ min: 0, max: 5 }),
  attempt: fc.integer({ min: 1, max: 3 }),
  startMinute: fc.integer({ min: 0, max: 60 * 24 * 40 }),
  dialMs: fc.integer({ min: 0, max: 60_000 }),
  talkMs: fc.integer({ min: 0, max: 900_000 }),
  code: fc.constantFrom(...CODES),
  messages: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  cost: fc.option(fc.constantFrom('0.10', '0.20', '1200.50', '3'), { nil: undefined }),
});

type GeneratedCall = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

function toItem(call: GeneratedCall): IngestItem {
  const started = new Date(Date.UTC(2026, 9, 1) + call.startMinute * 60_000);
  const answered = !['BS', 'NA', 'CU'].includes(call.code);
  const answeredAt = new Date(started.getTime() + call.dialMs);
  const ended = new Date(answeredAt.getTime() + (answered ? call.talkMs : 0));
  const { item, problems } = validateEventObject({
    type: 'call.completed',
    call_id: `k${call.id}`,
    campaign_id: call.campaign,
    bot_id: call.bot,
    customer_id: `u${call.customer}`,
    attempt: call.attempt,
    started_at: started.toISOString(),
    answered_at: answered ? answeredAt.toISOString() : null,
    ended_at: ended.toISOString(),
    result_code: call.code,
    messages: call.messages,
    cost: call.cost,
  });
  if (!item) throw new Error(JSON.stringify(problems));
  return item;
}

async function snapshot(account: string) {
  const deps = { db: t.db };
  return {
    p1: (await loadCampaignReport(deps, account, 'p1')).overview,
    p2: (await loadCampaignReport(deps, account, 'p2')).overview,
    october: await loadMonthlyUsage(deps, account, '2026-10'),
    november: await loadMonthlyUsage(deps, account, '2026-11'),
    firstCalls: await firstCalls(account),
  };
}

/** Each campaign's first call as kept on its row (the previous-campaign search reads it). */
async function firstCalls(account: string): Promise<Record<string, string | null>> {
  const rows = (await t.db('campaigns').where('account_id', account).select('campaign_id', 'first_call_at')) as {
    campaign_id: string;
    first_call_at: Date | null;
  }[];
  return Object.fromEntries(rows.map((row) => [row.campaign_id, row.first_call_at?.toISOString() ?? null]));
}

/** The same from the calls themselves. */
async function earliestCalls(account: string): Promise<Record<string, string | null>> {
  const rows = (await t
    .db('campaigns as c')
    .leftJoin('calls as k', function join() {
      this.on('k.account_id', 'c.account_id').andOn('k.campaign_id', 'c.campaign_id');
    })
    .where('c.account_id', account)
    .groupBy('c.campaign_id')
    .select('c.campaign_id', t.db.raw('min(k.started_at) as first_call_at'))) as {
    campaign_id: string;
    first_call_at: Date | null;
  }[];
  return Object.fromEntries(rows.map((row) => [row.campaign_id, row.first_call_at?.toISOString() ?? null]));
}

describe('rollups kept by deltas', () => {
  it('equal a rebuild from the calls after any sequence of new calls, duplicates and corrections (first calls too)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(callArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          run += 1;
          const account = `prop${run}`;
          await upsertAccount(t.db, account, {}, 'Asia/Ho_Chi_Minh');
          await saveTariff(t.db, account, 'b1', { blockSeconds: 30, pricePerBlock: '0.70' });
          const started = (campaign: string) =>
            validateEventObject({
              type: 'campaign.started',
              campaign_id: campaign,
              bot_id: 'b1',
              at: '2026-10-01T00:00:00Z',
            }).item as IngestItem;
          await t.db.transaction((trx) => storeItems(trx, account, [started('p1'), started('p2')], new Date()));
          for (const batch of batches) {
            await t.db.transaction((trx) => storeItems(trx, account, batch.map(toItem), new Date()));
          }
          const incremental = await snapshot(account);
          expect(incremental.firstCalls).toEqual(await earliestCalls(account));
          await t.db.transaction((trx) => rebuildRollups(trx, account));
          expect(await snapshot(account)).toEqual(incremental);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
