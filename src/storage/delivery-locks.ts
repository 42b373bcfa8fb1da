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

/**
 * What a holder shows the ledger: the "sending" write (deliveries.ts markDeliverySending) commits only while
 * the lock is still held by this backend, so an attempt whose connection went away never sends.
 * null: the in-process lock of the embedded database, which cannot be lost.
 */
export interface HeldLock {
  backendPid: number | null;
}

/** The advisory lock key of a ledger row, as SQL over its id expression (the schema keeps tenants apart). */
export const deliveryLockKeySql = (idSql: string) =>
  `hashtextextended(current_schema() || '/delivery/' || ${idSql}, 0)`;

/** SQL true while backend `?` holds the lock of the row whose id is `idSql` (pg_locks splits a bigint key in two). */
export const deliveryLockHeldSql = (idSql: string) =>
  `exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.pid = ?
     and l.classid = ((${deliveryLockKeySql(idSql)} >> 32) & 4294967295)::oid
     and l.objid = (${deliveryLockKeySql(idSql)} & 4294967295)::oid)`;

const IN_PROCESS: HeldLock = { backendPid: null };
const heldInProcess = new Set<string>();

function isServerPostgres(db: Db): boolean {
  return (db.client as { config?: { client?: unknown } }).config?.client === 'pg';
}

export async function withDeliveryLock<T>(
  db: Db,
  deliveryId: string,
  work: (lock: HeldLock) => Promise<T>,
): Promise<LockOutcome<T>> {
  return withDeliveryLocks(db, [deliveryId], async (held, lock) =>
    held.length === 1 ? { acquired: true, value: await work(lock) } : { acquired: false },
  );
}

/**
 * The same lock on many rows with one statement (a batch of deliveries): `work` gets the ids it holds, in
 * the order given; the others are held by another attempt right now.
 */
export async function withDeliveryLocks<T>(
  db: Db,
  deliveryIds: readonly string[],
  work: (held: string[], lock: HeldLock) => Promise<T>,
): Promise<T> {
  if (!isServerPostgres(db)) return withProcessLocks(deliveryIds, work);
  const trx: Knex.Transaction = await db.transaction();
  try {
    const result = await trx.raw(
      `select coalesce(array_agg(id order by n) filter (where pg_try_advisory_xact_lock(${deliveryLockKeySql('id')})),
                       '{}') as held,
              pg_backend_pid() as pid
         from unnest(?::text[]) with ordinality as wanted(id, n)`,
      [[...deliveryIds]],
    );
    const row = (result.rows as { held: string[]; pid: number }[])[0];
    return await work(row.held, { backendPid: row.pid });
  } finally {
    await trx.rollback().catch(() => undefined);
  }
}

async function withProcessLocks<T>(
  deliveryIds: readonly string[],
  work: (held: string[], lock: HeldLock) => Promise<T>,
): Promise<T> {
  const held = [...new Set(deliveryIds)].filter((id) => !heldInProcess.has(id));
  for (const id of held) heldInProcess.add(id);
  try {
    return await work(held, IN_PROCESS);
  } finally {
    for (const id of held) heldInProcess.delete(id);
  }
}
