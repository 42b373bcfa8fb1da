import { CompletionWindows, isCompleteAt } from '../domain/campaign-state';
import { Db } from './connection';
import { toDate } from './sql-values';

/**
 * docs/metrics.md "Campaign state and completion": finds the campaigns that are complete at `now` and moves them to
 * `complete` in one transaction, together with the outbox row that makes their report go out.
 */
export interface CompletedCampaign {
  accountId: string;
  campaignId: string;
}

interface CandidateRow {
  account_id: string;
  campaign_id: string;
  state: string;
  completed_event_received_at: string | Date | null;
  last_received_at: string | Date | null;
}

/**
 * Locks the candidates (skipping rows another checker or an ingest holds), decides with isCompleteAt on
 * what is committed now, and marks them complete. A call that commits after this transaction bumps the
 * campaign's revision, which edits the posted report in place.
 */
export async function completeDueCampaigns(
  db: Db,
  now: Date,
  windows: CompletionWindows,
  limit = 500,
): Promise<CompletedCampaign[]> {
  const settleBefore = new Date(now.getTime() - windows.settleMs).toISOString();
  const idleBefore = new Date(now.getTime() - windows.idleTimeoutMs).toISOString();
  return db.transaction(async (trx) => {
    const rows = (await trx('campaigns')
      .select('account_id', 'campaign_id', 'state', 'completed_event_received_at', 'last_received_at')
      .whereNot('state', 'complete')
      .andWhere((q) =>
        q
          .where((event) =>
            event
              .whereNotNull('completed_event_received_at')
              .andWhere('completed_event_received_at', '<=', settleBefore)
              .andWhere((quiet) => quiet.whereNull('last_received_at').orWhere('last_received_at', '<=', settleBefore)),
          )
          .orWhere((idle) =>
            idle.whereNull('completed_event_received_at').andWhere('last_received_at', '<=', idleBefore),
          ),
      )
      .orderBy(['account_id', 'campaign_id'])
      .limit(limit)
      .forUpdate()
      .skipLocked()) as CandidateRow[];
    const due = rows.filter((row) =>
      isCompleteAt(
        {
          storedState: row.state,
          completedEventReceivedAt: toDate(row.completed_event_received_at),
          lastReceivedAt: toDate(row.last_received_at),
        },
        now,
        windows,
      ),
    );
    if (due.length === 0) return [];
    const keys = due.map((row) => [row.account_id, row.campaign_id]);
    await trx('campaigns')
      .whereIn(['account_id', 'campaign_id'], keys)
      .update({ state: 'complete', completed_at: now.toISOString() });
    await trx('report_fanouts')
      .insert(due.map((row) => ({ account_id: row.account_id, report_kind: 'campaign', report_ref: row.campaign_id })))
      .onConflict(['account_id', 'report_kind', 'report_ref'])
      .ignore();
    return due.map((row) => ({ accountId: row.account_id, campaignId: row.campaign_id }));
  });
}
