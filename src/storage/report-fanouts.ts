import { ReportKind } from '../domain/delivery';
import { Db } from './connection';
import { toDate } from './sql-values';

/**
 * The outbox of reports that must go out. A row is written in the transaction that decides the report
 * is due (a campaign completes, a digest month starts) and marked done once its deliveries are in the
 * ledger, so a queue job lost with Redis is found again and nothing is sent twice.
 */
export interface PendingFanout {
  accountId: string;
  kind: ReportKind;
  ref: string;
  createdAt: Date;
}

/** Records that the report is due; true when it was not recorded before. */
export async function insertFanout(db: Db, accountId: string, kind: ReportKind, ref: string): Promise<boolean> {
  const rows = await db('report_fanouts')
    .insert({ account_id: accountId, report_kind: kind, report_ref: ref })
    .onConflict(['account_id', 'report_kind', 'report_ref'])
    .ignore()
    .returning('account_id');
  return rows.length > 0;
}

export async function markFanoutDone(db: Db, accountId: string, kind: ReportKind, ref: string): Promise<void> {
  await db('report_fanouts')
    .where({ account_id: accountId, report_kind: kind, report_ref: ref })
    .update({ status: 'done', done_at: db.fn.now() });
}

/** Many reports of one account and kind at once (a completion tick that completed many campaigns). */
export async function markFanoutsDone(
  db: Db,
  accountId: string,
  kind: ReportKind,
  refs: readonly string[],
): Promise<void> {
  if (refs.length === 0) return;
  await db('report_fanouts')
    .where({ account_id: accountId, report_kind: kind })
    .whereIn('report_ref', [...refs])
    .update({ status: 'done', done_at: db.fn.now() });
}

export async function listPendingFanouts(db: Db, olderThan: Date, limit: number): Promise<PendingFanout[]> {
  const rows = (await db('report_fanouts')
    .where('status', 'pending')
    .andWhere('created_at', '<', olderThan.toISOString())
    .orderBy('created_at')
    .limit(limit)) as { account_id: string; report_kind: ReportKind; report_ref: string; created_at: string | Date }[];
  return rows.map((row) => ({
    accountId: row.account_id,
    kind: row.report_kind,
    ref: row.report_ref,
    createdAt: toDate(row.created_at) as Date,
  }));
}
