import { AlertSettings } from '../domain/alert-rules';
import { monthOf } from '../domain/time-zone';
import { findAccount } from '../storage/accounts';
import { AlertEpisode, listOpenEpisodes, openEpisodesOfCompleteCampaigns } from '../storage/alert-episodes';
import { loadAlertSettings } from '../storage/alert-settings';
import { listQuietCampaigns } from '../storage/campaigns';
import { AlertChange, AlertDeps, AppliedChange, enqueueAlertDeliveries, recordAlertChanges } from './alert-changes';
import { stalledChange } from './alert-evaluation';

/** The shortest `stalled` threshold anyone can set: campaigns quieter than this are worth a look. */
const SHORTEST_STALL_MS = 60_000;
const BATCH = 500;

async function record(deps: AlertDeps, accountId: string, changes: AlertChange[], now: Date): Promise<AppliedChange[]> {
  if (changes.length === 0) return [];
  const applied = await deps.db.transaction((trx) => recordAlertChanges(trx, deps, accountId, changes, now));
  await enqueueAlertDeliveries(deps, applied);
  return applied;
}

function byAccount<T extends { accountId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.accountId, [...(groups.get(item.accountId) ?? []), item]);
  return groups;
}

/**
 * The scheduler's side of alerts (run with every completion tick): campaigns quiet for their account's
 * `stalled` minutes fire it; open episodes of campaigns that completed clear with their final report;
 * budget episodes of a month that is over clear. Every step is idempotent (the episode rows decide).
 */
export async function sweepAlerts(deps: AlertDeps, now: Date = new Date()): Promise<number> {
  let changed = 0;
  const completed = await openEpisodesOfCompleteCampaigns(deps.db, BATCH);
  for (const [accountId, episodes] of byAccount(completed)) {
    const changes = episodes.map((episode): AlertChange => ({
      event: 'clear',
      episode,
      reason: 'completed',
      figures: null,
    }));
    changed += (await record(deps, accountId, changes, now)).length;
  }

  const settings = new Map<string, AlertSettings>();
  const quiet = await listQuietCampaigns(deps.db, new Date(now.getTime() - SHORTEST_STALL_MS), BATCH);
  for (const [accountId, campaigns] of byAccount(quiet)) {
    const account = settings.get(accountId) ?? (await loadAlertSettings(deps.db, accountId));
    settings.set(accountId, account);
    if (!account.stalled.enabled) continue;
    const changes = campaigns
      .map((campaign) => stalledChange(undefined, campaign, now, account.stalled.threshold))
      .filter((change): change is AlertChange => change !== null);
    changed += (await record(deps, accountId, changes, now)).length;
  }

  const budgets = await listOpenEpisodes(deps.db, undefined, 'budget');
  for (const [accountId, episodes] of byAccount(budgets)) {
    const timeZone = (await findAccount(deps.db, accountId))?.timeZone;
    if (!timeZone) continue;
    const current = monthOf(now, timeZone);
    const monthOfScope = (episode: AlertEpisode) => episode.scope.split('|').slice(-2)[0];
    const over = episodes.filter((episode) => monthOfScope(episode) !== current);
    const changes = over.map((episode): AlertChange => ({
      event: 'clear',
      episode,
      reason: 'month-ended',
      figures: { month: monthOfScope(episode) },
    }));
    changed += (await record(deps, accountId, changes, now)).length;
  }
  return changed;
}
