import { findCampaign, listCampaigns } from '../../../src/storage/campaigns';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb, inOneSession } from '../../support/test-db';

/** The campaign reads every answer makes are prepared by name once per session (storage/connection preparedAs). */
describe('campaign reads prepared by name', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
  });
  afterAll(() => t?.drop());

  it('still answer in a session that prepared them before a migration added a column', async () => {
    await inOneSession(t, async (db) => {
      const before = [await findCampaign(db, 'default', 'cmp-1-000'), await listCampaigns(db, 'default', 10)];
      await db.raw('alter table campaigns add column added_later integer');
      const after = [await findCampaign(db, 'default', 'cmp-1-000'), await listCampaigns(db, 'default', 10)];
      expect(after).toEqual(before);
      expect(before[0]).toMatchObject({ id: 'cmp-1-000' });
    });
  });
});
