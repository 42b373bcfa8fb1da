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
  /** All of standard input as text (secrets are read from it, never from arguments). */
  readInput: () => Promise<string>;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  if ((input as { isTTY?: boolean }).isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Wires a command's world: configuration, the database (migrated), and report dependencies. */
export async function openCliContext(
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<CliContext> {
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
    readInput: () => readAll(input),
  };
}
