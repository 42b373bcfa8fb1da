import { CallStatus, classifyResultCode } from './call-status';
import { Micros, parseDecimal } from './decimal';

/** A validated call record (docs/webhook.md), the same whether it came from CSV, NDJSON or the webhook. */
export interface CallRecord {
  callId: string;
  campaignId: string;
  campaignName: string | null;
  botId: string;
  botName: string | null;
  customerId: string;
  phone: string | null;
  attempt: number;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  resultCode: string;
  messages: number | null;
  blocks: number | null;
  /** Decimal text, e.g. "3488.56". */
  cost: string | null;
  recordingUrl: string | null;
}

export interface CampaignEvent {
  type: 'campaign.started' | 'campaign.completed';
  campaignId: string;
  botId: string;
  campaignName: string | null;
  customersTotal: number | null;
  reportEmails: string[] | null;
  at: Date;
}

/** A voicebot's tariff (docs/metrics.md "Domain"). */
export interface Tariff {
  blockSeconds: number;
  /** Decimal text, or null when the bot has no price. */
  pricePerBlock: string | null;
  currency: string;
}

export const DEFAULT_TARIFF: Tariff = { blockSeconds: 60, pricePerBlock: null, currency: 'VND' };

/** docs/metrics.md "Per call". */
export interface CallMetrics {
  status: CallStatus;
  callDurationMs: number;
  dialingDurationMs: number;
  blocks: number;
  /** null when the cost is unknown (no cost given and no price in the tariff). */
  cost: Micros | null;
  messages: number;
}

export function computeCallMetrics(record: CallRecord, tariff: Tariff): CallMetrics {
  const status = classifyResultCode(record.resultCode);
  const callDurationMs =
    status === 'successful' && record.answeredAt ? record.endedAt.getTime() - record.answeredAt.getTime() : 0;
  const dialingEnd = record.answeredAt ?? record.endedAt;
  const dialingDurationMs = dialingEnd.getTime() - record.startedAt.getTime();
  const blocks =
    record.blocks ?? (status === 'successful' ? Math.ceil(callDurationMs / (tariff.blockSeconds * 1000)) : 0);
  let cost: Micros | null = null;
  if (record.cost !== null) cost = parseDecimal(record.cost);
  else if (tariff.pricePerBlock !== null) cost = parseDecimal(tariff.pricePerBlock) * BigInt(blocks);
  return { status, callDurationMs, dialingDurationMs, blocks, cost, messages: record.messages ?? 0 };
}
