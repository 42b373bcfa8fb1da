import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knex from 'knex';
import { Db, createDb, migrateLatest } from '../../src/storage/connection';
import { ensureDefaultAccount } from '../../src/storage/accounts';
import { TMP_DIR } from './paths';

export const BENCH_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Marker files of live bench schemas: run-all drops any left behind by a crashed or killed benchmark. */
const MARKER_DIR = path.join(TMP_DIR, 'schemas');

export interface BenchDb {
  db: Db;
  schema: string;
  /** A DATABASE_URL that lands in this schema (for child processes and loadConfig). */
  url: string;
  drop(): Promise<void>;
}

function adminDb(): Db {
  return knex({ client: 'pg', connection: BENCH_DATABASE_URL, pool: { min: 0, max: 1 } });
}

/** The server URL with application_name = the schema, so a benchmark's sessions can be found and ended. */
export function benchConnectionUrl(schema: string): string {
  const separator = BENCH_DATABASE_URL.includes('?') ? '&' : '?';
  return `${BENCH_DATABASE_URL}${separator}application_name=${schema}`;
}

export function schemaUrl(schema: string): string {
  const separator = BENCH_DATABASE_URL.includes('?') ? '&' : '?';
  return `${BENCH_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * Writes out now what PostgreSQL still holds of the last benchmark's writes: a checkpoint that the 1,000,000-row
 * loads asked for would otherwise spread its writes over minutes, into the next benchmark's. Says so when it cannot.
 */
export async function checkpointNow(): Promise<void> {
  const admin = adminDb();
  try {
    await admin.raw('checkpoint');
  } catch (error) {
    console.error(`note: no CHECKPOINT before the next benchmark (${(error as Error).message})`);
  } finally {
    await admin.destroy();
  }
}

/** Ends the sessions a benchmark opened on this schema (a killed one may leave a long INSERT running). */
async function endSessions(schema: string): Promise<void> {
  const admin = adminDb();
  try {
    await admin.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()',
      [schema],
    );
  } finally {
    await admin.destroy();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  if (!/^bench_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  await endSessions(schema);
  const admin = adminDb();
  try {
    await admin.raw(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.destroy();
  }
  fs.rmSync(path.join(MARKER_DIR, schema), { force: true });
}

const liveDrops = new Set<(interrupted: boolean) => Promise<void>>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: dropping bench schemas`);
      void Promise.allSettled([...liveDrops].map((drop) => drop(true))).then(() => process.exit(130));
    });
  }
}

/** A fresh PostgreSQL schema, migrated, with the default account (Asia/Ho_Chi_Minh). Drop it in a finally. */
export async function createBenchDb(label: string, options: { poolMax?: number } = {}): Promise<BenchDb> {
  hookSignals();
  const schema = `bench_${label}_${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(MARKER_DIR, { recursive: true });
  fs.writeFileSync(path.join(MARKER_DIR, schema), `${process.pid}\n`);
  const admin = adminDb();
  try {
    await admin.raw(`create schema ${schema}`);
  } finally {
    await admin.destroy();
  }
  const db = createDb({ databaseUrl: benchConnectionUrl(schema), schema, poolMax: options.poolMax ?? 10 });
  let dropped = false;
  const drop = async (interrupted = false) => {
    if (dropped) return;
    dropped = true;
    liveDrops.delete(drop);
    if (interrupted) await endSessions(schema).catch(() => undefined); // else destroy() waits for a running statement
    await db.destroy().catch(() => undefined);
    await dropSchema(schema);
  };
  liveDrops.add(drop);
  try {
    await migrateLatest(db);
    await ensureDefaultAccount(db, 'Asia/Ho_Chi_Minh');
  } catch (error) {
    await drop();
    throw error;
  }
  return { db, schema, url: schemaUrl(schema), drop };
}

/** Creates a bench schema, runs fn, and drops the schema whatever happens. */
export async function withBenchDb<T>(
  label: string,
  fn: (bench: BenchDb) => Promise<T>,
  options: { poolMax?: number } = {},
): Promise<T> {
  const bench = await createBenchDb(label, options);
  try {
    return await fn(bench);
  } finally {
    await bench.drop();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the schemas whose markers remain and whose process is gone (it died before its finally ran). */
export async function dropLeftoverSchemas(): Promise<string[]> {
  if (!fs.existsSync(MARKER_DIR)) return [];
  const left = fs.readdirSync(MARKER_DIR).filter((name) => {
    if (!/^bench_[a-z0-9_]+$/.test(name)) return false;
    const pid = Number(fs.readFileSync(path.join(MARKER_DIR, name), 'utf8').trim());
    return !(Number.isInteger(pid) && pid > 0 && alive(pid));
  });
  for (const schema of left) await dropSchema(schema);
  return left;
}
