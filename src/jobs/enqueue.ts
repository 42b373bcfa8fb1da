import { JobsOptions, Queue } from 'bullmq';
import { JobQueues } from './job-queues';
import { ControlPayload, DeliveryPayload, JOB_NAMES, jobIds } from './queues';

/**
 * Adding jobs by their deterministic ids. A job with the same id that is still waiting, delayed or
 * active makes the add a no-op; one left behind as failed (its last attempt could not even record the
 * failure) is removed first when `revive` is set, so that the ledger, not Redis, decides.
 */
async function addOnce<T>(
  queue: Queue<T>,
  name: string,
  data: T,
  jobId: string,
  options: JobsOptions = {},
  revive = false,
): Promise<void> {
  if (revive) {
    const existing = await queue.getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.remove();
  }
  await (queue as Queue).add(name, data, { ...options, jobId });
}

export function enqueueFanOut(queues: JobQueues, accountId: string, campaignId: string, revive = false): Promise<void> {
  const data: ControlPayload = { accountId, campaignId };
  return addOnce(queues.control, JOB_NAMES.fanOut, data, jobIds.fanOut(accountId, campaignId), {}, revive);
}

/** Many fan-outs in one round trip (a completion tick that completed many campaigns at once). */
export async function enqueueFanOuts(
  queues: JobQueues,
  campaigns: readonly { accountId: string; campaignId: string }[],
): Promise<void> {
  if (campaigns.length === 0) return;
  await queues.control.addBulk(
    campaigns.map(({ accountId, campaignId }) => ({
      name: JOB_NAMES.fanOut,
      data: { accountId, campaignId } as ControlPayload,
      opts: { jobId: jobIds.fanOut(accountId, campaignId) },
    })),
  );
}

/** A completion check at `atMs` (a campaign's completion deadline), rather than at the next period. */
export async function enqueueCompletionCheckAt(queues: JobQueues, atMs: number, nowMs = Date.now()): Promise<void> {
  const data: ControlPayload = { at: atMs };
  await queues.control.add(JOB_NAMES.detectCompletion, data, {
    jobId: jobIds.completionAt(atMs),
    delay: Math.max(0, atMs - nowMs),
    attempts: 1,
    removeOnComplete: true,
    removeOnFail: { count: 50 },
  });
}

/**
 * Rows a batch job posts. A job costs a queue round trip, a lock transaction, a ledger read and the reads of its
 * campaigns and accounts; a batch pays them once for its rows and posts them one after the other. Of 5, 10, 20
 * and 30, twenty gave 1,000 posts the shortest p95 in bench/delivery-latency.ts on 2 cores, and a batch of
 * twenty still takes under a second of one worker slot.
 */
export const DELIVERY_BATCH_SIZE = 20;

/** Many deliveries in one round trip (a fan-out to many destinations), in batches of DELIVERY_BATCH_SIZE. */
export async function enqueueDeliveries(queues: JobQueues, deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  if (deliveryIds.length === 1) return enqueueDelivery(queues, deliveryIds[0]);
  const batches: string[][] = [];
  for (let i = 0; i < deliveryIds.length; i += DELIVERY_BATCH_SIZE)
    batches.push(deliveryIds.slice(i, i + DELIVERY_BATCH_SIZE));
  await queues.delivery.addBulk(
    batches.map((ids) => ({
      name: JOB_NAMES.deliverBatch,
      data: { deliveryIds: ids } as DeliveryPayload,
      opts: { jobId: jobIds.deliverBatch(ids) },
    })),
  );
}

/** A row a batch handed back to a job of its own (after `delayMs`). */
export async function enqueueHandOff(
  queues: JobQueues,
  deliveryId: string,
  batchJobId: string,
  delayMs: number,
): Promise<void> {
  const data: DeliveryPayload = { deliveryId };
  await queues.delivery.add(JOB_NAMES.deliver, data, {
    jobId: jobIds.handOff(deliveryId, batchJobId),
    delay: Math.max(0, Math.ceil(delayMs)),
  });
}

export function enqueueDigest(queues: JobQueues, accountId: string, month: string, revive = false): Promise<void> {
  const data: ControlPayload = { accountId, month };
  return addOnce(queues.control, JOB_NAMES.digest, data, jobIds.digest(accountId, month), {}, revive);
}

export function enqueueDelivery(queues: JobQueues, deliveryId: string, revive = false): Promise<void> {
  const data: DeliveryPayload = { deliveryId };
  return addOnce(queues.delivery, JOB_NAMES.deliver, data, jobIds.deliver(deliveryId), {}, revive);
}

export function enqueueUpdate(queues: JobQueues, deliveryId: string, revision: number): Promise<void> {
  const data: DeliveryPayload = { deliveryId, revision };
  return addOnce(queues.delivery, JOB_NAMES.update, data, jobIds.update(deliveryId, revision));
}

/** Checks an account's delivered reports for edits once the current second is over. */
export function enqueueUpdateCheck(queues: JobQueues, accountId: string | null, nowMs = Date.now()): Promise<void> {
  const second = Math.floor(nowMs / 1000);
  const delay = (second + 1) * 1000 - nowMs + 50;
  const data: ControlPayload = { accountId };
  return addOnce(queues.control, JOB_NAMES.checkUpdates, data, jobIds.checkUpdates(accountId, second), {
    delay,
    attempts: 3,
    removeOnComplete: true,
    removeOnFail: { count: 100 },
  });
}

/** One evaluation per campaign and second (jobs/watch-job.ts); a campaign already queued for that second is not added twice. */
export async function enqueueWatches(
  queues: JobQueues,
  campaigns: readonly { accountId: string; campaignId: string }[],
  second: number,
): Promise<void> {
  if (campaigns.length === 0) return;
  await queues.control.addBulk(
    campaigns.map(({ accountId, campaignId }) => ({
      name: JOB_NAMES.watch,
      data: { accountId, campaignId } as ControlPayload,
      opts: { jobId: jobIds.watch(accountId, campaignId, second), attempts: 3 },
    })),
  );
}

/** The next edit of a live message, not before `delayMs` (its LIVE_UPDATE_SECONDS since the last one). */
export function enqueueLiveEdit(queues: JobQueues, deliveryId: string, edit: number, delayMs: number): Promise<void> {
  const data: DeliveryPayload = { deliveryId, edit };
  return addOnce(
    queues.delivery,
    JOB_NAMES.liveEdit,
    data,
    jobIds.liveEdit(deliveryId, edit),
    { delay: Math.max(0, Math.ceil(delayMs)) },
    true,
  );
}
