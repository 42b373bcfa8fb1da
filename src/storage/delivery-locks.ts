import { Knex } from 'knex';
import { Db } from './connection';

/**
 * Mutual exclusion per ledger row while a job delivers it, so that two attempts (a stalled job and its
 * replacement, an edit and the first post) never both reach the destination.
 *
 * On PostgreSQL it is a transaction-scoped advisory lock held by a transaction that stays open for the
 * job: a worker killed with -9 loses its connection and PostgreSQL releases the lock at once, without a
 * lease to wait out. The embedded database is one process with one connection, so an in-process lock
 * is both enough and the only thing that cannot deadlock it.
 */
export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** Throws when the lock may have been lost (its connection went away): do not take irreversible steps then. */
export type LockCheck = () => Promise<void>;

const heldInProcess = new Set<string>();

function isServerPostgres(db: Db): boolean {
  return (db.client as { config?: { client?: unknown } }).config?.client === 'pg';
}

export async function withDeliveryLock<T>(
  db: Db,
  deliveryId: string,
  work: (check: LockCheck) => Promise<T>,
): Promise<LockOutcome<T>> {
  if (!isServerPostgres(db)) return withProcessLock(deliveryId, work);
  const trx: Knex.Transaction = await db.transaction();
  try {
    const result = await trx.raw(
      `select pg_try_advisory_xact_lock(hashtextextended(current_schema() || '/delivery/' || ?, 0)) as ok`,
      [deliveryId],
    );
    const ok = (result.rows as { ok: boolean }[])[0]?.ok === true;
    if (!ok) return { acquired: false };
    const check: LockCheck = async () => {
      await trx.raw('select 1');
    };
    return { acquired: true, value: await work(check) };
  } finally {
    await trx.rollback().catch(() => undefined);
  }
}

async function withProcessLock<T>(deliveryId: string, work: (check: LockCheck) => Promise<T>): Promise<LockOutcome<T>> {
  if (heldInProcess.has(deliveryId)) return { acquired: false };
  heldInProcess.add(deliveryId);
  try {
    return { acquired: true, value: await work(async () => undefined) };
  } finally {
    heldInProcess.delete(deliveryId);
  }
}
