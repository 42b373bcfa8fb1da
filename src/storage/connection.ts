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
 * A statement every report runs, prepared once per connection under this name and planned once there
 * (sessionSettings): planning cost more than running the campaign facts. The name must always come with the
 * same SQL text; the embedded database ignores it.
 */
export function preparedAs(name: string): { name: string } {
  return { name };
}

/**
 * Every statement here is a short indexed read or write, which PostgreSQL's JIT only slows down: when the
 * planner misjudges a range bound known only at run time (the pace window's), it compiled a 0.2 ms read for 10 ms.
 * And a statement prepared under a name (preparedAs) keeps one generic plan: by default PostgreSQL plans it
 * again at every call whenever the generic plan's estimate looks dearer than the custom plans', which it did
 * for the campaign facts (planning 0.8 ms of a 1.4 ms call, 0.5 ms generic; 5.7 ms against 7.3 ms for the
 * overview of a 1,000,000-call campaign). Statements without a name are planned at every call either way.
 */
function sessionSettings(connection: PgConnection, done: (err: Error | null, connection: PgConnection) => void): void {
  connection.query('set jit = off; set plan_cache_mode = force_generic_plan', (err: Error | null) =>
    done(err, connection),
  );
}

interface PgConnection {
  query(sql: string, callback: (err: Error | null) => void): void;
}

export function createDb(options: DbOptions): Db {
  if (options.databaseUrl) {
    const schema = options.schema;
    return knex({
      client: 'pg',
      connection: { connectionString: options.databaseUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) },
      pool: { min: 0, max: options.poolMax ?? 10, afterCreate: sessionSettings },
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
