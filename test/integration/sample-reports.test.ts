import { campaignOverviewJson } from '../../src/domain/campaign-overview';
import { ingestRequest } from '../../src/ingest/ingest-request';
import { loadCampaignReport } from '../../src/reports/campaign-report';
import { loadMonthlyUsage, loadUsageReport } from '../../src/reports/usage-report';
import { rebuildRollups } from '../../src/storage/rebuild-rollups';
import { TestDb, createTestDb } from '../support/test-db';
import { expectSubset, expected, loadSample } from '../support/sample-data';

const CAMPAIGNS = ['cmp-1-000', 'cmp-1-001', 'cmp-1-002'];

async function reportsOf(t: TestDb) {
  const deps = { db: t.db };
  const reports: Record<string, unknown> = {};
  for (const id of CAMPAIGNS) reports[id] = (await loadCampaignReport(deps, 'default', id)).overview;
  reports['2026-10'] = await loadMonthlyUsage(deps, 'default', '2026-10');
  reports['2026-11'] = await loadMonthlyUsage(deps, 'default', '2026-11');
  return reports;
}

describe.each(['campaigns-first', 'calls-first'] as const)('the sample data set imported %s', (order) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const [first, second] = await loadSample(t.db, order);
    const [calls, events] = order === 'calls-first' ? [first, second] : [second, first];
    expect(calls).toMatchObject({ accepted: 111, duplicates: 0, updated: 0, rejected: 0 });
    expect(events).toMatchObject({ accepted: 3, duplicates: 0, updated: 0, rejected: 0 });
  });
  afterAll(() => t.drop());

  it.each(CAMPAIGNS)('reproduces every expected figure of %s', async (id) => {
    const report = await loadCampaignReport({ db: t.db }, 'default', id);
    expectSubset(campaignOverviewJson(report.overview), expected(`report-${id}.json`));
  });

  it.each(['2026-10', '2026-11'])('reproduces the monthly usage of %s, cut in Asia/Ho_Chi_Minh', async (month) => {
    const { usage } = await loadUsageReport({ db: t.db }, 'default', { month });
    expectSubset(usage, expected(`usage-${month}.json`));
  });

  it('keeps rollups equal to a rebuild from the calls', async () => {
    const incremental = await reportsOf(t);
    await t.db.transaction((trx) => rebuildRollups(trx, 'default'));
    expect(await reportsOf(t)).toEqual(incremental);
  });

  it('counts a call in the hours where a UTC cut would differ in the month of Asia/Ho_Chi_Minh (runs last: it adds a call)', async () => {
    // 2026-10-31T17:30:00Z is 2026-11-01 00:30 in Ho Chi Minh City (docs/metrics.md): November there, October in UTC.
    const before = {
      october: await loadMonthlyUsage({ db: t.db }, 'default', '2026-10'),
      november: await loadMonthlyUsage({ db: t.db }, 'default', '2026-11'),
    };
    const call = {
      type: 'call.completed',
      call_id: 'call-hcm-midnight',
      campaign_id: 'cmp-1-002',
      bot_id: 'bot-care',
      customer_id: 'cus-hcm-midnight',
      started_at: '2026-10-31T17:30:00Z',
      answered_at: '2026-10-31T17:30:05Z',
      ended_at: '2026-10-31T17:31:05Z',
      result_code: 'PAID',
      messages: 4,
    };
    await ingestRequest(t.db, 'default', Buffer.from(JSON.stringify([call])), 'application/json');
    const october = await loadMonthlyUsage({ db: t.db }, 'default', '2026-10');
    const november = await loadMonthlyUsage({ db: t.db }, 'default', '2026-11');
    expect(october.total).toEqual(before.october.total);
    expect(november.total).toEqual({
      ...before.november.total,
      totalCalls: before.november.total.totalCalls + 1,
      sessions: before.november.total.sessions + 1,
      blocks: before.november.total.blocks + 2, // 60 s in bot-care's 30 s blocks
      messages: before.november.total.messages + 4,
      callDurationMs: before.november.total.callDurationMs + 60_000,
      dialingDurationMs: before.november.total.dialingDurationMs + 5_000,
    });
  });
});
