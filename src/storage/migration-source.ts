import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';

/**
 * Migrations are recorded in knex_migrations under their file name without extension
 * (`20261126000100_reporting_core`), so the CLI (run by tsx from `migrations/*.ts`) and the built server
 * (`dist/migrations/*.js`) agree on what has been applied to one database.
 */
export const MIGRATIONS_TABLE = 'knex_migrations';

const MIGRATION_FILE = /^(.+)\.(ts|js)$/;

export interface MigrationFile {
  name: string;
  file: string;
}

/** The migrations in `directory`, by name; a `.d.ts` is skipped, and of `x.ts` and `x.js` the running code's kind wins. */
export function migrationFiles(directory: string, preferredExtension = path.extname(__filename)): MigrationFile[] {
  const byName = new Map<string, MigrationFile>();
  for (const entry of fs.readdirSync(directory).sort()) {
    const match = MIGRATION_FILE.exec(entry);
    if (!match || entry.endsWith('.d.ts')) continue;
    const name = match[1];
    const existing = byName.get(name);
    if (existing && path.extname(existing.file) === preferredExtension) continue;
    byName.set(name, { name, file: path.join(directory, entry) });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function migrationSource(directory: string): Knex.MigrationSource<MigrationFile> {
  return {
    getMigrations: async () => migrationFiles(directory),
    getMigrationName: (migration) => migration.name,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    getMigration: async (migration) => require(migration.file) as Knex.Migration,
  };
}

/**
 * Databases migrated before names were extension-free recorded `…_reporting_core.ts` (the CLI) or
 * `….js` (the built server); renames those rows in place so both kinds of process accept the database.
 */
export async function normaliseRecordedMigrationNames(db: Knex, schema: string | undefined): Promise<number> {
  const exists = schema
    ? await db.schema.withSchema(schema).hasTable(MIGRATIONS_TABLE)
    : await db.schema.hasTable(MIGRATIONS_TABLE);
  if (!exists) return 0;
  const table = schema ? db.raw('??.??', [schema, MIGRATIONS_TABLE]) : db.raw('??', [MIGRATIONS_TABLE]);
  const result = await db.raw(
    `update ? set name = regexp_replace(name, '\\.(ts|js)$', '') where name ~ '\\.(ts|js)$'`,
    [table],
  );
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}
