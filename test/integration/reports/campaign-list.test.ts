import { loadCampaignList } from '../../../src/reports/campaign-list';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { ingestRequest } from '../../../src/ingest/ingest-request';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb } from '../../support/test-db';

/** `list` reads every campaign's totals in one statement; each must be what its overview says. */
describe('campaign list', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
    const announced = { type: 'campaign.completed', campaign_id: 'cmp-9-empty', bot_id: 'bot-debt', at: '2026-11-30T00:00:00Z' };
    await ingestRequest(t.db, 'default', Buffer.from(JSON.stringify([announced])), 'application/json', new Date());
  });
  afterAll(() => t?.drop());

  it("shows each campaign with its overview's calls, answer rate and last call", async () => {
    const list = await loadCampaignList({ db: t.db }, 'default');
    expect(list.campaigns.map((entry) => entry.id).sort()).toEqual(['cmp-1-000', 'cmp-1-001', 'cmp-1-002', 'cmp-9-empty']);
    for (const entry of list.campaigns.filter((campaign) => campaign.id !== 'cmp-9-empty')) {
      const { overview } = await loadCampaignReport({ db: t.db }, 'default', entry.id);
      expect(entry.totalCalls).toBe(overview.calls.total);
      expect(entry.answerRate).toBe(overview.rates.answerRate);
      expect(entry.lastCallAt).toBe(overview.campaign.lastCallAt);
    }
    expect(list.campaigns.find((entry) => entry.id === 'cmp-1-000')).toMatchObject({
      totalCalls: 43,
      answerRate: 18 / 43,
    });
  });

  it('shows a campaign without calls with none, no rate and no last call', async () => {
    const list = await loadCampaignList({ db: t.db }, 'default');
    expect(list.campaigns.find((entry) => entry.id === 'cmp-9-empty')).toMatchObject({
      totalCalls: 0,
      answerRate: null,
      lastCallAt: null,
    });
  });
});
