import { CampaignEvent } from '../domain/call-record';
import { CampaignState } from '../domain/campaign-overview';
import { recordedCampaignState } from '../domain/campaign-state';
import { CampaignEventFields, EventOutcome, mergeCampaignEvent } from '../domain/campaign-event-merge';
import { campaignCallAtSql } from './calls';
import { Db, preparedAs } from './connection';
import { Statement } from './one-statement';
import { jsonValue, toDate, toNullableInt } from './sql-values';

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

/**
 * The columns of a campaign row, named rather than `*` in the statements prepared by name: a column that a
 * migration adds later would otherwise change a prepared statement's result and fail it in every session.
 */
export const CAMPAIGN_COLUMNS = Object.keys({
  account_id: true,
  campaign_id: true,
  bot_id: true,
  name: true,
  customers_total: true,
  report_emails: true,
  started_event_at: true,
  completed_event_at: true,
  completed_event_received_at: true,
  last_received_at: true,
  state: true,
  completed_at: true,
  revision: true,
} satisfies Record<keyof DbCampaignRow, true>);

export interface Campaign {
  accountId: string;
  id: string;
  botId: string;
  name: string;
  customersTotal: number | null;
  reportEmails: string[];
  /** As the completion job recorded it; reports show reports/campaign-state-now's state at the time of reading. */
  recordedState: CampaignState;
  completedEventAt: Date | null;
  completedEventReceivedAt: Date | null;
  lastReceivedAt: Date | null;
  completedAt: Date | null;
  revision: number;
}

export function toCampaign(row: DbCampaignRow): Campaign {
  const emails = jsonValue<string[] | null>(row.report_emails);
  const completedEventReceivedAt = toDate(row.completed_event_received_at);
  const lastReceivedAt = toDate(row.last_received_at);
  return {
    accountId: row.account_id,
    id: row.campaign_id,
    botId: row.bot_id,
    name: row.name ?? row.campaign_id,
    customersTotal: toNullableInt(row.customers_total),
    reportEmails: emails ?? [],
    recordedState: recordedCampaignState({ storedState: row.state, completedEventReceivedAt, lastReceivedAt }),
    completedEventAt: toDate(row.completed_event_at),
    completedEventReceivedAt,
    lastReceivedAt,
    completedAt: toDate(row.completed_at),
    revision: Number(row.revision),
  };
}

export async function findCampaign(db: Db, accountId: string, campaignId: string): Promise<Campaign | null> {
  const row = await db('campaigns')
    .select(CAMPAIGN_COLUMNS)
    .where({ account_id: accountId, campaign_id: campaignId })
    .first()
    .options(preparedAs('campaign-by-id'));
  return row ? toCampaign(row as DbCampaignRow) : null;
}

/** Campaigns by (account, campaign) in one statement, keyed by campaignKey; ones that do not exist are left out. */
export async function findCampaigns(
  db: Db,
  keys: readonly { accountId: string; campaignId: string }[],
): Promise<Map<string, Campaign>> {
  if (keys.length === 0) return new Map();
  const rows = (await db('campaigns').whereIn(
    ['account_id', 'campaign_id'],
    keys.map((key) => [key.accountId, key.campaignId]),
  )) as DbCampaignRow[];
  return new Map(rows.map((row) => [campaignKey(row.account_id, row.campaign_id), toCampaign(row)]));
}

export const campaignKey = (accountId: string, campaignId: string) => `${accountId}\u0000${campaignId}`;

/** A LIKE pattern for "starts with the text", lower-cased, its wildcards escaped. */
function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
}

/** Campaigns whose id or name starts with the text (case-insensitive), at most `limit`. */
export async function findCampaignsByPrefix(
  db: Db,
  accountId: string,
  text: string,
  limit: number,
): Promise<Campaign[]> {
  const pattern = prefixPattern(text);
  const rows = await db('campaigns')
    .where('account_id', accountId)
    .andWhere((q) => q.whereRaw('lower(campaign_id) like ?', [pattern]).orWhereRaw('lower(name) like ?', [pattern]))
    .orderBy('campaign_id')
    .limit(limit);
  return (rows as DbCampaignRow[]).map(toCampaign);
}

/**
 * The campaign picker: campaigns whose id or name starts with the text (case-insensitive; every campaign for
 * no text), those not recorded complete first, then the latest. Served by the campaigns_search_* indexes.
 */
export async function searchCampaigns(db: Db, accountId: string, text: string, limit: number): Promise<Campaign[]> {
  const query = db('campaigns').where('account_id', accountId);
  if (text !== '') {
    const pattern = prefixPattern(text);
    query.andWhere((q) =>
      q.whereRaw('lower(campaign_id) like ?', [pattern]).orWhereRaw('lower(name) like ?', [pattern]),
    );
  }
  const rows = await query
    .orderByRaw("(state = 'complete'), coalesce(last_received_at, created_at) desc, campaign_id")
    .limit(limit);
  return (rows as DbCampaignRow[]).map(toCampaign);
}

export async function listCampaigns(db: Db, accountId: string, limit: number): Promise<Campaign[]> {
  const rows = await db('campaigns')
    .select(CAMPAIGN_COLUMNS)
    .where('account_id', accountId)
    .orderByRaw('coalesce(last_received_at, created_at) desc, campaign_id')
    .limit(limit)
    .options(preparedAs('campaigns-latest'));
  return (rows as DbCampaignRow[]).map(toCampaign);
}

/**
 * Records that calls of these campaigns arrived: creates missing campaigns, keeps names current, restarts
 * their quiet time and bumps the revision of complete ones so that posted reports get updated.
 */
export function touchCampaignsStatement(
  accountId: string,
  campaigns: Map<string, { botId: string; name: string | null }>,
  receivedAt: Date,
): Statement | null {
  if (campaigns.size === 0) return null;
  const rows = [...campaigns]
    .map(([campaignId, c]) => ({ campaign_id: campaignId, bot_id: c.botId, name: c.name }))
    .sort((a, b) => (a.campaign_id < b.campaign_id ? -1 : a.campaign_id > b.campaign_id ? 1 : 0));
  // campaign_rollups rows come with the rollup delta that always follows (counterDeltaStatements upserts them).
  return {
    sql: `insert into campaigns (account_id, campaign_id, bot_id, name, last_received_at)
     select ?, campaign_id, bot_id, name, ?::timestamptz from json_to_recordset(?::json) as x(campaign_id text, bot_id text, name text)
     on conflict (account_id, campaign_id) do update set
       name = coalesce(excluded.name, campaigns.name),
       last_received_at = excluded.last_received_at,
       revision = campaigns.revision + case when campaigns.state = 'complete' then 1 else 0 end`,
    bindings: [accountId, receivedAt.toISOString(), JSON.stringify(rows)],
  };
}

/**
 * Rewrites the first call instant of campaigns whose calls a batch changed, from the calls index (one probe each).
 * It runs after the batch locked those campaign rows (touchCampaignsStatement), so it reads every batch that
 * committed before; a batch still open rewrites it again when it gets the lock: the last one sees them all.
 * `all`: every campaign of the account (rebuildRollups).
 */
export async function refreshFirstCalls(
  db: Db,
  accountId: string,
  campaignIds: readonly string[] | 'all',
): Promise<void> {
  if (campaignIds !== 'all' && campaignIds.length === 0) return;
  const query = db('campaigns').where('account_id', accountId);
  if (campaignIds !== 'all') query.whereIn('campaign_id', [...campaignIds]);
  await query.update({
    first_call_at: db.raw(campaignCallAtSql('first', 'campaigns.account_id', 'campaigns.campaign_id')),
  });
}

/**
 * Applies campaign events in order, in two statements whatever their number: one read of the campaigns
 * they name (locked), one upsert of those that changed. Complete campaigns that change get a new revision.
 */
export async function applyCampaignEvents(
  db: Db,
  accountId: string,
  events: CampaignEvent[],
  receivedAt: Date,
): Promise<EventOutcome[]> {
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((event) => event.campaignId))];
  const result = await db.raw(
    `select * from campaigns where account_id = ? and campaign_id in (select json_array_elements_text(?::json)) for update`,
    [accountId, JSON.stringify(ids)],
  );
  const fields = new Map<string, CampaignEventFields>();
  for (const row of result.rows as DbCampaignRow[]) {
    const campaign = toCampaign(row);
    fields.set(campaign.id, {
      botId: campaign.botId,
      name: row.name,
      customersTotal: campaign.customersTotal,
      reportEmails: campaign.reportEmails,
      startedEventAt: toDate(row.started_event_at),
      completedEventAt: campaign.completedEventAt,
      completedEventReceivedAt: campaign.completedEventReceivedAt,
    });
  }
  const changed = new Set<string>();
  const outcomes = events.map((event) => {
    const { next, outcome } = mergeCampaignEvent(fields.get(event.campaignId) ?? null, event, receivedAt);
    if (outcome !== 'duplicate') changed.add(event.campaignId);
    fields.set(event.campaignId, next);
    return outcome;
  });
  if (changed.size === 0) return outcomes;
  const rows = [...changed].map((id) => {
    const f = fields.get(id) as CampaignEventFields;
    return {
      campaign_id: id,
      bot_id: f.botId,
      name: f.name,
      customers_total: f.customersTotal,
      report_emails: f.reportEmails,
      started_event_at: f.startedEventAt?.toISOString() ?? null,
      completed_event_at: f.completedEventAt?.toISOString() ?? null,
      completed_event_received_at: f.completedEventReceivedAt?.toISOString() ?? null,
    };
  });
  await db.raw(
    `insert into campaigns (account_id, campaign_id, bot_id, name, customers_total, report_emails,
                            started_event_at, completed_event_at, completed_event_received_at)
     select ?, campaign_id, bot_id, name, customers_total, report_emails, started_event_at, completed_event_at, completed_event_received_at
     from json_to_recordset(?::json) as x(campaign_id text, bot_id text, name text, customers_total int, report_emails jsonb,
                                          started_event_at timestamptz, completed_event_at timestamptz, completed_event_received_at timestamptz)
     on conflict (account_id, campaign_id) do update set
       bot_id = excluded.bot_id, name = excluded.name, customers_total = excluded.customers_total,
       report_emails = excluded.report_emails, started_event_at = excluded.started_event_at,
       completed_event_at = excluded.completed_event_at, completed_event_received_at = excluded.completed_event_received_at,
       revision = campaigns.revision + case when campaigns.state = 'complete' then 1 else 0 end`,
    [accountId, JSON.stringify(rows)],
  );
  await db.raw(
    `insert into campaign_rollups (account_id, campaign_id)
     select ?, campaign_id from json_to_recordset(?::json) as x(campaign_id text) on conflict do nothing`,
    [accountId, JSON.stringify(rows)],
  );
  return outcomes;
}

/**
 * Running campaigns without a completion event whose last call arrived at or before `quietSince` and
 * that have no open `stalled` episode: the candidates of the scheduler's stalled check.
 */
export async function listQuietCampaigns(db: Db, quietSince: Date, limit: number): Promise<Campaign[]> {
  const rows = await db('campaigns as c')
    .whereNot('c.state', 'complete')
    .whereNull('c.completed_event_received_at')
    .andWhere('c.last_received_at', '<=', quietSince.toISOString())
    .whereNotExists((q) =>
      q
        .select(db.raw('1'))
        .from('alert_episodes as e')
        .whereRaw('e.account_id = c.account_id and e.campaign_id = c.campaign_id')
        .andWhere('e.rule', 'stalled')
        .whereNull('e.cleared_at'),
    )
    .select('c.*')
    .orderBy('c.last_received_at')
    .limit(limit);
  return (rows as DbCampaignRow[]).map(toCampaign);
}
