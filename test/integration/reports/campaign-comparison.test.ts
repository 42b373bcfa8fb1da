import { campaignOverviewJson } from '../../../src/domain/campaign-overview';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { loadCampaignFacts, loadCampaignsFacts } from '../../../src/storage/campaign-facts';
import { DEFAULT_COMPLETION_WINDOWS } from '../../../src/domain/campaign-state';
import { renderCampaignTable } from '../../../src/render/cli/campaign';
import { TestDb, createTestDb } from '../../support/test-db';
import { ingestEvents } from '../delivery/support/delivery-env';

/**
 * docs/metrics.md "Comparisons" against the real PostgreSQL: which campaign is the previous one (ties, other bots,
 * incomplete campaigns, later first calls, the campaign itself) and the exact figures of the comparison.
 */
let t: TestDb;
const NOW = new Date('2026-12-06T03:00:00Z');
const deps = () => ({ db: t.db, now: () => NOW });
const LONG_AGO = new Date('2026-11-28T00:00:00Z'); // well past the 6 h idle timeout at NOW

interface Call {
  customer: string;
  code: string;
  /** Seconds from answered to ended; 0 for an unanswered call. */
  talk?: number;
  cost: string;
  attempt?: number;
}

function events(campaignId: string, botId: string, firstCall: string, calls: Call[]): Record<string, unknown>[] {
  return calls.map((call, i) => {
    const startedAt = new Date(new Date(firstCall).getTime() + i * 60_000);
    const answeredAt = call.talk === undefined ? null : new Date(startedAt.getTime() + 5_000);
    const endedAt = new Date((answeredAt ?? startedAt).getTime() + (call.talk ?? 20) * 1000);
    return {
      type: 'call.completed',
      call_id: `${campaignId}-${i}`,
      campaign_id: campaignId,
      campaign_name: `Name of ${campaignId}`,
      bot_id: botId,
      customer_id: call.customer,
      attempt: call.attempt ?? 1,
      started_at: startedAt.toISOString(),
      answered_at: answeredAt?.toISOString() ?? null,
      ended_at: endedAt.toISOString(),
      result_code: call.code,
      cost: call.cost,
    };
  });
}

const OTHER: Call[] = [
  { customer: 'c1', code: 'PAID', talk: 30, cost: '10' },
  { customer: 'c2', code: 'NA', cost: '0' },
];

beforeAll(async () => {
  t = await createTestDb();
  // bot-a, in order of first call. cmp-a-2b is the previous campaign of cmp-a-3 (the figures below).
  await ingestEvents(t.db, 'default', events('cmp-a-1', 'bot-a', '2026-11-01T01:00:00Z', OTHER), LONG_AGO);
  await ingestEvents(
    t.db,
    'default',
    events('cmp-a-2b', 'bot-a', '2026-11-10T01:00:00Z', [
      { customer: 'c1', code: 'PAID', talk: 60, cost: '1000' },
      { customer: 'c2', code: 'NA', cost: '0' },
      { customer: 'c3', code: 'PAID', talk: 120, cost: '2000.5' },
      { customer: 'c4', code: 'CU', cost: '0' },
    ]),
    LONG_AGO,
  );
  // Same first call as cmp-a-2b: the tie goes to the greater campaign id, cmp-a-2b.
  await ingestEvents(t.db, 'default', events('cmp-a-2a', 'bot-a', '2026-11-10T01:00:00Z', OTHER), LONG_AGO);
  // Earlier than cmp-a-3 but still running at NOW (its last call arrived an hour before, no completion event).
  await ingestEvents(
    t.db,
    'default',
    events('cmp-a-running', 'bot-a', '2026-11-15T01:00:00Z', OTHER),
    new Date(NOW.getTime() - 3_600_000),
  );
  // Earlier than cmp-a-3, complete, but of another bot.
  await ingestEvents(t.db, 'default', events('cmp-b-1', 'bot-b', '2026-11-19T01:00:00Z', OTHER), LONG_AGO);
  await ingestEvents(
    t.db,
    'default',
    events('cmp-a-3', 'bot-a', '2026-11-20T01:00:00Z', [
      { customer: 'c1', code: 'PAID', talk: 75, cost: '1000' },
      { customer: 'c2', code: 'PAID', talk: 45, cost: '1000.01' },
      { customer: 'c3', code: 'BS', cost: '0' },
      { customer: 'c1', code: 'NA', cost: '0', attempt: 2 },
    ]),
    LONG_AGO,
  );
  // Complete, of bot-a, but its first call is later than cmp-a-3's.
  await ingestEvents(t.db, 'default', events('cmp-a-4', 'bot-a', '2026-11-25T01:00:00Z', OTHER), LONG_AGO);
});
afterAll(() => t.drop());

/** The previous campaign as reports read it: inside the campaign's facts statement. */
const previousOf = async (id: string, botId = 'bot-a', now = NOW) =>
  (await loadCampaignFacts(t.db, 'default', { id, botId }, { now, windows: DEFAULT_COMPLETION_WINDOWS })).previous?.id ??
  null;

describe('the previous campaign (docs/metrics.md "Comparisons")', () => {
  it('is the latest earlier complete campaign of the same bot: not a running one, not another bot, not a later one', async () => {
    expect(await previousOf('cmp-a-3')).toBe('cmp-a-2b');
  });

  it('breaks a tie of first calls by the greater campaign id, and never picks the campaign itself', async () => {
    expect(await previousOf('cmp-a-2b')).toBe('cmp-a-1');
    expect(await previousOf('cmp-a-2a')).toBe('cmp-a-1');
    expect(await previousOf('cmp-a-1')).toBeNull();
  });

  it('takes a campaign once it completes: the running one counts after its idle timeout', async () => {
    expect(await previousOf('cmp-a-4')).toBe('cmp-a-3');
    const later = new Date(NOW.getTime() + 6 * 3_600_000);
    // At `later` cmp-a-running is complete; it is still earlier than cmp-a-3 but cmp-a-3 is later than it.
    expect(await previousOf('cmp-a-3', 'bot-a', later)).toBe('cmp-a-running');
  });

  it('takes a campaign the completion job recorded complete, even when a late call arrived since', async () => {
    const running = { account_id: 'default', campaign_id: 'cmp-a-running' };
    await t.db('campaigns').where(running).update({ state: 'complete' });
    try {
      expect(await previousOf('cmp-a-3')).toBe('cmp-a-running');
    } finally {
      await t.db('campaigns').where(running).update({ state: 'running' });
    }
    expect(await previousOf('cmp-a-3')).toBe('cmp-a-2b');
  });

  it('is none for a campaign of a bot with no other campaign', async () => {
    expect(await previousOf('cmp-b-1', 'bot-b')).toBeNull();
  });
});

describe('the overview comparison of cmp-a-3 with cmp-a-2b, figures by hand from docs/metrics.md', () => {
  it('carries the changes in points, ms and money, with both values', async () => {
    const report = await loadCampaignReport(deps(), 'default', 'cmp-a-3');
    // cmp-a-3: 2 of 4 calls answered (0.5); 2 of 3 customers approached; average (75 s + 45 s) / 2 = 60 s;
    // cost 2000.01 / 2 approached = 1000.005 → 1000.01 (half up).
    // cmp-a-2b: 2 of 4 answered (0.5); 2 of 4 customers approached (0.5); (60 s + 120 s) / 2 = 90 s;
    // cost 3000.50 / 2 = 1500.25.
    expect(campaignOverviewJson(report.overview).comparison).toEqual({
      previousCampaignId: 'cmp-a-2b',
      previousCampaignName: 'Name of cmp-a-2b',
      previousFirstCallAt: '2026-11-10T01:00:00.000Z',
      answerRatePoints: 0,
      // 100 × (2/3 − 2/4) = 100 × 2 / 12
      contactRatePoints: 200 / 12,
      previousAnswerRate: 0.5,
      previousContactRate: 0.5,
      averageCallDurationMs: { current: 60_000, previous: 90_000, change: -30_000 },
      costPerApproachedCustomer: { current: 1000.01, previous: 1500.25, change: -500.24, currency: 'VND' },
    });
    // The model keeps money as exact text for the renderers.
    expect(report.overview.comparison?.costPerApproachedCustomer).toEqual({
      current: '1000.01',
      previous: '1500.25',
      change: '-500.24',
      currency: 'VND',
    });
  });

  it('says the direction in words in the terminal report', async () => {
    const table = renderCampaignTable(await loadCampaignReport(deps(), 'default', 'cmp-a-3'));
    expect(table).toContain('Compared with the previous campaign: Name of cmp-a-2b (cmp-a-2b)');
    expect(table).toContain('Answer rate 50.0% — same as cmp-a-2b (50.0%)');
    expect(table).toContain('Contact rate 66.7% — up 16.7 points on cmp-a-2b (50.0%)');
    expect(table).toContain('Average call duration 0:01:00 — down 0:00:30 on cmp-a-2b (0:01:30)');
    // VND is shown without minor units, as every amount of the report is.
    expect(table).toContain('Cost per approached customer 1,000 ₫ — down 500 ₫ on cmp-a-2b (1,500 ₫)');
  });

  it('is null in the JSON when there is no previous campaign', async () => {
    const report = await loadCampaignReport(deps(), 'default', 'cmp-a-1');
    expect(campaignOverviewJson(report.overview).comparison).toBeNull();
  });
});

describe('the facts of several campaigns in one statement (a batch of deliveries)', () => {
  it('are each campaign\'s own, in the order asked, a repeat and an unknown campaign included', async () => {
    const at = { now: NOW, windows: DEFAULT_COMPLETION_WINDOWS };
    const asked = [
      { accountId: 'default', id: 'cmp-a-3', botId: 'bot-a' },
      { accountId: 'default', id: 'cmp-b-1', botId: 'bot-b' },
      { accountId: 'default', id: 'no-such-campaign', botId: 'bot-a' },
      { accountId: 'default', id: 'cmp-a-2b', botId: 'bot-a' },
      { accountId: 'default', id: 'cmp-a-3', botId: 'bot-a' },
    ];
    const one = await Promise.all(asked.map((c) => loadCampaignFacts(t.db, c.accountId, c, at)));
    expect(one.map((facts) => [facts.aggregates.total, facts.previous?.id ?? null])).toEqual([
      [4, 'cmp-a-2b'],
      [2, null],
      [0, null],
      [4, 'cmp-a-1'],
      [4, 'cmp-a-2b'],
    ]);
    expect(await loadCampaignsFacts(t.db, asked, at)).toEqual(one);
  });
});
