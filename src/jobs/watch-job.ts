import { listTouchedCampaigns } from '../storage/watched-campaigns';
import type { CompletionDeps } from './completion-job';
import { enqueueWatches } from './enqueue';
import { evaluateCampaignAlerts } from './alert-evaluation';
import { CampaignRef, refreshLiveMessages } from './live-messages';

/** What a watcher gets: the control queue's dependencies (database, queues, channels, settings, logger). */
export type WatchDeps = CompletionDeps;

export type CampaignWatcher = (deps: WatchDeps, ref: CampaignRef, now: Date) => Promise<unknown>;

/**
 * Every watcher, in the order they run on each evaluation of a campaign (docs/architecture.md "Watching
 * is the same idea in time"). Each is idempotent: a retried evaluation runs them all again.
 */
export const CAMPAIGN_WATCHERS: readonly CampaignWatcher[] = [refreshLiveMessages, evaluateCampaignAlerts];

/** Campaigns whose calls arrived this long before an update check are evaluated by it (a slow ingest commits late). */
const TOUCHED_WITHIN_MS = 5_000;

/** The `watch` job: runs every watcher for one campaign; one failing does not keep the others from running. */
export async function processWatch(deps: WatchDeps, ref: CampaignRef): Promise<number> {
  const now = deps.now?.() ?? new Date();
  let failure: unknown = null;
  for (const watcher of CAMPAIGN_WATCHERS) {
    try {
      await watcher(deps, ref, now);
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message, ...ref, watcher: watcher.name }, 'a watcher failed');
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return CAMPAIGN_WATCHERS.length;
}

/**
 * After ingest (the per-account, per-second `check-updates` job): one `watch-<account>-<campaign>-<second>`
 * per campaign that received calls, so a campaign is evaluated at most once a second however many calls arrive.
 */
export async function enqueueTouchedCampaignWatches(
  deps: WatchDeps,
  accountId: string | null,
  second: number,
): Promise<number> {
  const since = new Date(second * 1000 - TOUCHED_WITHIN_MS);
  const campaigns = await listTouchedCampaigns(deps.db, accountId, since);
  await enqueueWatches(deps.queues, campaigns, second);
  return campaigns.length;
}
