import { createHash } from 'node:crypto';
import { CallRecord, Tariff, computeCallMetrics } from '../domain/call-record';
import { formatDecimal } from '../domain/decimal';
import { RollupDelta } from '../domain/rollup-delta';
import { CallRowInput, contributionOfRow, findStoredCalls, upsertCalls } from '../storage/calls';
import { applyCampaignEvents, touchCampaigns } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { applyRollupDelta } from '../storage/rollups';
import { ensureVoicebots, loadTariffs } from '../storage/voicebots';
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

export function contentHash(record: CallRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}

export function callRowFor(record: CallRecord, tariff: Tariff, hash: string, receivedAt: Date): CallRowInput {
  const metrics = computeCallMetrics(record, tariff);
  return {
    call_id: record.callId,
    campaign_id: record.campaignId,
    bot_id: record.botId,
    customer_id: record.customerId,
    phone: record.phone,
    attempt: record.attempt,
    started_at: record.startedAt.toISOString(),
    answered_at: record.answeredAt?.toISOString() ?? null,
    ended_at: record.endedAt.toISOString(),
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
    received_at: receivedAt.toISOString(),
  };
}

/**
 * Stores one batch of validated items inside the caller's transaction: campaign events first, then calls,
 * classified against what is stored as new, duplicate (same content) or updated (a correction), with every
 * rollup moved by the difference. Ingest for one account is serialised by an advisory lock so that two
 * batches never classify the same call at once.
 */
export async function storeItems(trx: Db, accountId: string, items: IngestItem[], receivedAt: Date): Promise<IngestCounts> {
  const counts = emptyCounts();
  if (items.length === 0) return counts;
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`ingest:${accountId}`]);

  const events = items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
  for (const outcome of await applyCampaignEvents(trx, accountId, events, receivedAt)) {
    counts[outcome === 'accepted' ? 'accepted' : outcome === 'duplicate' ? 'duplicates' : 'updated'] += 1;
  }

  // Last occurrence wins inside a batch; earlier ones count as their own duplicate or correction.
  const latest = new Map<string, { record: CallRecord; hash: string }>();
  for (const item of items) {
    if (item.kind !== 'call') continue;
    const hash = contentHash(item.record);
    const previous = latest.get(item.record.callId);
    if (previous) {
      if (previous.hash === hash) counts.duplicates += 1;
      else counts.updated += 1;
    }
    latest.set(item.record.callId, { record: item.record, hash });
  }
  if (latest.size === 0) return counts;

  const stored = await findStoredCalls(trx, accountId, [...latest.keys()]);
  const bots = new Map<string, string | null>();
  for (const { record } of latest.values()) {
    if (!bots.has(record.botId) || record.botName) bots.set(record.botId, record.botName);
  }
  await ensureVoicebots(trx, accountId, bots);
  const tariffs = await loadTariffs(trx, accountId, [...bots.keys()]);

  const delta = new RollupDelta();
  const rows: CallRowInput[] = [];
  const touched = new Map<string, { botId: string; name: string | null }>();
  for (const [callId, { record, hash }] of latest) {
    const old = stored.get(callId);
    if (old && old.contentHash === hash) {
      counts.duplicates += 1;
      continue;
    }
    if (old) {
      counts.updated += 1;
      delta.add(old, -1);
      if (!touched.has(old.campaignId)) touched.set(old.campaignId, { botId: old.botId, name: null });
    } else {
      counts.accepted += 1;
    }
    const row = callRowFor(record, tariffs.get(record.botId) as Tariff, hash, receivedAt);
    rows.push(row);
    delta.add(contributionOfRow(row), 1);
    const existing = touched.get(record.campaignId);
    touched.set(record.campaignId, { botId: record.botId, name: record.campaignName ?? existing?.name ?? null });
  }

  await touchCampaigns(trx, accountId, touched, receivedAt);
  await upsertCalls(trx, accountId, rows);
  await applyRollupDelta(trx, accountId, delta);
  return counts;
}
