import { CallMetrics, CallRecord } from './call-record';
import { CallStatus, BUSY, NO_ANSWER } from './call-status';
import { Micros } from './decimal';

/**
 * What one stored call adds to the report rollups; a new call adds +1 of it, a correction adds −1 of the
 * old row and +1 of the new. Summing these keeps every rollup equal to a GROUP BY over the calls.
 */
export interface CallContribution {
  campaignId: string;
  botId: string;
  customerId: string;
  attempt: number;
  startedAt: Date;
  resultCode: string;
  status: CallStatus;
  callDurationMs: number;
  dialingDurationMs: number;
  blocks: number;
  cost: Micros | null;
  messages: number;
}

/** What a validated call adds, from its record and the metrics computed with its bot's tariff. */
export function contributionOfCall(record: CallRecord, metrics: CallMetrics): CallContribution {
  return {
    campaignId: record.campaignId,
    botId: record.botId,
    customerId: record.customerId,
    attempt: record.attempt,
    startedAt: record.startedAt,
    resultCode: record.resultCode,
    status: metrics.status,
    callDurationMs: metrics.callDurationMs,
    dialingDurationMs: metrics.dialingDurationMs,
    blocks: metrics.blocks,
    cost: metrics.cost,
    messages: metrics.messages,
  };
}

export interface CampaignCounters {
  total: number;
  callbacks: number;
  successful: number;
  unsuccessful: number;
  error: number;
  busy: number;
  noAnswer: number;
  callDurationMs: number;
  dialingDurationMs: number;
  blocks: number;
  costSum: Micros;
  costUnknown: number;
  messages: number;
}

export interface UsageCounters {
  sessions: number;
  messages: number;
  blocks: number;
  dialingDurationMs: number;
  callDurationMs: number;
  calls: number;
}

export interface CustomerDelta {
  campaignId: string;
  customerId: string;
  calls: number;
  successful: number;
}

export const USAGE_BUCKET_MS = 15 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

const SEP = '\u0000';

function emptyCampaignCounters(): CampaignCounters {
  return {
    total: 0,
    callbacks: 0,
    successful: 0,
    unsuccessful: 0,
    error: 0,
    busy: 0,
    noAnswer: 0,
    callDurationMs: 0,
    dialingDurationMs: 0,
    blocks: 0,
    costSum: 0n,
    costUnknown: 0,
    messages: 0,
  };
}

export class RollupDelta {
  readonly campaigns = new Map<string, CampaignCounters>();
  readonly resultCodes = new Map<string, { campaignId: string; code: string; calls: number }>();
  readonly customers = new Map<string, CustomerDelta>();
  readonly hourly = new Map<string, { campaignId: string; hourMs: number; calls: number; successful: number }>();
  readonly usage = new Map<string, { botId: string; bucketStartMs: number } & UsageCounters>();

  add(call: CallContribution, sign: 1 | -1): void {
    const successful = call.status === 'successful' ? sign : 0;

    const campaign = this.campaigns.get(call.campaignId) ?? emptyCampaignCounters();
    campaign.total += sign;
    if (call.attempt > 1) campaign.callbacks += sign;
    if (call.status === 'successful') campaign.successful += sign;
    if (call.status === 'unsuccessful') campaign.unsuccessful += sign;
    if (call.status === 'error') campaign.error += sign;
    if (call.resultCode === BUSY) campaign.busy += sign;
    if (call.resultCode === NO_ANSWER) campaign.noAnswer += sign;
    campaign.callDurationMs += sign * call.callDurationMs;
    campaign.dialingDurationMs += sign * call.dialingDurationMs;
    campaign.blocks += sign * call.blocks;
    if (call.cost === null) campaign.costUnknown += sign;
    else campaign.costSum += BigInt(sign) * call.cost;
    campaign.messages += sign * call.messages;
    this.campaigns.set(call.campaignId, campaign);

    const codeKey = call.campaignId + SEP + call.resultCode;
    const code = this.resultCodes.get(codeKey) ?? { campaignId: call.campaignId, code: call.resultCode, calls: 0 };
    code.calls += sign;
    this.resultCodes.set(codeKey, code);

    const customerKey = call.campaignId + SEP + call.customerId;
    const customer = this.customers.get(customerKey) ?? {
      campaignId: call.campaignId,
      customerId: call.customerId,
      calls: 0,
      successful: 0,
    };
    customer.calls += sign;
    customer.successful += successful;
    this.customers.set(customerKey, customer);

    const startedMs = call.startedAt.getTime();
    const hourMs = Math.floor(startedMs / HOUR_MS) * HOUR_MS;
    const hourKey = call.campaignId + SEP + hourMs;
    const hourly = this.hourly.get(hourKey) ?? { campaignId: call.campaignId, hourMs, calls: 0, successful: 0 };
    hourly.calls += sign;
    hourly.successful += successful;
    this.hourly.set(hourKey, hourly);

    const bucketStartMs = Math.floor(startedMs / USAGE_BUCKET_MS) * USAGE_BUCKET_MS;
    const usageKey = call.botId + SEP + bucketStartMs;
    const usage = this.usage.get(usageKey) ?? {
      botId: call.botId,
      bucketStartMs,
      sessions: 0,
      messages: 0,
      blocks: 0,
      dialingDurationMs: 0,
      callDurationMs: 0,
      calls: 0,
    };
    usage.sessions += successful;
    usage.messages += sign * call.messages;
    usage.blocks += sign * call.blocks;
    usage.dialingDurationMs += sign * call.dialingDurationMs;
    usage.callDurationMs += sign * call.callDurationMs;
    usage.calls += sign;
    this.usage.set(usageKey, usage);
  }

  isEmpty(): boolean {
    return this.campaigns.size === 0;
  }
}
