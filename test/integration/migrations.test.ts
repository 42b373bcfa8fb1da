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
