import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { Logger } from 'pino';
import { DeliveryAttempt, DeliveryChannel, DeliveryTarget, ReadOnce, ReportSubject } from '../domain/delivery';
import {
  TransientDeliveryError,
  breaksSubscription,
  errorReason,
  isPermanentDeliveryError,
  retryAfterMsOf,
  wasNotDelivered,
} from '../domain/delivery-errors';
import { ReportDeps } from '../reports/report-context';
import { campaignKey, findCampaign, findCampaigns } from '../storage/campaigns';
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
import { HeldLock, LockOutcome, withDeliveryLock } from '../storage/delivery-locks';
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
import { DeliveryPayload, JOB_NAMES, RowPayload } from './queues';
import { KnownRows, ReportLinks, SubjectGone, loadDeliverable } from './report-loader';
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
  const { deliveryId } = job.data as RowPayload;
  // The row is read under its lock only: what an attempt decides from must be what the last holder left.
  let held: { row: Delivery; channel: DeliveryChannel } | undefined;
  let locked: LockOutcome<DeliveryOutcome>;
  try {
    locked = await withDeliveryLock(db, deliveryId, async (lock): Promise<DeliveryOutcome> => {
      const row = await findDelivery(db, deliveryId);
      if (!row) return 'missing';
      if (row.status === 'failed') return 'failed-earlier';
      const channel = deps.channels.get(row.channelKind);
      if (!channel) {
        await markDeliveryFailed(db, deliveryId, `no ${row.channelKind} channel is configured in this worker`);
        throw new UnrecoverableError(`no ${row.channelKind} delivery channel is configured`);
      }
      held = { row, channel };
      return deliverLocked(deps, channel, row, job, token, lock, marks);
    });
  } catch (error) {
    if (error instanceof DelayedError || (error instanceof UnrecoverableError && !held)) throw error;
    const row = held?.row ?? (await findDelivery(db, deliveryId));
    const channel = held?.channel ?? (row ? deps.channels.get(row.channelKind) : undefined);
    if (!row || !channel) throw error;
    return handleFailure(deps, channel, row, job, error);
  }
  // Another attempt holds the row and brings it to its end: try again later, and never write to the row (a
  // last try that gives up leaves it as the holder does; a row still pending then is the sweep's).
  if (!locked.acquired)
    throw new TransientDeliveryError('another attempt is delivering this report', 'busy', settings.busyRetryMs);
  return locked.value;
}

async function deliverLocked(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  job: Job<DeliveryPayload>,
  token: string | undefined,
  lock: HeldLock,
  marks: DeliveryMarks,
): Promise<DeliveryOutcome> {
  const farSlot = delayJobUntil(job, token);
  const slot = channelSlot(deps, row.id, farSlot);
  if (row.status === 'done' && job.name === JOB_NAMES.liveEdit)
    return editLiveMessage(deps, channel, row, job, token, slot);
  if (row.status === 'done' && row.live) return finishLiveMessage(deps, channel, row, slot);
  if (row.status === 'done') return editIfStale(deps, channel, row, farSlot);
  if (job.name !== JOB_NAMES.deliver) return 'not-delivered-yet'; // the first post renders the latest; its follow-up edits
  return postReport(deps, channel, row, { lock, marks, farSlot });
}

export interface PostOptions {
  lock: HeldLock;
  marks: DeliveryMarks;
  /** Where a row goes whose channel slot is further away than a job waits in place. */
  farSlot?: FarSlot;
  /** The ledger already counted this attempt (a batch counts its rows in one statement). */
  attemptStarted?: boolean;
  /** The campaign and account as the caller read them under the lock. */
  known?: KnownRows;
  /** Reads shared by the rows of one job (DeliveryAttempt.readOnce). */
  readOnce?: ReadOnce;
  /** Collects the rows whose channel slot the caller releases at once, instead of a call per row here. */
  usedSlots?: string[];
  /** Collects what was posted for the caller to follow up on at once, instead of a read per row here. */
  posted?: PostedRevision[];
}

/** A campaign report a row now shows, at `revision`: a later revision needs an edit (followUpPosted). */
export interface PostedRevision {
  deliveryId: string;
  subject: ReportSubject;
  revision: number;
}

/**
 * A pending (or interrupted) row, under its lock: heals a row left "sending" by a crash (the message found
 * at the destination is recorded, not sent again); otherwise renders the report now and sends it,
 * committing "sending" right before the irreversible step.
 */
export async function postReport(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  options: PostOptions,
): Promise<'posted' | 'healed'> {
  const { db } = deps;
  const { lock, marks } = options;
  const subject = subjectOf(row);
  const target = targetOf(row);
  const planned = row.messageRef ?? channel.plannedRef(row.id, target);
  if (!options.attemptStarted) await startDeliveryAttempt(db, row.id, planned);
  let revision = 0;
  const attempt: DeliveryAttempt = {
    deliveryId: row.id,
    target,
    since: row.createdAt,
    ref: planned,
    thread: await alertThreadOf(db, row),
    beforeIrreversible: async () => {
      await waitToSend(deps, target);
      await markDeliverySending(db, row.id, revision, lock);
    },
    readOnce: options.readOnce,
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
      await followUpOrCollect(deps, channel, row.id, subject, row.sendingRevision ?? 0, options.posted);
      await followUpLive(deps, row);
      return 'healed';
    }
  }

  const live = row.live ? liveNoteFor(row, deps) : undefined;
  marks.ready = Date.now();
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subject, {
    updated: false,
    live,
    known: options.known,
  });
  revision = loaded.revision;
  marks.loaded = Date.now();
  await waitForChannelSlot(deps, target, row.id, options.farSlot);
  marks.slot = Date.now();
  const ref = await channel.post(loaded.report, attempt);
  marks.posted = Date.now();
  await markDeliveryDone(db, row.id, ref, revision);
  await recordLiveShown(deps, row, loaded.report);
  if (options.usedSlots && isThrottledKind(target.kind)) options.usedSlots.push(row.id);
  else await releaseSlot(deps, target, row.id);
  await followUpOrCollect(deps, channel, row.id, subject, revision, options.posted);
  await followUpLive(deps, row);
  marks.done = Date.now();
  return 'posted';
}

/** A delivered campaign report whose campaign changed since: the same message, re-rendered "updated". */
async function editIfStale(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  farSlot: FarSlot | undefined,
): Promise<DeliveryOutcome> {
  if (!channel.editable || row.reportKind !== 'campaign' || !row.messageRef) return 'already-done';
  const campaign = await findCampaign(deps.db, row.accountId, row.reportRef);
  if (!campaign || campaign.revision <= (row.deliveredRevision ?? -1)) return 'up-to-date';
  const target = targetOf(row);
  const loaded = await loadDeliverable(deps.reportDeps, deps.links, subjectOf(row), { updated: true });
  await waitForChannelSlot(deps, target, row.id, farSlot);
  await editDeliveredMessage(deps.db, channel, row, row.messageRef, loaded);
  await releaseSlot(deps, target, row.id);
  deps.logger.info({ deliveryId: row.id, revision: loaded.revision }, 'edited the delivered report in place');
  return 'updated';
}

/** Follows a campaign report up now, or leaves it to the caller's `posted` (a batch follows all up at once). */
async function followUpOrCollect(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  deliveryId: string,
  subject: ReportSubject,
  revision: number,
  posted: PostedRevision[] | undefined,
): Promise<void> {
  if (!channel.editable || subject.kind !== 'campaign') return;
  const entry = { deliveryId, subject, revision };
  if (posted) posted.push(entry);
  else await followUpPosted(deps, [entry]);
}

/** A call that arrived while a report was being sent leaves its campaign ahead: edit once more. */
export async function followUpPosted(deps: DeliveryJobDeps, posted: readonly PostedRevision[]): Promise<void> {
  if (posted.length === 0) return;
  const campaigns = await findCampaigns(
    deps.db,
    posted.map(({ subject }) => ({ accountId: subject.accountId, campaignId: subject.ref })),
  );
  for (const { deliveryId, subject, revision } of posted) {
    const campaign = campaigns.get(campaignKey(subject.accountId, subject.ref));
    if (campaign && campaign.revision > revision) await enqueueUpdate(deps.queues, deliveryId, campaign.revision);
  }
}

/** What becomes of a row whose channel slot (epoch ms) is further away than a job waits in place. */
export type FarSlot = (slotMs: number) => Promise<never>;

/** A single job goes back to the queue, delayed until its slot (it keeps its reservation). */
function delayJobUntil(job: Job<DeliveryPayload>, token: string | undefined): FarSlot | undefined {
  if (!token) return undefined;
  return async (slot) => {
    await job.moveToDelayed(slot, token);
    throw new DelayedError(`channel busy until ${new Date(slot).toISOString()}`);
  };
}

/** One message per interval per chat channel: wait here briefly, or leave the rest to `farSlot`. */
async function waitForChannelSlot(
  deps: DeliveryJobDeps,
  target: DeliveryTarget,
  deliveryId: string,
  farSlot: FarSlot | undefined,
): Promise<void> {
  if (!isThrottledKind(target.kind)) return;
  const now = deps.now ?? Date.now;
  const slot = await deps.throttle.reserve(target, deliveryId);
  const wait = slot - now();
  if (wait <= 0) return;
  if (wait <= deps.settings.maxInlineThrottleWaitMs || !farSlot) {
    await sleep(wait);
    return;
  }
  await farSlot(slot);
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

function channelSlot(deps: DeliveryJobDeps, deliveryId: string, farSlot: FarSlot | undefined): ChannelSlot {
  return {
    wait: (target) => waitForChannelSlot(deps, target, deliveryId, farSlot),
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
  const reason = errorReason(error);
  const message = error instanceof Error ? error.message : String(error);
  if (isFinalFailure(error)) {
    await failPermanently(deps, channel, row, error);
    throw new UnrecoverableError(`${reason}: ${message}`);
  }
  const retryAfter = await recordTransientFailure(deps, row, error);
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade + 1 >= attempts) {
    await ledgerWrite(deps, markDeliveryFailed(deps.db, row.id, `gave up after ${attempts} attempts: ${reason}`));
  }
  deps.logger.info(
    { deliveryId: row.id, reason, attempt: job.attemptsMade + 1, retryAfterMs: retryAfter },
    'delivery will be retried',
  );
  throw error instanceof Error ? error : new Error(message);
}

/** Sending again cannot help: the platform refused for good, or the report's subject is gone. */
export function isFinalFailure(error: unknown): boolean {
  return isPermanentDeliveryError(error) || error instanceof SubjectGone;
}

const ledgerWrite = (deps: DeliveryJobDeps, work: Promise<unknown>) =>
  work.catch((err: unknown) => deps.logger.warn({ err: (err as Error).message }, 'ledger write failed'));

/**
 * The row fails (or, delivered, stops being edited for this revision); a destination that is gone breaks
 * its subscriptions and their creator is told.
 */
export async function failPermanently(
  deps: DeliveryJobDeps,
  channel: DeliveryChannel,
  row: Delivery,
  error: unknown,
): Promise<void> {
  const { db, logger } = deps;
  const reason = errorReason(error);
  const message = error instanceof Error ? error.message : String(error);
  await releaseSlot(deps, targetOf(row), row.id);
  const current = await findDelivery(db, row.id).catch(() => row);
  if (current?.status === 'done' && current.messageRef) {
    // An edit can never be made (message deleted, channel archived): stop trying for this revision.
    const campaign = await findCampaign(db, row.accountId, row.reportRef).catch(() => null);
    await ledgerWrite(
      deps,
      markDeliveryUpdated(db, row.id, current.messageRef, campaign?.revision ?? 0, `edit failed: ${reason}`),
    );
  } else {
    await ledgerWrite(deps, markDeliveryFailed(db, row.id, `${reason}: ${message}`));
  }
  if (current?.live) await ledgerWrite(deps, endLive(db, row.id)); // a live message that cannot be edited stops being live
  if (breaksSubscription(error)) {
    for (const id of row.subscriptionIds) await ledgerWrite(deps, markSubscriptionBroken(db, id, reason));
    if (row.notifyUser && row.subscriptionIds.length > 0) {
      await channel.notifyBroken(targetOf(row), row.notifyUser, reason, subjectOf(row));
    }
  }
  logger.warn({ deliveryId: row.id, reason }, 'delivery stopped: it cannot succeed');
}

/**
 * Worth another try: the ledger keeps the reason (a refused message is pending again, not "sending"), the
 * slot is given back (a retry takes a fresh one) and a rate-limited channel is closed until Retry-After,
 * which is returned for the retry's delay.
 */
export async function recordTransientFailure(
  deps: DeliveryJobDeps,
  row: Delivery,
  error: unknown,
): Promise<number | undefined> {
  const { db } = deps;
  const reason = errorReason(error);
  const message = error instanceof Error ? error.message : String(error);
  await releaseSlot(deps, targetOf(row), row.id);
  if (wasNotDelivered(error)) await ledgerWrite(deps, markDeliveryPending(db, row.id, reason));
  await ledgerWrite(deps, recordDeliveryError(db, row.id, `${reason}: ${message}`));
  const retryAfter = retryAfterMsOf(error);
  if (retryAfter !== undefined && reason === 'ratelimited' && isThrottledKind(row.channelKind)) {
    await deps.throttle.pushBack(targetOf(row), (deps.now ?? Date.now)() + retryAfter).catch(() => undefined);
  }
  return retryAfter;
}
