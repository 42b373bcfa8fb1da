import { Db } from '../storage/connection';
import { AlertDeps } from './alert-changes';
import { evaluateCampaignAlerts } from './alert-evaluation';
import { JobQueues } from './job-queues';

/**
 * The `watch` job: after calls are stored, the campaigns that just received calls are evaluated, at most
 * once a second (`watch-<account>-<second>`, run when that second is over). Watchers run in order.
 */
export const WATCH_JOB = 'watch';

export interface WatchPayload {
  accountId: string;
}

export function watchJobId(accountId: string, second: number): string {
  return `watch-${accountId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${second}`;
}

export async function enqueueWatch(queues: JobQueues, accountId: string, nowMs = Date.now()): Promise<void> {
  const second = Math.floor(nowMs / 1000);
  await queues.control.add(WATCH_JOB as never, { accountId } as never, {
    jobId: watchJobId(accountId, second),
    delay: (second + 1) * 1000 - nowMs + 20,
    attempts: 3,
    removeOnComplete: true,
    removeOnFail: { count: 100 },
  });
}

/** Campaigns of the account that received calls in the last few seconds and are not complete. */
async function recentlyCalled(db: Db, accountId: string, now: Date): Promise<string[]> {
  const rows = (await db('campaigns')
    .select('campaign_id')
    .where({ account_id: accountId })
    .whereNot('state', 'complete')
    .andWhere('last_received_at', '>=', new Date(now.getTime() - 10_000).toISOString())) as { campaign_id: string }[];
  return rows.map((row) => row.campaign_id);
}

export async function processWatch(deps: AlertDeps, payload: WatchPayload, now = new Date()): Promise<number> {
  let changes = 0;
  for (const campaignId of await recentlyCalled(deps.db, payload.accountId, now)) {
    changes += (await evaluateCampaignAlerts(deps, { accountId: payload.accountId, campaignId }, now)).length;
  }
  return changes;
}
