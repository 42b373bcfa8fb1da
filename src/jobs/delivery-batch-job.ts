import { Job } from 'bullmq';
import { DeliveryChannel, readOncePerJob, targetKey } from '../domain/delivery';
import { findAccounts } from '../storage/accounts';
import { loadCampaignsFacts } from '../storage/campaign-facts';
import { campaignKey, findCampaigns } from '../storage/campaigns';
import { readingAt } from '../reports/report-context';
import { Delivery, findDeliveries, markDeliveryFailed, startDeliveryAttempts } from '../storage/deliveries';
import { withDeliveryLocks } from '../storage/delivery-locks';
import {
  DeliveryJobDeps,
  DeliveryMarks,
  DeliveryOutcome,
  failPermanently,
  isFinalFailure,
  PostedRevision,
  followUpPosted,
  postReport,
  recordTransientFailure,
} from './delivery-job';
import { targetOf } from './delivered-message';
import { isThrottledKind } from './channel-registry';
import { enqueueHandOff } from './enqueue';
import { KnownRows } from './report-loader';
import { DeliverBatchPayload, DeliveryPayload } from './queues';

/**
 * What became of one row of a batch. `handed-off`: it continues in a job of its own (another attempt held
 * it, it is a live message, its channel's slot is far off, or it failed in a way worth retrying).
 */
export type BatchRowOutcome = DeliveryOutcome | 'handed-off' | 'failed';

export interface BatchRowDone {
  deliveryId: string;
  outcome: BatchRowOutcome;
  marks: DeliveryMarks;
}

/** A row's channel slot is further away than a job waits in place. */
class SlotFarAway extends Error {
  constructor(readonly slotMs: number) {
    super(`channel busy until ${new Date(slotMs).toISOString()}`);
    this.name = 'SlotFarAway';
  }
}

interface HandOff {
  deliveryId: string;
  delayMs: number;
}

/**
 * The `deliver-batch` job: the first posts of several ledger rows (a fan-out to many destinations) under
 * one lock statement and one ledger read, posted one after the other exactly as a `deliver` job posts one
 * row (postReport: "sending" committed before each send, a crash healed from the destination). Anything
 * that is not a plain first post, or that has to wait or fail and retry, is handed to a `deliver` job of
 * its own once the batch has let go of its locks; a failure that cannot succeed fails its row here.
 */
export async function processDeliveryBatch(
  deps: DeliveryJobDeps,
  job: Job<DeliveryPayload>,
  onRow: (row: BatchRowDone) => void = () => undefined,
): Promise<Partial<Record<BatchRowOutcome, number>>> {
  const { deliveryIds } = job.data as DeliverBatchPayload;
  const handOffs: HandOff[] = [];
  const counts: Partial<Record<BatchRowOutcome, number>> = {};
  const done = (deliveryId: string, outcome: BatchRowOutcome, marks: DeliveryMarks = {}) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    onRow({ deliveryId, outcome, marks });
  };
  const handOff = (deliveryId: string, delayMs: number, marks?: DeliveryMarks) => {
    handOffs.push({ deliveryId, delayMs });
    done(deliveryId, 'handed-off', marks);
  };

  await withDeliveryLocks(deps.db, deliveryIds, async (held, lock) => {
    const heldIds = new Set(held);
    for (const id of deliveryIds) if (!heldIds.has(id)) handOff(id, deps.settings.busyRetryMs);
    const rows = new Map((await findDeliveries(deps.db, held)).map((row) => [row.id, row]));
    const toPost: { row: Delivery; channel: DeliveryChannel }[] = [];
    for (const id of held) {
      const row = rows.get(id);
      if (!row) done(id, 'missing');
      else if (row.status === 'failed') done(id, 'failed-earlier');
      else if (row.live)
        handOff(id, 0); // a live message becomes the report by an edit: the deliver job's path
      else if (row.status === 'done') done(id, 'already-done');
      else {
        const channel = deps.channels.get(row.channelKind);
        if (channel) toPost.push({ row, channel });
        else {
          await markDeliveryFailed(deps.db, id, `no ${row.channelKind} channel is configured in this worker`);
          done(id, 'failed');
        }
      }
    }
    const posting = await reserveSharedChannels(deps, toPost, handOff);
    // Rows whose channel fixes a ref before the first attempt (email's Message-ID) record it in their own.
    const counted = new Set(
      posting
        .filter(({ row, channel }) => !row.messageRef && !channel.plannedRef(row.id, targetOf(row)))
        .map(({ row }) => row.id),
    );
    await startDeliveryAttempts(deps.db, [...counted]);

    const known = await knownRows(
      deps,
      posting.map(({ row }) => row),
    );
    const posted: PostedRevision[] = [];
    const readOnce = readOncePerJob();
    const usedSlots: string[] = [];
    for (const { row, channel } of posting) {
      const marks: DeliveryMarks = {};
      try {
        const outcome = await postReport(deps, channel, row, {
          lock,
          marks,
          attemptStarted: counted.has(row.id),
          known: known.get(row.id),
          readOnce,
          usedSlots,
          posted,
          farSlot: async (slotMs) => {
            throw new SlotFarAway(slotMs);
          },
        });
        done(row.id, outcome, marks);
      } catch (error) {
        if (error instanceof SlotFarAway) {
          handOff(row.id, error.slotMs - (deps.now ?? Date.now)(), marks); // it keeps its reserved slot
        } else if (isFinalFailure(error)) {
          await failPermanently(deps, channel, row, error);
          done(row.id, 'failed', marks);
        } else {
          const retryAfter = await recordTransientFailure(deps, row, error);
          deps.logger.info(
            { deliveryId: row.id, err: (error as Error).message, retryAfterMs: retryAfter },
            'delivery will be retried on its own',
          );
          handOff(row.id, retryAfter ?? deps.settings.backoffBaseMs, marks);
        }
      }
    }
    await deps.throttle.release(...usedSlots).catch(() => undefined);
    await followUpPosted(deps, posted);
  });
  for (const { deliveryId, delayMs } of handOffs)
    await enqueueHandOff(deps.queues, deliveryId, String(job.id), delayMs);
  return counts;
}

/**
 * Rows of the batch that share a chat channel would wait for each other, one interval apart: their slots are
 * reserved now, in order, and those further off than a job waits in place continue in jobs of their own,
 * delayed until the slot they keep, instead of holding a worker slot while the batch waits.
 */
async function reserveSharedChannels<T extends { row: Delivery }>(
  deps: DeliveryJobDeps,
  toPost: readonly T[],
  handOff: (deliveryId: string, delayMs: number) => void,
): Promise<T[]> {
  const channelOf = (row: Delivery) => targetKey(targetOf(row));
  const rowsPerChannel = new Map<string, number>();
  for (const { row } of toPost)
    if (isThrottledKind(row.channelKind))
      rowsPerChannel.set(channelOf(row), (rowsPerChannel.get(channelOf(row)) ?? 0) + 1);
  const now = deps.now ?? Date.now;
  const kept: T[] = [];
  for (const entry of toPost) {
    if ((rowsPerChannel.get(channelOf(entry.row)) ?? 0) < 2) {
      kept.push(entry);
      continue;
    }
    const slot = await deps.throttle.reserve(targetOf(entry.row), entry.row.id);
    if (slot - now() > deps.settings.maxInlineThrottleWaitMs) handOff(entry.row.id, slot - now());
    else kept.push(entry);
  }
  return kept;
}

/**
 * The campaigns and accounts of the campaign rows, then all their facts: three statements for the whole batch.
 * Each campaign's revision is read before its figures, as loadDeliverable reads them for one row.
 */
async function knownRows(deps: DeliveryJobDeps, rows: readonly Delivery[]): Promise<Map<string, KnownRows>> {
  const campaignRows = rows.filter((row) => row.reportKind === 'campaign');
  const keys = campaignRows.map((row) => ({ accountId: row.accountId, campaignId: row.reportRef }));
  const [campaigns, accounts] = await Promise.all([
    findCampaigns(deps.db, keys),
    findAccounts(
      deps.db,
      keys.map((key) => key.accountId),
    ),
  ]);
  const campaignOf = (row: Delivery) => campaigns.get(campaignKey(row.accountId, row.reportRef)) ?? null;
  const found = [...new Set(campaignRows.map(campaignOf).filter((campaign) => campaign !== null))];
  const at = readingAt(deps.reportDeps);
  const facts = await loadCampaignsFacts(deps.db, found, at);
  const factsOf = new Map(found.map((campaign, i) => [campaign, facts[i]]));
  return new Map(
    campaignRows.map((row) => {
      const campaign = campaignOf(row);
      const read = campaign ? factsOf.get(campaign) : undefined;
      return [
        row.id,
        { campaign, account: accounts.get(row.accountId), ...(read ? { facts: { at, facts: read } } : {}) },
      ];
    }),
  );
}
