import { CallStatus } from '../domain/call-status';
import { Db } from './connection';
import { toInt } from './sql-values';

/**
 * The figures alert rules read, each a bounded index lookup (never a scan of a campaign's calls): the
 * latest calls by ended_at then call_id (index calls_campaign_ended), the campaign's call count from
 * its rollup, the bot's complete campaigns for the baseline.
 */

/** Statuses of the campaign's latest `limit` calls, newest first. */
export async function latestCallStatuses(
  db: Db,
  accountId: string,
  campaignId: string,
  limit: number,
): Promise<CallStatus[]> {
  const rows = (await db('calls')
    .select('status')
    .where({ account_id: accountId, campaign_id: campaignId })
    .orderBy([
      { column: 'ended_at', order: 'desc' },
      { column: 'call_id', order: 'desc' },
    ])
    .limit(limit)) as { status: CallStatus }[];
  return rows.map((row) => row.status);
}

/** The bot's latest complete campaigns with at least `minCalls` calls, newest first (by completion). */
export async function baselineCampaigns(
  db: Db,
  accountId: string,
  botId: string,
  minCalls: number,
  limit: number,
): Promise<{ campaignId: string; successful: number; total: number }[]> {
  const rows = (await db('campaigns as c')
    .join('campaign_rollups as r', function joinRollup() {
      this.on('r.account_id', '=', 'c.account_id').andOn('r.campaign_id', '=', 'c.campaign_id');
    })
    .where({ 'c.account_id': accountId, 'c.bot_id': botId, 'c.state': 'complete' })
    .andWhere('r.total', '>=', minCalls)
    .select('c.campaign_id', 'r.successful', 'r.total')
    .orderBy([
      { column: 'c.completed_at', order: 'desc' },
      { column: 'c.campaign_id', order: 'desc' },
    ])
    .limit(limit)) as { campaign_id: string; successful: unknown; total: unknown }[];
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    successful: toInt(row.successful),
    total: toInt(row.total),
  }));
}
