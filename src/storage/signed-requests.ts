import { Db } from './connection';

/** Clocks of web processes may differ; a row outlives its window by this much before it is purged. */
const PURGE_MARGIN_MS = 5 * 60_000;

/**
 * Records that the request signed with `signature` is being applied, inside the caller's transaction.
 * False when it was applied before (a replay). Two processes claiming the same signature at once: the
 * second waits on the unique key until the first commits, then finds it (or claims it, after a rollback).
 */
export async function claimSignedRequest(
  trx: Db,
  accountId: string,
  signature: string,
  replayableUntil: Date,
): Promise<boolean> {
  const rows = await trx('signed_requests')
    .insert({ account_id: accountId, signature, replayable_until: replayableUntil })
    .onConflict(['account_id', 'signature'])
    .ignore()
    .returning('signature');
  return rows.length > 0;
}

/** Deletes the records no replay can use any more; returns how many. */
export async function purgeSignedRequests(db: Db, now: Date): Promise<number> {
  return db('signed_requests')
    .where('replayable_until', '<', new Date(now.getTime() - PURGE_MARGIN_MS))
    .delete();
}
