import { ReportSubject } from '../domain/delivery';
import { liveDestinations } from '../domain/delivery-destinations';
import { findCampaign } from '../storage/campaigns';
import { Delivery, insertLiveDeliveries, listReportDeliveries } from '../storage/deliveries';
import { listActiveSubscriptions } from '../storage/subscriptions';
import { campaignCallCount } from '../storage/rollups';
import { enqueueDelivery, enqueueLiveEdit } from './enqueue';
import type { WatchDeps } from './watch-job';

export interface CampaignRef {
  accountId: string;
  campaignId: string;
}

/** When a live message may next be edited: LIVE_UPDATE_SECONDS after its last post or edit. */
export function nextLiveEditDelayMs(row: Pick<Delivery, 'liveEditedAt'>, intervalMs: number, nowMs: number): number {
  return row.liveEditedAt ? Math.max(0, row.liveEditedAt.getTime() + intervalMs - nowMs) : 0;
}

/** Asks for the next edit of a live message that shows fewer calls than are stored (coalesced by its job id). */
export async function askLiveEdit(
  deps: Pick<WatchDeps, 'queues' | 'settings'>,
  row: Delivery,
  calls: number,
  nowMs: number,
): Promise<boolean> {
  if (!row.live || row.status !== 'done' || (row.liveCalls !== null && row.liveCalls >= calls)) return false;
  await enqueueLiveEdit(
    deps.queues,
    row.id,
    row.liveEdits,
    nextLiveEditDelayMs(row, deps.settings.liveUpdateMs, nowMs),
  );
  return true;
}

/**
 * The first watcher (docs/live.md): a running campaign's live message in every chat destination whose
 * subscription wants `live`. The ledger row is the decision, made once (deterministic id, insert-or-ignore)
 * and the same row the final report will use; its first delivery posts the live message, and later calls
 * ask for an edit that waits for LIVE_UPDATE_SECONDS since the last one and carries the latest figures.
 */
export async function refreshLiveMessages(deps: WatchDeps, ref: CampaignRef, now: Date): Promise<number> {
  const { db } = deps;
  const campaign = await findCampaign(db, ref.accountId, ref.campaignId);
  if (!campaign || campaign.recordedState === 'complete') return 0;
  const subject: ReportSubject = { kind: 'campaign', accountId: ref.accountId, ref: ref.campaignId };
  const subscriptions = await listActiveSubscriptions(db, ref.accountId);
  const planned = liveDestinations(subject, campaign, subscriptions, new Set(deps.channels.editableKinds()));
  if (planned.length === 0) return 0;
  const wanted = new Set(planned.map((row) => row.id));
  let existing = await listReportDeliveries(db, ref.accountId, 'campaign', ref.campaignId);
  const missing = planned.filter((row) => !existing.some((stored) => stored.id === row.id));
  if (missing.length > 0) {
    await insertLiveDeliveries(db, missing);
    existing = await listReportDeliveries(db, ref.accountId, 'campaign', ref.campaignId);
  }
  const rows = existing.filter((row) => row.live && wanted.has(row.id));
  const calls = await campaignCallCount(db, ref.accountId, ref.campaignId);
  let asked = 0;
  for (const row of rows) {
    if (row.status === 'pending' || row.status === 'sending') {
      await enqueueDelivery(deps.queues, row.id, true);
      asked += 1;
    } else if (await askLiveEdit(deps, row, calls, now.getTime())) asked += 1;
  }
  return asked;
}
