import { CallRecord } from '../../domain/call-record';
import { InvalidInput } from '../../domain/errors';
import { DerivedOutcome, deriveOutcome } from '../../domain/platform-outcome';
import { Db } from '../../storage/connection';
import { ensurePlatformVoicebot, findStoredPlatformCall, savePlatformFacts } from '../../storage/connectors';
import { MAX_TEXT_LENGTH, parseStorableText } from '../field-rules';
import { IngestCounts, emptyCounts, storeItems } from '../store-items';
import { validateCallFields } from '../validate-record';
import { Connector, PlatformCall } from './connector';

export interface PlatformIngestSettings {
  outcomeField: string | null;
  codeMap: Map<string, string>;
}

export interface PlatformIngestResult extends IngestCounts {
  /** The call's reason when neither the code map nor the connector's defaults know it (to log and flag). */
  unmappedReason: string | null;
}

/** Voicebots this process has made sure of (they are never deleted): one statement less per call after the first. */
const ensuredBots = new Set<string>();

/** The outcome field's value as text, checked like every stored text (it is stored beside the call). */
function outcomeText(outcomes: Record<string, unknown> | null, field: string | null): string | null {
  if (field === null || outcomes === null || !Object.hasOwn(outcomes, field)) return null;
  const value = outcomes[field];
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = parseStorableText(field, value, MAX_TEXT_LENGTH);
  if (!text.ok) throw new InvalidInput('the platform call cannot be read', [{ field, message: text.message }]);
  return text.value;
}

/** The call record of docs/webhook.md for a platform call, checked by the one validator of every ingest path. */
export function platformCallRecord(call: PlatformCall, derived: DerivedOutcome): CallRecord {
  const { record, problems } = validateCallFields({
    call_id: call.callId,
    campaign_id: call.campaignId,
    campaign_name: call.campaignName,
    bot_id: call.botId,
    bot_name: call.botName,
    customer_id: call.customerId,
    phone: call.phone,
    started_at: call.startedAt.toISOString(),
    answered_at: derived.answeredAt?.toISOString() ?? null,
    ended_at: call.endedAt.toISOString(),
    result_code: derived.resultCode,
    messages: call.messages,
    cost: call.cost,
    recording_url: call.recordingUrl,
  });
  if (!record) throw new InvalidInput(`the ${call.callId} call cannot be stored; nothing was stored`, problems);
  return record;
}

/**
 * Stores one platform call the way /v1/events stores a call (same duplicates, corrections, rollups and
 * completion), deriving its result code from the account's code map and its attempt from the customer's
 * earlier calls in the campaign. A call already stored from a more complete event (Retell's call_analyzed)
 * is not replaced by a less complete one arriving late: that counts as a duplicate.
 */
export async function ingestPlatformCall(
  db: Db,
  accountId: string,
  connector: Connector,
  settings: PlatformIngestSettings,
  call: PlatformCall,
  receivedAt: Date,
  erasureKey?: Buffer,
): Promise<PlatformIngestResult> {
  const outcome = outcomeText(call.outcomes, settings.outcomeField);
  const derived = deriveOutcome({
    reason: call.reason,
    category: connector.categorize(call.reason),
    mappedCode: settings.codeMap.get(call.reason),
    outcome,
    answeredAt: call.answeredAt,
    startedAt: call.startedAt,
  });
  const record = platformCallRecord(call, derived);
  const botKey = `${accountId}\n${call.botId}`;
  const counts = await db.transaction(async (trx) => {
    // One event of a call at a time, so that two events of one call (Retell sends two) end in the fuller one.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`connector:${accountId}:${call.callId}`]);
    const stored = await findStoredPlatformCall(trx, accountId, call);
    if (stored.detail !== null && stored.detail > call.detail) return { ...emptyCounts(), duplicates: 1 };
    record.attempt = stored.attempt ?? stored.customerCalls + 1;
    if (connector.costCurrency && !ensuredBots.has(botKey))
      await ensurePlatformVoicebot(trx, accountId, call.botId, connector.costCurrency);
    await savePlatformFacts(trx, accountId, [
      {
        callId: call.callId,
        platform: connector.platform,
        reason: call.reason,
        outcome,
        answeredAt: call.answeredAt,
        detail: Math.max(call.detail, stored.detail ?? 0),
        unmapped: derived.unmapped,
      },
    ]);
    // Last: its final statement locks the campaign's shared counters, held until commit.
    return storeItems(trx, accountId, [{ kind: 'call', record }], receivedAt, erasureKey);
  });
  ensuredBots.add(botKey);
  return { ...counts, unmappedReason: derived.unmapped ? call.reason : null };
}
