import { ensureDefaultAccount } from '../../src/storage/accounts';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function tables(): Promise<string[]> {
  const result = await t.db.raw(
    'select table_name from information_schema.tables where table_schema = ? order by table_name',
    [t.schema],
  );
  return (result.rows as { table_name: string }[])
    .map((row) => row.table_name)
    .filter((name) => !name.startsWith('knex_'));
}

describe('migrations', () => {
  it('go all the way down and up again to the same schema', async () => {
    const migrated = await tables();
    expect(migrated).toEqual(
      expect.arrayContaining([
        'accounts',
        'calls',
        'campaigns',
        'campaign_rollups',
        'bot_usage_buckets',
        'subscriptions',
      ]),
    );
    await t.db.migrate.rollback(undefined, true);
    expect(await tables()).toEqual([]);
    await t.db.migrate.latest();
    expect(await tables()).toEqual(migrated);
  });
});

describe('the live and alerts subscription options', () => {
  it('leave a subscription made before them with what it had (neither live nor alerts)', async () => {
    await ensureDefaultAccount(t.db, 'Asia/Ho_Chi_Minh');
    await t.db.migrate.down({ name: '20261206000100_subscription_live_alerts' });
    const columns = await t.db('subscriptions').columnInfo();
    expect(columns).not.toHaveProperty('live');
    await t.db('subscriptions').insert({
      account_id: 'default',
      platform: 'slack',
      workspace_id: 'T1',
      destination: 'C0OLD',
      target_kind: 'all',
      target_id: '',
      summaries: true,
      digest: true,
    });
    await t.db.migrate.up({ name: '20261206000100_subscription_live_alerts' });
    const row = await t.db('subscriptions').where({ destination: 'C0OLD' }).first();
    expect([row.summaries, row.digest, row.live, row.alerts]).toEqual([true, true, false, false]);
  });
});
