import { DEFAULT_COMPLETION_WINDOWS } from '../../../src/domain/campaign-state';
import { loadCampaignFacts } from '../../../src/storage/campaign-facts';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb, inOneSession } from '../../support/test-db';

/** The facts statement of one campaign, run by every overview: parsed and planned once per session. */
describe('loadCampaignFacts', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
  });
  afterAll(() => t?.drop());

  it('keeps one generic plan after the five calls PostgreSQL plans for their values', async () => {
    await inOneSession(t, async (db) => {
      const at = { now: new Date('2026-12-01T00:00:00Z'), windows: DEFAULT_COMPLETION_WINDOWS };
      const read = () => loadCampaignFacts(db, 'default', { id: 'cmp-1-000', botId: 'bot-debt' }, at);
      const first = await read();
      for (let i = 0; i < 7; i += 1) expect(await read()).toEqual(first);
      const plans = await db.raw(
        `select generic_plans, custom_plans from pg_prepared_statements where name = 'campaign-facts-one'`,
      );
      expect(plans.rows).toEqual([{ generic_plans: 3, custom_plans: 5 }]);
      expect(first.aggregates.total).toBe(43);
    });
  });
});
