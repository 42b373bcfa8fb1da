import path from 'node:path';
import knex, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { createDb, migrateLatest } from '../../../src/storage/connection';
import { TEST_DATABASE_URL } from '../../support/test-db';

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');

/** Each case gets its own schema, migrated the way a release before extension-free names did. */
async function withSchema(run: (schema: string, url: string) => Promise<void>): Promise<void> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  try {
    await run(schema, TEST_DATABASE_URL);
  } finally {
    await admin.raw(`drop schema if exists ${schema} cascade`);
    await admin.destroy();
  }
}

function legacyDb(schema: string): Knex {
  return knex({
    client: 'pg',
    connection: { connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` },
    pool: { min: 0, max: 2 },
    migrations: { directory: MIGRATIONS_DIR, loadExtensions: ['.ts', '.js'], schemaName: schema },
  });
}

async function recordedNames(db: Knex, schema: string): Promise<string[]> {
  return (await db.withSchema(schema).table('knex_migrations').orderBy('id').pluck('name')) as string[];
}

describe('migration names', () => {
  it.each([
    ['.ts', 'the CLI (tsx)'],
    ['.js', 'the built server'],
  ])('a database recorded with %s names by %s migrates on without manual SQL', async (extension) => {
    await withSchema(async (schema) => {
      const legacy = legacyDb(schema);
      await legacy.migrate.latest();
      // The old file-system source recorded the file name; the built server's were the same names in .js.
      if (extension === '.js')
        await legacy.raw(`update ${schema}.knex_migrations set name = regexp_replace(name, '\\.ts$', '.js')`);
      const before = await recordedNames(legacy, schema);
      expect(before.every((name) => name.endsWith(extension))).toBe(true);
      await legacy.destroy();

      const db = createDb({ databaseUrl: TEST_DATABASE_URL, schema, poolMax: 2 });
      try {
        expect(await migrateLatest(db)).toEqual([]);
        const after = await recordedNames(db, schema);
        expect(after).toEqual(before.map((name) => name.slice(0, -extension.length)));
        expect(after[0]).toBe('20261126000100_reporting_core');
        // The schema is still there and usable, and a second start changes nothing.
        expect(await db.schema.withSchema(schema).hasTable('calls')).toBe(true);
        expect(await migrateLatest(db)).toEqual([]);
        expect(await recordedNames(db, schema)).toEqual(after);
      } finally {
        await db.destroy();
      }
    });
  });

  it('a fresh database records names without extension', async () => {
    await withSchema(async (schema) => {
      const db = createDb({ databaseUrl: TEST_DATABASE_URL, schema, poolMax: 2 });
      try {
        const applied = await migrateLatest(db);
        expect(applied.length).toBeGreaterThan(0);
        expect(applied.every((name) => !/\.(ts|js)$/.test(name))).toBe(true);
        expect(await recordedNames(db, schema)).toEqual(applied);
      } finally {
        await db.destroy();
      }
    });
  });
});
