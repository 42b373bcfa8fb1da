import { hash as digest } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CallMetrics, CallRecord, CampaignEvent, Tariff, computeCallMetrics } from '../domain/call-record';
import { formatDecimal } from '../domain/decimal';
import { CallContribution, RollupDelta, contributionOfCall } from '../domain/rollup-delta';
import { CallRowInput, StoredCall, insertNewCalls, lockStoredCalls, upsertCalls } from '../storage/calls';
import { applyCampaignEvents, refreshFirstCalls, touchCampaignsStatement } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { runAsOneStatement } from '../storage/one-statement';
import { applyCustomerDelta, counterDeltaStatements } from '../storage/rollups';
import { ensureVoicebots, loadTariffs } from '../storage/voicebots';
import { REMOVED_CONTENT_HASH } from '../storage/personal-data-erasure';
import { StrippedRecord, sameStrippedCall, strippedLikeStored, stripForgottenRecords } from './forgotten-calls';
import { IngestItem } from './validate-record';

export interface IngestCounts {
  accepted: number;
  duplicates: number;
  updated: number;
}

export function emptyCounts(): IngestCounts {
  return { accepted: 0, duplicates: 0, updated: 0 };
}

export function addCounts(a: IngestCounts, b: IngestCounts): IngestCounts {
  return { accepted: a.accepted + b.accepted, duplicates: a.duplicates + b.duplicates, updated: a.updated + b.updated };
}

/** Calls worked on between two turns of the event loop in the loops of storePrepared (each turn a few ms). */
const CALLS_PER_TURN = 2000;

/** Marks hashes of this form; hashes stored before it have no prefix (see storedHashMatches). */
const HASH_VERSION = 'v2.';

/**
 * Equal records, and only they, hash equal. The record's fields go in a fixed order as an array of
 * primitives (times as epoch milliseconds): the fast path of JSON.stringify, several times quicker than an
 * object holding Dates on this hot path.
 */
export function contentHash(record: CallRecord): string {
  const canonical = JSON.stringify([
    record.callId,
    record.campaignId,
    record.campaignName,
    record.botId,
    record.botName,
    record.customerId,
    record.phone,
    record.attempt,
    record.startedAt.getTime(),
    record.answeredAt === null ? null : record.answeredAt.getTime(),
    record.endedAt.getTime(),
    record.resultCode,
    record.messages,
    record.blocks,
    record.cost,
    record.recordingUrl,
  ]);
  return HASH_VERSION + digest('sha256', canonical, 'base64url');
}

/**
 * Whether a stored call holds this record: its hash is this one, or it was stored before the hash changed
 * and holds the hash of the time (SHA-256 of the record object's JSON). So calls stored by an older version
 * are still duplicates when they come again unchanged.
 */
export function storedHashMatches(stored: string, record: CallRecord, hash: string): boolean {
  if (stored === hash) return true;
  return !stored.startsWith(HASH_VERSION) && stored === digest('sha256', JSON.stringify(record), 'base64url');
}

export function callRowFor(record: CallRecord, metrics: CallMetrics, hash: string, receivedAtMs: number): CallRowInput {
  return {
    call_id: record.callId,
    campaign_id: record.campaignId,
    bot_id: record.botId,
    customer_id: record.customerId,
    phone: record.phone,
    attempt: record.attempt,
    started_at: record.startedAt.getTime(),
    answered_at: record.answeredAt === null ? null : record.answeredAt.getTime(),
    ended_at: record.endedAt.getTime(),
    result_code: record.resultCode,
    status: metrics.status,
    call_duration_ms: metrics.callDurationMs,
    dialing_duration_ms: metrics.dialingDurationMs,
    blocks: metrics.blocks,
    cost: metrics.cost === null ? null : formatDecimal(metrics.cost),
    given_blocks: record.blocks,
    given_cost: record.cost,
    messages: metrics.messages,
    given_messages: record.messages,
    recording_url: record.recordingUrl,
    content_hash: hash,
    received_at: receivedAtMs,
    personal_data_removed: null,
  };
}

/** What a batch holds once deduplicated and hashed: pure work, done before the ingest lock is taken. */
export interface PreparedItems {
  events: CampaignEvent[];
  /** Last occurrence of each call id, with its content hash. */
  latest: Map<string, { record: CallRecord; hash: string }>;
  /** Earlier occurrences inside the batch, counted as their own duplicate or correction. */
  counts: IngestCounts;
}

/** Builds PreparedItems one item at a time. */
class Preparation {
  readonly counts = emptyCounts();
  readonly events: CampaignEvent[] = [];
  readonly latest = new Map<string, { record: CallRecord; hash: string }>();

  add(item: IngestItem): void {
    if (item.kind === 'event') {
      this.events.push(item.event);
      return;
    }
    const hash = contentHash(item.record);
    const previous = this.latest.get(item.record.callId);
    if (previous) {
      if (previous.hash === hash) this.counts.duplicates += 1;
      else this.counts.updated += 1;
    }
    this.latest.set(item.record.callId, { record: item.record, hash });
  }

  result(): PreparedItems {
    return { events: this.events, latest: this.latest, counts: this.counts };
  }
}

export function prepareItems(items: IngestItem[]): PreparedItems {
  const preparation = new Preparation();
  for (const item of items) preparation.add(item);
  return preparation.result();
}

/** prepareItems for a server: gives the event loop a turn after every `perTurn` items (hashing 10,000 takes ~100 ms). */
export async function prepareItemsInTurns(items: IngestItem[], perTurn: number): Promise<PreparedItems> {
  const preparation = new Preparation();
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0 && i % perTurn === 0) await nextTurn();
    preparation.add(items[i]);
  }
  return preparation.result();
}

/**
 * Stores one batch of validated items inside the caller's transaction: campaign events first, then calls,
 * classified against what is stored as new, duplicate (same content) or updated (a correction), with every
 * rollup moved by the difference.
 *
 * Concurrency: new calls are decided by the unique index (insertNewCalls), stored ones are row-locked before
 * being compared, and every rollup is an additive upsert in key order, with the counters that all batches
 * of a campaign share written last. So batches of one account run side by side under a shared advisory
 * lock; rebuildRollups takes it exclusively, and so does a batch with campaign events.
 */
export async function storeItems(
  trx: Db,
  accountId: string,
  items: IngestItem[],
  receivedAt: Date,
  erasureKey?: Buffer,
): Promise<IngestCounts> {
  if (items.length === 0) return emptyCounts();
  return storePrepared(trx, accountId, prepareItems(items), receivedAt, erasureKey);
}

/**
 * storeItems for a batch prepared outside the transaction (the hashing then costs no time under the lock).
 * `erasureKey` (derived from APP_ENCRYPTION_KEY) finds calls of forgotten customers, stored without their
 * personal data (docs/security.md "Personal data").
 */
export async function storePrepared(
  trx: Db,
  accountId: string,
  prepared: PreparedItems,
  receivedAt: Date,
  erasureKey?: Buffer,
): Promise<IngestCounts> {
  const counts = { ...prepared.counts };
  const { events, latest } = prepared;
  if (events.length === 0 && latest.size === 0) return counts;
  const lock = events.length > 0 ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await trx.raw(`select ${lock}(hashtext(?))`, [`ingest:${accountId}`]);

  for (const outcome of await applyCampaignEvents(trx, accountId, events, receivedAt)) {
    counts[outcome === 'accepted' ? 'accepted' : outcome === 'duplicate' ? 'duplicates' : 'updated'] += 1;
  }
  if (latest.size === 0) return counts;

  const bots = new Map<string, string | null>();
  for (const { record } of latest.values()) {
    if (!bots.has(record.botId) || record.botName) bots.set(record.botId, record.botName);
  }
  await ensureVoicebots(trx, accountId, bots);
  const tariffs = await loadTariffs(trx, accountId, [...bots.keys()]);

  const stripped = await stripForgottenRecords(
    trx,
    accountId,
    [...latest.values()].map(({ record }) => record),
    erasureKey,
  );
  const rows = new Map<string, { row: CallRowInput; contribution: CallContribution }>();
  const receivedAtMs = receivedAt.getTime();
  const rowOf = (record: CallRecord, hash: string, removed?: StrippedRecord) => {
    const kept = removed?.record ?? record;
    const metrics = computeCallMetrics(kept, tariffs.get(kept.botId) as Tariff);
    const row = callRowFor(kept, metrics, removed ? REMOVED_CONTENT_HASH : hash, receivedAtMs);
    if (removed) row.personal_data_removed = removed.removed;
    return { row, contribution: contributionOfCall(kept, metrics) };
  };
  let done = 0;
  for (const [callId, { record, hash }] of latest) {
    if (++done % CALLS_PER_TURN === 0) await nextTurn();
    rows.set(callId, rowOf(record, hash, stripped.get(callId)));
  }
  const inserted = await insertNewCalls(
    trx,
    accountId,
    [...rows.values()].map(({ row }) => row),
  );
  const stored = await lockStoredCalls(
    trx,
    accountId,
    [...rows.keys()].filter((callId) => !inserted.has(callId)),
  );

  const delta = new RollupDelta();
  const changed: CallRowInput[] = [];
  const touched = new Map<string, { botId: string; name: string | null }>();
  done = 0;
  for (const [callId, { record, hash }] of latest) {
    if (++done % CALLS_PER_TURN === 0) await nextTurn();
    let { row, contribution } = rows.get(callId) as { row: CallRowInput; contribution: CallContribution };
    let kept = stripped.get(callId)?.record ?? record;
    if (inserted.has(callId)) {
      counts.accepted += 1;
    } else {
      const old = stored.get(callId) as StoredCall;
      if (old.personalDataRemoved !== null) {
        // Stored without its personal data: the same call again is a duplicate, a correction stays without it.
        if (sameStrippedCall(old, record)) {
          counts.duplicates += 1;
          continue;
        }
        const again = strippedLikeStored(record, old);
        ({ row, contribution } = rowOf(record, hash, again));
        kept = again.record;
      } else if (storedHashMatches(old.contentHash, record, hash)) {
        counts.duplicates += 1;
        continue;
      }
      counts.updated += 1;
      changed.push(row);
      delta.add(old, -1);
      if (!touched.has(old.campaignId)) touched.set(old.campaignId, { botId: old.botId, name: null });
    }
    delta.add(contribution, 1);
    const existing = touched.get(kept.campaignId);
    touched.set(kept.campaignId, { botId: kept.botId, name: kept.campaignName ?? existing?.name ?? null });
  }

  await upsertCalls(trx, accountId, changed);
  if (delta.isEmpty()) return counts;
  const transitions = await applyCustomerDelta(trx, accountId, delta);
  // Rows every batch of these campaigns shares: last and in one statement, so that concurrent batches wait
  // on them only briefly.
  const touch = touchCampaignsStatement(accountId, touched, receivedAt);
  await runAsOneStatement(trx, [...(touch ? [touch] : []), ...counterDeltaStatements(accountId, delta, transitions)]);
  await refreshFirstCalls(trx, accountId, [...touched.keys()]);
  return counts;
}
