import {
  NOT_PERSONAL_COLUMNS,
  PERSONAL_DATA_COLUMNS,
  PERSONAL_LOOKING_COLUMN,
} from '../../../src/storage/personal-data';
import { TestDb, createTestDb } from '../../support/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function columns(): Promise<string[]> {
  const result = await t.db.raw(
    `select table_name, column_name from information_schema.columns
     where table_schema = ? and table_name not like 'knex_%' order by table_name, column_name`,
    [t.schema],
  );
  return (result.rows as { table_name: string; column_name: string }[]).map(
    (row) => `${row.table_name}.${row.column_name}`,
  );
}

/** Migrated columns that look personal and are in neither list. */
async function unlistedColumns(): Promise<string[]> {
  const listed = new Set([
    ...PERSONAL_DATA_COLUMNS.map((c) => `${c.table}.${c.column}`),
    ...Object.keys(NOT_PERSONAL_COLUMNS),
  ]);
  return (await columns()).filter((name) => PERSONAL_LOOKING_COLUMN.test(name.split('.')[1]) && !listed.has(name));
}

describe('storage/personal-data.ts names every place of personal data', () => {
  it('lists every migrated column that looks personal, as personal data or with the reason it is not', async () => {
    expect(await unlistedColumns()).toEqual([]);
  });

  it('lists only columns that exist', async () => {
    const existing = new Set(await columns());
    const listed = [
      ...PERSONAL_DATA_COLUMNS.map((c) => `${c.table}.${c.column}`),
      ...Object.keys(NOT_PERSONAL_COLUMNS),
    ];
    expect(listed.filter((name) => !existing.has(name))).toEqual([]);
  });

  it('fails when a migration adds a personal-looking column the list lacks', async () => {
    await t.db.schema.alterTable('connector_calls', (table) => table.jsonb('payload'));
    try {
      expect(await unlistedColumns()).toEqual(['connector_calls.payload']);
    } finally {
      await t.db.schema.alterTable('connector_calls', (table) => table.dropColumn('payload'));
    }
  });
});
