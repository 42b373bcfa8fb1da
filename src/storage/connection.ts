import path from 'node:path';
import fs from 'node:fs';
import knex, { Knex } from 'knex';
import { types } from 'pg';
import ClientPgLite from 'knex-pglite';
import { MIGRATIONS_TABLE, migrationSource, normaliseRecordedMigrationNames } from './migration-source';

// pg hands int8 (counts, sums of milliseconds) back as strings; every figure we store fits a double exactly.
// numeric stays a string: money is parsed by domain/decimal, never by parseFloat. PGlite already returns
// numbers for int8, and row mappers still pass every value through storage/sql-values.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export type Db = Knex;

export interface DbOptions {
  databaseUrl?: string;
  /** Folder for the embedded database when no URL is given; `memory` keeps it in memory. */
  embeddedDataDir?: string;
  /** PostgreSQL schema to work in (tests give each suite its own). */
  schema?: string;
  poolMax?: number;
  /** How the connections are named in pg_stat_activity (application_name). */
  applicationName?: string;
}

/**
 * knex's own log, less its "Acquire connection error" warning: that error also reaches the caller, which
 * says in one line which database did not answer (database-reachability.ts).
 */
const KNEX_LOG: Knex.Config['log'] = {
  warn: (message: string) => {
    if (!String(message).startsWith('Acquire connection error')) process.emitWarning(String(message));
  },
};

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/**
 * A statement every report or chat answer runs, prepared once per connection under this name: PostgreSQL
 * parses it once, and keeps one generic plan once its estimate is as good as the plans made for each call's
 * values (campaign-facts.ts says how its statement earns that). The name must always come with the same SQL
 * text, and the statement names its columns (a column a migration adds would change a `*`'s result and fail
 * it); the embedded database ignores the name.
 */
export function preparedAs(name: string): { name: string } {
  return { name };
}

/**
 * Every statement here is a short indexed read or write, which PostgreSQL's JIT only slows down: when the
 * planner misjudges a range bound known only at run time (the pace window's), it compiled a 0.2 ms read for 10 ms.
 */
function withoutJit(connection: PgConnection, done: (err: Error | null, connection: PgConnection) => void): void {
  connection.query('set jit = off', (err: Error | null) => done(err, connection));
}

interface PgConnection {
  query(sql: string, callback: (err: Error | null) => void): void;
}

export function createDb(options: DbOptions): Db {
  if (options.databaseUrl) {
    const schema = options.schema;
    return knex({
      client: 'pg',
      connection: {
        connectionString: options.databaseUrl,
        ...(schema ? { options: `-c search_path=${schema}` } : {}),
        ...(options.applicationName ? { application_name: options.applicationName } : {}),
      },
      pool: { min: 0, max: options.poolMax ?? 10, afterCreate: withoutJit },
      migrations: migrationConfig(schema),
      log: KNEX_LOG,
    });
  }
  const dir = options.embeddedDataDir ?? '.data';
  if (dir !== 'memory') fs.mkdirSync(dir, { recursive: true });
  return knex({
    client: ClientPgLite as unknown as typeof knex.Client,
    dialect: 'postgres',
    connection: dir === 'memory' ? {} : { filename: path.resolve(dir, 'pglite') },
    migrations: migrationConfig(undefined),
    log: KNEX_LOG,
  } as Knex.Config);
}

function migrationConfig(schema: string | undefined): Knex.MigratorConfig {
  return {
    migrationSource: migrationSource(MIGRATIONS_DIR),
    tableName: MIGRATIONS_TABLE,
    ...(schema ? { schemaName: schema } : {}),
  };
}

/** Applies every pending migration, after renaming rows recorded with a `.ts`/`.js` name (see migration-source). */
export async function migrateLatest(db: Db): Promise<string[]> {
  await normaliseRecordedMigrationNames(db, (db.client.config as Knex.Config).migrations?.schemaName);
  const [, applied] = await db.migrate.latest();
  return applied as string[];
}

export async function checkDb(db: Db): Promise<void> {
  await db.raw('select 1');
}
