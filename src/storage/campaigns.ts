import { CampaignEvent } from '../domain/call-record';
import { CampaignState } from '../domain/campaign-overview';
import { campaignState } from '../domain/campaign-state';
import { Db } from './connection';
import { toDate, toNullableInt } from './sql-values';

export interface DbCampaignRow {
  account_id: string;
  campaign_id: string;
  bot_id: string;
  name: string | null;
  customers_total: number | null;
  report_emails: string[] | string;
  started_event_at: string | Date | null;
  completed_event_at: string | Date | null;
  completed_event_received_at: string | Date | null;
  last_received_at: string | Date | null;
  state: string;
  completed_at: string | Date | null;
  revision: number;
}

export interface Campaign {
  accountId: string;
  id: string;
  botId: string;
  name: string;
  customersTotal: number | null;
  reportEmails: string[];
  state: CampaignState;
  completedEventAt: Date | null;
  completedEventReceivedAt: Date | null;
  lastReceivedAt: Date | null;
  completedAt: Date | null;
  revision: number;
}

export function toCampaign(row: DbCampaignRow): Campaign {
  const emails = typeof row.report_emails === 'string' ? (JSON.parse(row.report_emails) as string[]) : row.report_emails;
  const completedEventReceivedAt = toDate(row.completed_event_received_at);
  const lastReceivedAt = toDate(row.last_received_at);
  return {
    accountId: row.account_id,
    id: row.campaign_id,
    botId: row.bot_id,
    name: row.name ?? row.campaign_id,
    customersTotal: toNullableInt(row.customers_total),
    reportEmails: emails ?? [],
    state: campaignState({ storedState: row.state, completedEventReceivedAt, lastReceivedAt }),
    completedEventAt: toDate(row.completed_event_at),
    completedEventReceivedAt,
    lastReceivedAt,
    completedAt: toDate(row.completed_at),
    revision: Number(row.revision),
  };
}

export async function findCampaign(db: Db, accountId: string, campaignId: string): Promise<Campaign | null> {
  const row = await db('campaigns').where({ account_id: accountId, campaign_id: campaignId }).first();
  return row ? toCampaign(row as DbCampaignRow) : null;
}

/** Campaigns whose id or name starts with the text (case-insensitive), at most `limit`. */
export async function findCampaignsByPrefix(db: Db, accountId: string, text: string, limit: number): Promise<Campaign[]> {
  const pattern = `${text.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
  const rows = await db('campaigns')
    .where('account_id', accountId)
    .andWhere((q) => q.whereRaw('lower(campaign_id) like ?', [pattern]).orWhereRaw('lower(name) like ?', [pattern]))
    .orderBy('campaign_id')
    .limit(limit);
  return (rows as DbCampaignRow[]).map(toCampaign);
}

export async function listCampaigns(db: Db, accountId: string, limit: number): Promise<Campaign[]> {
  const rows = await db('campaigns')
    .where('account_id', accountId)
    .orderByRaw('coalesce(last_received_at, created_at) desc, campaign_id')
    .limit(limit);
  return (rows as DbCampaignRow[]).map(toCampaign);
}

/**
 * Records that calls of these campaigns arrived: creates missing campaigns, keeps names current, restarts
 * their quiet time and bumps the revision of complete ones so that posted reports get updated.
 */
export async function touchCampaigns(
  db: Db,
  accountId: string,
  campaigns: Map<string, { botId: string; name: string | null }>,
  receivedAt: Date,
): Promise<void> {
  if (campaigns.size === 0) return;
  const rows = [...campaigns].map(([campaignId, c]) => ({ campaign_id: campaignId, bot_id: c.botId, name: c.name }));
  await db.raw(
    `insert into campaigns (account_id, campaign_id, bot_id, name, last_received_at)
     select ?, campaign_id, bot_id, name, ?::timestamptz from json_to_recordset(?::json) as x(campaign_id text, bot_id text, name text)
     on conflict (account_id, campaign_id) do update set
       name = coalesce(excluded.name, campaigns.name),
       last_received_at = excluded.last_received_at,
       revision = campaigns.revision + case when campaigns.state = 'complete' then 1 else 0 end`,
    [accountId, receivedAt.toISOString(), JSON.stringify(rows)],
  );
  await db.raw(
    `insert into campaign_rollups (account_id, campaign_id)
     select ?, campaign_id from json_to_recordset(?::json) as x(campaign_id text)
     on conflict do nothing`,
    [accountId, JSON.stringify(rows)],
  );
}

export type EventOutcome = 'accepted' | 'duplicate' | 'updated';

/** Applies a campaign.started / campaign.completed event; the same event twice is a duplicate. */
export async function applyCampaignEvent(db: Db, accountId: string, event: CampaignEvent, receivedAt: Date): Promise<EventOutcome> {
  const existingRow = await db('campaigns').where({ account_id: accountId, campaign_id: event.campaignId }).forUpdate().first();
  const existing = existingRow ? toCampaign(existingRow as DbCampaignRow) : null;
  const isCompletion = event.type === 'campaign.completed';
  const eventAtColumn = isCompletion ? 'completed_event_at' : 'started_event_at';
  const next = {
    bot_id: event.botId,
    name: event.campaignName ?? existing?.name ?? null,
    customers_total: event.customersTotal ?? existing?.customersTotal ?? null,
    report_emails: JSON.stringify(event.reportEmails ?? existing?.reportEmails ?? []),
    [eventAtColumn]: event.at.toISOString(),
  };
  if (!existing) {
    await db('campaigns').insert({
      account_id: accountId,
      campaign_id: event.campaignId,
      ...next,
      ...(isCompletion ? { completed_event_received_at: receivedAt.toISOString() } : {}),
    });
    await db('campaign_rollups').insert({ account_id: accountId, campaign_id: event.campaignId }).onConflict().ignore();
    return 'accepted';
  }
  const previousEventAt = toDate((existingRow as DbCampaignRow)[eventAtColumn]);
  const same =
    previousEventAt?.getTime() === event.at.getTime() &&
    existing.botId === event.botId &&
    existing.name === (event.campaignName ?? existing.name) &&
    existing.customersTotal === (event.customersTotal ?? existing.customersTotal) &&
    JSON.stringify(existing.reportEmails) === JSON.stringify(event.reportEmails ?? existing.reportEmails);
  if (same) return 'duplicate';
  await db('campaigns')
    .where({ account_id: accountId, campaign_id: event.campaignId })
    .update({
      ...next,
      ...(isCompletion && !existing.completedEventReceivedAt ? { completed_event_received_at: receivedAt.toISOString() } : {}),
      revision: db.raw(`revision + case when state = 'complete' then 1 else 0 end`),
    });
  return previousEventAt ? 'updated' : 'accepted';
}
