import { Db } from './connection';

export interface DbAccountRow {
  id: string;
  time_zone: string;
  locale: string;
  ingest_secret_enc: string | null;
}

export interface Account {
  id: string;
  timeZone: string;
  locale: string;
  ingestSecretSealed: string | null;
}

export function toAccount(row: DbAccountRow): Account {
  return { id: row.id, timeZone: row.time_zone, locale: row.locale, ingestSecretSealed: row.ingest_secret_enc };
}

export async function findAccount(db: Db, id: string): Promise<Account | null> {
  const row = await db<DbAccountRow>('accounts').where({ id }).first();
  return row ? toAccount(row) : null;
}

/** These accounts in one statement, keyed by id; ids without an account are left out. */
export async function findAccounts(db: Db, ids: readonly string[]): Promise<Map<string, Account>> {
  if (ids.length === 0) return new Map();
  const rows = await db<DbAccountRow>('accounts').whereIn('id', [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toAccount(row)]));
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const rows = await db<DbAccountRow>('accounts').orderBy('id');
  return rows.map(toAccount);
}

/** Creates the account, or changes the fields given; returns it and whether it was new. */
export async function upsertAccount(
  db: Db,
  id: string,
  changes: { timeZone?: string; locale?: string; ingestSecretSealed?: string },
  defaultTimeZone: string,
): Promise<{ account: Account; created: boolean }> {
  const existing = await findAccount(db, id);
  if (!existing) {
    const [row] = await db<DbAccountRow>('accounts')
      .insert({
        id,
        time_zone: changes.timeZone ?? defaultTimeZone,
        locale: changes.locale ?? 'en-US',
        ingest_secret_enc: changes.ingestSecretSealed ?? null,
      })
      .onConflict('id')
      .merge()
      .returning('*');
    return { account: toAccount(row), created: true };
  }
  const patch: Partial<DbAccountRow> = {};
  if (changes.timeZone) patch.time_zone = changes.timeZone;
  if (changes.locale) patch.locale = changes.locale;
  if (changes.ingestSecretSealed) patch.ingest_secret_enc = changes.ingestSecretSealed;
  if (Object.keys(patch).length === 0) return { account: existing, created: false };
  const [row] = await db<DbAccountRow>('accounts').where({ id }).update(patch).returning('*');
  return { account: toAccount(row), created: false };
}

/** The `default` account exists without anyone creating it (docs/cli.md: `--account` defaults to it). */
export async function ensureDefaultAccount(db: Db, defaultTimeZone: string): Promise<Account> {
  await db('accounts').insert({ id: 'default', time_zone: defaultTimeZone }).onConflict('id').ignore();
  return (await findAccount(db, 'default')) as Account;
}
