import { DelayedError, Job } from 'bullmq';
import { DeliveryChannel, DeliveryTarget, LiveNote, liveNoteOf } from '../domain/delivery';
import { findCampaign } from '../storage/campaigns';
import { Delivery, endLive, findDelivery, markLiveShown } from '../storage/deliveries';
import { campaignCallCount } from '../storage/rollups';
import type { DeliveryJobDeps, DeliveryOutcome } from './delivery-job';
import { enqueueUpdate } from './enqueue';
import { askLiveEdit, nextLiveEditDelayMs } from './live-messages';
import { DeliveryPayload, LiveEditPayload } from './queues';
import { loadDeliverable } from './report-loader';
import { editDeliveredMessage, subjectOf, targetOf } from './delivered-message';

/** The channel slot of the delivery job (one message per interval per chat channel). */
export interface ChannelSlot {
  wait(target: DeliveryTarget): Promise<void>;
  release(target: DeliveryTarget): Promise<void>;
}

/** Why a live message is there: its interval and who subscribed the destination. */
export function liveNoteFor(row: Delivery, deps: Pick<DeliveryJobDeps, 'settings'>): LiveNote {
  return { updateSeconds: Math.round(deps.settings.liveUpdateMs / 1000), subscribedBy: row.notifyUser };
}

const nowOf = (deps: DeliveryJobDeps) => (deps.now ?? Date.now)();

/**
 * After a post or an edit of a live message: a campaign that completed meanwhile gets its final edit,
 * calls that arrived meanwhile their next live edit (after LIVE_UPDATE_SECONDS).
 */
export async function followUpLive(deps: DeliveryJobDeps, known: Delivery): Promise<void> {
  if (!known.live) return; // a row is live from its creation or never: nothing to read again
  const row = await findDelivery(deps.db, known.id);
  if (!row?.live || row.status !== 'done') return;
  const campaign = await findCampaign(deps.db, row.accountId, row.reportRef);
  if (!campaign) return;
  if (campaign.recordedState === 'complete') {
    await enqueueUpdate(deps.queues, row.id, campaign.revision);
    return;
  }
  const calls = await campaignCallCount(deps.db, row.accountId, row.reportRef);
  await askLiveEdit(deps, row, calls, nowOf(deps));
}

/** Records what a post or edit of a live row showed: live figures, or the final report (live ends). */
export async function recordLiveShown(
  deps: DeliveryJobDeps,
  row: Delivery,
  report: Parameters<typeof liveNoteOf>[0],
  edit?: number,
): Promise<void> {
  if (!row.live) return;
  if (liveNoteOf(report) && report.kind === 'campaign') {
    await markLiveShown(deps.db, row.id, report.report.overview.calls.total, new Date(nowOf(deps)), edit);
  } else {
    await endLive(deps.db, row.id);
  }
}

/**
 * The `live-edit` job, under the row's lock: the live message edited in place with the latest figures,
 * at most once per LIVE_UPDATE_SECONDS. A job for an edit already made (another job got there) does
 * nothing; a campaign that completed is left to its final edit (an `update` job).
 */
export async function editLiveMessage(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  job: Job<DeliveryPayload>,
  token: string | undefined,
  slot: ChannelSlot,
): Promise<DeliveryOutcome> {
  const { edit } = job.data as LiveEditPayload;
  if (!channel.editable || !row.live || !row.messageRef || row.liveEdits !== edit) return 'up-to-date';
  const campaign = await findCampaign(deps.db, row.accountId, row.reportRef);
  if (!campaign || campaign.recordedState === 'complete') return 'up-to-date';
  const wait = nextLiveEditDelayMs(row, deps.settings.liveUpdateMs, nowOf(deps));
  if (wait > 0 && token) {
    await job.moveToDelayed(nowOf(deps) + wait, token);
    throw new DelayedError(`live message edited less than LIVE_UPDATE_SECONDS ago`);
  }
  const calls = await campaignCallCount(deps.db, row.accountId, row.reportRef);
  if (row.liveCalls !== null && calls <= row.liveCalls) return 'up-to-date';
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subjectOf(row), {
    updated: false,
    live: liveNoteFor(row, deps),
  });
  const target = targetOf(row);
  await slot.wait(target);
  await editDeliveredMessage(deps.db, channel, row, row.messageRef, loaded);
  await recordLiveShown(deps, row, loaded.report, edit);
  await slot.release(target);
  await followUpLive(deps, row);
  return 'updated';
}

/** A live message whose campaign completed: edited into the final report (never a second post). */
export async function finishLiveMessage(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  slot: ChannelSlot,
): Promise<DeliveryOutcome> {
  if (!channel.editable || !row.messageRef) return 'already-done';
  const campaign = await findCampaign(deps.db, row.accountId, row.reportRef);
  if (!campaign || campaign.recordedState !== 'complete') return 'up-to-date';
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subjectOf(row), { updated: false });
  const target = targetOf(row);
  await slot.wait(target);
  await editDeliveredMessage(deps.db, channel, row, row.messageRef, loaded);
  await endLive(deps.db, row.id);
  await slot.release(target);
  deps.logger.info({ deliveryId: row.id, revision: loaded.revision }, 'the live message became the final report');
  return 'updated';
}
