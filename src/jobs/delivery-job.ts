import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { Logger } from 'pino';
import { DeliveryAttempt, DeliveryChannel, DeliveryTarget, ReportSubject } from '../domain/delivery';
import {
  TransientDeliveryError,
  breaksSubscription,
  errorReason,
  isPermanentDeliveryError,
  retryAfterMsOf,
  wasNotDelivered,
} from '../domain/delivery-errors';
import { ReportDeps } from '../reports/report-context';
import { findCampaign } from '../storage/campaigns';
import { Db } from '../storage/connection';
import {
  Delivery,
  findDelivery,
  markDeliveryDone,
  markDeliveryFailed,
  markDeliveryPending,
  markDeliverySending,
  markDeliveryUpdated,
  endLive,
  markLiveShown,
  recordDeliveryError,
  startDeliveryAttempt,
} from '../storage/deliveries';
import { LockCheck, withDeliveryLock } from '../storage/delivery-locks';
import { markSubscriptionBroken } from '../storage/subscriptions';
import { alertThreadOf } from './alert-thread';
import { ChannelRegistry, isThrottledKind } from './channel-registry';
import { ChannelThrottle } from './channel-throttle';
import { enqueueUpdate } from './enqueue';
import {
  ChannelSlot,
  editLiveMessage,
  finishLiveMessage,
  followUpLive,
  liveNoteFor,
  recordLiveShown,
} from './live-edit';
import { JobQueues } from './job-queues';
import { JobSettings } from './job-settings';
import { DeliveryPayload, JOB_NAMES } from './queues';
import { ReportLinks, SubjectGone, loadDeliverable } from './report-loader';
import { editDeliveredMessage, subjectOf, targetOf } from './delivered-message';

export interface DeliveryJobDeps {
  db: Db;
  reportDeps: ReportDeps;
  links: ReportLinks;
  channels: ChannelRegistry;
  throttle: ChannelThrottle;
  queues: JobQueues;
  settings: JobSettings;
  logger: Logger;
  now?: () => number;
}

export type DeliveryOutcome =
  'missing' | 'failed-earlier' | 'already-done' | 'up-to-date' | 'not-delivered-yet' | 'posted' | 'healed' | 'updated';

/**
 * When a first post passed each step (epoch ms), for the delivery benchmark's shares: ledger and lock
 * done (`ready`), report loaded, channel slot reached, message accepted by the platform, ledger marked done.
 */
export interface DeliveryMarks {
  ready?: number;
  loaded?: number;
  slot?: number;
  posted?: number;
  done?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One delivery job (`deliver-…` or `update-…`): brings one ledger row to "the destination shows the
 * current report, once". Under the row's lock it
 * - does nothing for a failed row, or a done row that is up to date;
 * - edits the delivered message in place when the campaign changed since (chat only);
 * - heals a row left "sending" by a crash: the message found at the destination is recorded, not sent again;
 * - otherwise renders the report now and sends it, committing "sending" right before the irreversible step.
 */
export async function processDeliveryJob(
  deps: DeliveryJobDeps,
  job: Job<DeliveryPayload>,
  token?: string,
  marks: DeliveryMarks = {},
): Promise<DeliveryOutcome> {
  const { db, settings } = deps;
  const { deliveryId } = job.data;
  // The row is read under its lock only: what an attempt decides from must be what the last holder left.
  let held: { row: Delivery; channel: DeliveryChannel } | undefined;
  try {
    const locked = await withDeliveryLock(db, deliveryId, async (check): Promise<DeliveryOutcome> => {
      const row = await findDelivery(db, deliveryId);
      if (!row) return 'missing';
      if (row.status === 'failed') return 'failed-earlier';
      const channel = deps.channels.get(row.channelKind);
      if (!channel) {
        await markDeliveryFailed(db, deliveryId, `no ${row.channelKind} channel is configured in this worker`);
        throw new UnrecoverableError(`no ${row.channelKind} delivery channel is configured`);
      }
      held = { row, channel };
      return deliverLocked(deps, channel, row, job, token, check, marks);
    });
    if (!locked.acquired) {
      throw new TransientDeliveryError('another attempt is delivering this report', 'busy', settings.busyRetryMs);
    }
    return locked.value;
  } catch (error) {
    if (error instanceof DelayedError || (error instanceof UnrecoverableError && !held)) throw error;
    const row = held?.row ?? (await findDelivery(db, deliveryId));
    const channel = held?.channel ?? (row ? deps.channels.get(row.channelKind) : undefined);
    if (!row || !channel) throw error;
    return handleFailure(deps, channel, row, job, error);
  }
}

async function deliverLocked(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  job: Job<DeliveryPayload>,
  token: string | undefined,
  check: LockCheck,
  marks: DeliveryMarks,
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const subject = subjectOf(row);
  const target = targetOf(row);

  const slot = channelSlot(deps, row.id, job, token);
  if (row.status === 'done' && job.name === JOB_NAMES.liveEdit)
    return editLiveMessage(deps, channel, row, job, token, slot);
  if (row.status === 'done' && row.live) return finishLiveMessage(deps, channel, row, slot);
  if (row.status === 'done') return editIfStale(deps, channel, row, job, token);
  if (job.name !== JOB_NAMES.deliver) return 'not-delivered-yet'; // the first post renders the latest; its follow-up edits

  const planned = row.messageRef ?? channel.plannedRef(row.id, target);
  await startDeliveryAttempt(db, row.id, planned);
  let revision = 0;
  const attempt: DeliveryAttempt = {
    deliveryId: row.id,
    target,
    since: row.createdAt,
    ref: planned,
    thread: await alertThreadOf(db, row),
    beforeIrreversible: async () => {
      await waitToSend(deps, target);
      await check();
      await markDeliverySending(db, row.id, revision);
    },
  };

  if (row.status === 'sending') {
    const existing = await channel.findExisting(attempt);
    if (existing) {
      const note = existing.assumed
        ? 'assumed delivered: an earlier attempt died after it committed the send'
        : 'found at the destination after an interrupted attempt';
      await markDeliveryDone(db, row.id, existing, row.sendingRevision ?? 0, note);
      if (row.live) await markLiveShown(db, row.id, null, new Date((deps.now ?? Date.now)())); // figures unknown: edit next
      deps.logger.info(
        { deliveryId: row.id, ref: existing.id, assumed: existing.assumed === true },
        'an earlier attempt delivered this report; not sending again',
      );
      await followUp(deps, channel, row.id, subject, row.sendingRevision ?? 0);
      await followUpLive(deps, row);
      return 'healed';
    }
  }

  const live = row.live ? liveNoteFor(row, deps) : undefined;
  marks.ready = Date.now();
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subject, { updated: false, live });
  revision = loaded.revision;
  marks.loaded = Date.now();
  await waitForChannelSlot(deps, target, row.id, job, token);
  marks.slot = Date.now();
  const ref = await channel.post(loaded.report, attempt);
  marks.posted = Date.now();
  await markDeliveryDone(db, row.id, ref, revision);
  await recordLiveShown(deps, row, loaded.report);
  await releaseSlot(deps, target, row.id);
  await followUp(deps, channel, row.id, subject, revision);
  await followUpLive(deps, row);
  marks.done = Date.now();
  return 'posted';
}

/** A delivered campaign report whose campaign changed since: the same message, re-rendered "updated". */
async function editIfStale(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  job: Job<DeliveryPayload>,
  token: string | undefined,
): Promise<DeliveryOutcome> {
  if (!channel.editable || row.reportKind !== 'campaign' || !row.messageRef) return 'already-done';
  const campaign = await findCampaign(deps.db, row.accountId, row.reportRef);
  if (!campaign || campaign.revision <= (row.deliveredRevision ?? -1)) return 'up-to-date';
  const target = targetOf(row);
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subjectOf(row), { updated: true });
  await waitForChannelSlot(deps, target, row.id, job, token);
  await editDeliveredMessage(deps.db, channel, row, row.messageRef, loaded);
  await releaseSlot(deps, target, row.id);
  deps.logger.info({ deliveryId: row.id, revision: loaded.revision }, 'edited the delivered report in place');
  return 'updated';
}

/** A call that arrived while the report was being sent leaves the campaign ahead: edit once more. */
async function followUp(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  deliveryId: string,
  subject: ReportSubject,
  revision: number,
): Promise<void> {
  if (!channel.editable || subject.kind !== 'campaign') return;
  const campaign = await findCampaign(deps.db, subject.accountId, subject.ref);
  if (campaign && campaign.revision > revision) await enqueueUpdate(deps.queues, deliveryId, campaign.revision);
}

/** One message per interval per chat channel: wait here briefly, or go back to the queue until the slot. */
async function waitForChannelSlot(
  deps: DeliveryJobDeps,
  target: DeliveryTarget,
  deliveryId: string,
  job: Job<DeliveryPayload>,
  token: string | undefined,
): Promise<void> {
  if (!isThrottledKind(target.kind)) return;
  const now = deps.now ?? Date.now;
  const slot = await deps.throttle.reserve(target, deliveryId);
  const wait = slot - now();
  if (wait <= 0) return;
  if (wait <= deps.settings.maxInlineThrottleWaitMs || !token) {
    await sleep(wait);
    return;
  }
  await job.moveToDelayed(slot, token);
  throw new DelayedError(`channel busy until ${new Date(slot).toISOString()}`);
}

/** The last step before a post: one interval after the channel's last send (channel-throttle.ts). */
async function waitToSend(deps: DeliveryJobDeps, target: DeliveryTarget): Promise<void> {
  if (!isThrottledKind(target.kind)) return;
  const wait = (await deps.throttle.sendAt(target)) - (deps.now ?? Date.now)();
  if (wait > 0) await sleep(wait);
}

async function releaseSlot(deps: DeliveryJobDeps, target: DeliveryTarget, deliveryId: string): Promise<void> {
  if (isThrottledKind(target.kind)) await deps.throttle.release(deliveryId).catch(() => undefined);
}

function channelSlot(
  deps: DeliveryJobDeps,
  deliveryId: string,
  job: Job<DeliveryPayload>,
  token: string | undefined,
): ChannelSlot {
  return {
    wait: (target) => waitForChannelSlot(deps, target, deliveryId, job, token),
    release: (target) => releaseSlot(deps, target, deliveryId),
  };
}

/**
 * Permanent: the row fails, a destination that is gone breaks its subscriptions and its creator is
 * told, and BullMQ does not retry. Transient: the ledger keeps the reason and BullMQ retries with the
 * back-off (Retry-After when the platform gave one); the last attempt fails the row.
 */
async function handleFailure(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  job: Job<DeliveryPayload>,
  error: unknown,
): Promise<never> {
  const { db, logger } = deps;
  const reason = errorReason(error);
  const message = error instanceof Error ? error.message : String(error);
  const safely = (work: Promise<unknown>) =>
    work.catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'ledger write failed'));
  await releaseSlot(deps, targetOf(row), row.id); // a retry takes a fresh slot in the channel
  if (isPermanentDeliveryError(error) || error instanceof SubjectGone) {
    const current = await findDelivery(db, row.id).catch(() => row);
    if (current?.status === 'done' && current.messageRef) {
      // An edit can never be made (message deleted, channel archived): stop trying for this revision.
      const campaign = await findCampaign(db, row.accountId, row.reportRef).catch(() => null);
      await safely(
        markDeliveryUpdated(db, row.id, current.messageRef, campaign?.revision ?? 0, `edit failed: ${reason}`),
      );
    } else {
      await safely(markDeliveryFailed(db, row.id, `${reason}: ${message}`));
    }
    if (current?.live) await safely(endLive(db, row.id)); // a live message that cannot be edited stops being live
    if (breaksSubscription(error)) {
      for (const id of row.subscriptionIds) await safely(markSubscriptionBroken(db, id, reason));
      if (row.notifyUser && row.subscriptionIds.length > 0) {
        await channel.notifyBroken(targetOf(row), row.notifyUser, reason, subjectOf(row));
      }
    }
    logger.warn({ deliveryId: row.id, reason }, 'delivery stopped: it cannot succeed');
    throw new UnrecoverableError(`${reason}: ${message}`);
  }
  if (wasNotDelivered(error)) await safely(markDeliveryPending(db, row.id, reason));
  await safely(recordDeliveryError(db, row.id, `${reason}: ${message}`));
  const retryAfter = retryAfterMsOf(error);
  if (retryAfter !== undefined && reason === 'ratelimited' && isThrottledKind(row.channelKind)) {
    await deps.throttle.pushBack(targetOf(row), (deps.now ?? Date.now)() + retryAfter).catch(() => undefined);
  }
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade + 1 >= attempts) {
    await safely(markDeliveryFailed(db, row.id, `gave up after ${attempts} attempts: ${reason}`));
  }
  logger.info(
    { deliveryId: row.id, reason, attempt: job.attemptsMade + 1, retryAfterMs: retryAfter },
    'delivery will be retried',
  );
  throw error instanceof Error ? error : new Error(message);
}
