import { AlertFigures, ClearReason } from '../domain/alert-notice';
import { AlertRule } from '../domain/alert-rules';
import { Db } from './connection';
import { jsonValue, toDate, toInt } from './sql-values';

/**
 * Alert episodes: one row from a firing to its clearing. The partial unique index on open rows (and,
 * for budget, on every row of a bot, month and level) makes a second firing of the same episode a no-op,
 * whichever process tries it.
 */

export interface AlertEpisode {
  id: number;
  accountId: string;
  rule: AlertRule;
  scope: string;
  campaignId: string | null;
  botId: string;
  firedAt: Date;
  fireFigures: AlertFigures;
  clearedAt: Date | null;
  clearFigures: AlertFigures | null;
  clearReason: ClearReason | null;
}

interface DbAlertEpisodeRow {
  id: string | number;
  account_id: string;
  rule: AlertRule;
  scope: string;
  campaign_id: string | null;
  bot_id: string;
  fired_at: string | Date;
  fire_figures: AlertFigures | string;
  cleared_at: string | Date | null;
  clear_figures: AlertFigures | string | null;
  clear_reason: ClearReason | null;
}

function toEpisode(row: DbAlertEpisodeRow): AlertEpisode {
  return {
    id: toInt(row.id),
    accountId: row.account_id,
    rule: row.rule,
    scope: row.scope,
    campaignId: row.campaign_id,
    botId: row.bot_id,
    firedAt: toDate(row.fired_at) as Date,
    fireFigures: jsonValue<AlertFigures | null>(row.fire_figures) ?? {},
    clearedAt: toDate(row.cleared_at),
    clearFigures: jsonValue<AlertFigures | null>(row.clear_figures),
    clearReason: row.clear_reason,
  };
}

export async function findEpisode(db: Db, accountId: string, id: number): Promise<AlertEpisode | null> {
  const row = await db('alert_episodes').where({ account_id: accountId, id }).first();
  return row ? toEpisode(row as DbAlertEpisodeRow) : null;
}

/** The campaign's open episodes (errors, answer-rate, stalled). */
export async function openCampaignEpisodes(db: Db, accountId: string, campaignId: string): Promise<AlertEpisode[]> {
  const rows = await db('alert_episodes')
    .where({ account_id: accountId, campaign_id: campaignId })
    .whereNull('cleared_at')
    .orderBy('id');
  return (rows as DbAlertEpisodeRow[]).map(toEpisode);
}

/** Every open episode of an account (for `alerts`), or of every account; of one rule when given. */
export async function listOpenEpisodes(db: Db, accountId?: string, rule?: AlertRule): Promise<AlertEpisode[]> {
  const query = db('alert_episodes').whereNull('cleared_at').orderBy('id');
  if (accountId) query.where({ account_id: accountId });
  if (rule) query.where({ rule });
  return ((await query) as DbAlertEpisodeRow[]).map(toEpisode);
}

export function budgetScope(botId: string, month: string, level: number): string {
  return `${botId}|${month}|${level}`;
}

/** The budget levels already fired for a bot in a month (open or cleared). */
export async function firedBudgetLevels(db: Db, accountId: string, botId: string, month: string): Promise<Set<number>> {
  const rows = (await db('alert_episodes')
    .select('scope')
    .where({ account_id: accountId, rule: 'budget', bot_id: botId })
    .andWhere('scope', 'like', `${botId.replace(/[\\%_]/g, (c) => `\\${c}`)}|${month}|%`)) as { scope: string }[];
  return new Set(rows.map((row) => Number(row.scope.split('|').pop())));
}

/** Opens an episode; null when one is already open for the rule and scope (or, for budget, already fired). */
export async function insertEpisode(
  db: Db,
  episode: Pick<AlertEpisode, 'accountId' | 'rule' | 'scope' | 'campaignId' | 'botId' | 'firedAt' | 'fireFigures'>,
): Promise<AlertEpisode | null> {
  const result = await db.raw(
    `insert into alert_episodes (account_id, rule, scope, campaign_id, bot_id, fired_at, fire_figures)
     values (?, ?, ?, ?, ?, ?, ?::jsonb)
     on conflict do nothing
     returning *`,
    [
      episode.accountId,
      episode.rule,
      episode.scope,
      episode.campaignId,
      episode.botId,
      episode.firedAt.toISOString(),
      JSON.stringify(episode.fireFigures),
    ],
  );
  const row = (result.rows as DbAlertEpisodeRow[])[0];
  return row ? toEpisode(row) : null;
}

/** Closes an open episode; null when another process closed it first. */
export async function clearEpisode(
  db: Db,
  id: number,
  at: Date,
  reason: ClearReason,
  figures: AlertFigures | null,
): Promise<AlertEpisode | null> {
  const rows = (await db('alert_episodes')
    .where({ id })
    .whereNull('cleared_at')
    .update({
      cleared_at: at.toISOString(),
      clear_reason: reason,
      clear_figures: figures === null ? null : JSON.stringify(figures),
    })
    .returning('*')) as DbAlertEpisodeRow[];
  return rows[0] ? toEpisode(rows[0]) : null;
}

/** Open campaign episodes whose campaign is complete (they clear with its final report). */
export async function openEpisodesOfCompleteCampaigns(db: Db, limit = 500): Promise<AlertEpisode[]> {
  const rows = await db('alert_episodes as e')
    .join('campaigns as c', function joinCampaign() {
      this.on('c.account_id', '=', 'e.account_id').andOn('c.campaign_id', '=', 'e.campaign_id');
    })
    .whereNull('e.cleared_at')
    .andWhere('c.state', 'complete')
    .select('e.*')
    .orderBy('e.id')
    .limit(limit);
  return (rows as DbAlertEpisodeRow[]).map(toEpisode);
}

/** A rule turned off (or a bot's budget removed): its open episodes end without a message. */
export async function closeEpisodesQuietly(
  db: Db,
  accountId: string,
  rule: AlertRule,
  at: Date,
  botId?: string,
): Promise<number> {
  const query = db('alert_episodes').where({ account_id: accountId, rule }).whereNull('cleared_at');
  if (botId) query.andWhere({ bot_id: botId });
  return query.update({ cleared_at: at.toISOString(), clear_reason: 'rule-off' });
}
