import { Config, loadConfig } from '../config';
import { Db, createDb, migrateLatest } from '../storage/connection';
import { ensureDefaultAccount } from '../storage/accounts';
import { describeDatabaseFailure } from '../storage/database-reachability';
import { ReportDeps } from '../reports/report-context';
import { reportDepsFor } from '../reports/recording-links';

export interface CliContext {
  config: Config;
  db: Db;
  deps: ReportDeps;
  /** Migrations this start applied (every command migrates first). */
  appliedMigrations: string[];
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Wires a command's world: configuration, the database (migrated), and report dependencies. */
export async function openCliContext(env: NodeJS.ProcessEnv = process.env): Promise<CliContext> {
  const config = loadConfig(env);
  const db = createDb({ databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir, poolMax: 4 });
  let appliedMigrations: string[];
  try {
    appliedMigrations = await migrateLatest(db);
    await ensureDefaultAccount(db, config.defaultTimeZone);
  } catch (error) {
    await db.destroy();
    throw describeDatabaseFailure(error, config.databaseUrl) ?? error;
  }
  const deps = reportDepsFor(config, db);
  return {
    config,
    db,
    deps,
    appliedMigrations,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
