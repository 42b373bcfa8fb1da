import { Db } from './connection';

/** Campaigns not yet complete that received calls since `since`: what a watch evaluates (jobs/watch-job.ts). */
export async function listTouchedCampaigns(
  db: Db,
  accountId: string | null,
  since: Date,
  limit = 1000,
): Promise<{ accountId: string; campaignId: string }[]> {
  const query = db('campaigns')
    .select('account_id', 'campaign_id')
    .whereNot('state', 'complete')
    .andWhere('last_received_at', '>=', since.toISOString())
    .orderBy(['account_id', 'campaign_id'])
    .limit(limit);
  if (accountId !== null) query.andWhere('account_id', accountId);
  const rows = (await query) as { account_id: string; campaign_id: string }[];
  return rows.map((row) => ({ accountId: row.account_id, campaignId: row.campaign_id }));
}
