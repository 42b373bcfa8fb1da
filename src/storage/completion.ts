import { CompletionWindows, isCompleteAt } from '../domain/campaign-state';
import { whereCompleteAt } from './complete-at';
import { Db } from './connection';
import { jsonValue, toDate } from './sql-values';

/**
 * docs/metrics.md "Campaign state and completion": finds the campaigns that are complete at `now` and moves them to
 * `complete` in one transaction, together with the outbox row that makes their report go out.
 */
export interface CompletedCampaign {
  accountId: string;
  campaignId: string;
  /** What the fan-out needs to choose destinations (domain/delivery-destinations campaignDestinations). */
  botId: string;
  reportEmails: string[];
}

interface CandidateRow {
  account_id: string;
  campaign_id: string;
  bot_id: string;
  report_emails: string[] | string | null;
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
  return db.transaction(async (trx) => {
    const candidates = trx('campaigns')
      .select(
        'account_id',
        'campaign_id',
        'bot_id',
        'report_emails',
        'state',
        'completed_event_received_at',
        'last_received_at',
      )
      .whereNot('state', 'complete');
    const rows = (await whereCompleteAt(candidates, now, windows, { includeRecorded: false })
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
    return due.map((row) => ({
      accountId: row.account_id,
      campaignId: row.campaign_id,
      botId: row.bot_id,
      reportEmails: jsonValue<string[] | null>(row.report_emails) ?? [],
    }));
  });
}

/**
 * The earliest instant after `now`, and no later than `horizon`, at which a campaign not yet complete becomes
 * complete by the rules if nothing more arrives (the end of its settle window, or its idle timeout): the
 * completion job checks again exactly then instead of at its next period. Null when there is none.
 */
export async function nextCompletionDeadline(
  db: Db,
  now: Date,
  horizon: Date,
  windows: CompletionWindows,
): Promise<Date | null> {
  const deadline = `case when completed_event_received_at is not null
      then greatest(completed_event_received_at, coalesce(last_received_at, completed_event_received_at)) + ? * interval '1 millisecond'
      else last_received_at + ? * interval '1 millisecond' end`;
  const windowsMs = [windows.settleMs, windows.idleTimeoutMs];
  const result = await db.raw(
    `select min(deadline) as deadline from (select ${deadline} as deadline from campaigns where state <> 'complete') d
     where deadline > ? and deadline <= ?`,
    [...windowsMs, now.toISOString(), horizon.toISOString()],
  );
  return toDate((result.rows as { deadline: string | Date | null }[])[0]?.deadline ?? null);
}
