import { randomBytes } from 'node:crypto';
import knex from 'knex';
import { Db, createDb, migrateLatest } from '../../src/storage/connection';
import { ensureDefaultAccount } from '../../src/storage/accounts';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  schema: string;
  /** A DATABASE_URL that lands in this schema, for child processes and the CLI. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL schema per suite, migrated, with the default account (Asia/Ho_Chi_Minh); or left
 * empty (`migrated: false`) for a suite whose processes migrate it themselves.
 */
export async function createTestDb(options: { migrated?: boolean } = {}): Promise<TestDb> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const db = createDb({ databaseUrl: TEST_DATABASE_URL, schema, poolMax: 5 });
  if (options.migrated !== false) {
    await migrateLatest(db);
    await ensureDefaultAccount(db, 'Asia/Ho_Chi_Minh');
  }
  const separator = TEST_DATABASE_URL.includes('?') ? '&' : '?';
  return {
    db,
    schema,
    url: `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      await db.destroy();
      const cleanup = knex({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });
      await cleanup.raw(`drop schema if exists ${schema} cascade`);
      await cleanup.destroy();
    },
  };
}

/**
 * `fn` with a pool of one connection on the test schema: every statement runs in one session, the one that
 * prepared the named statements (storage/connection preparedAs).
 */
export async function inOneSession<T>(t: TestDb, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ databaseUrl: TEST_DATABASE_URL, schema: t.schema, poolMax: 1 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
