import { CallRecord, CampaignEvent } from '../domain/call-record';
import { classifyResultCode, normalizeResultCode } from '../domain/call-status';
import {
  FieldResult,
  MAX_ID_LENGTH,
  describe,
  isBlank,
  parseCount,
  parseDecimalText,
  parseEmails,
  parseHttpsUrl,
  parseId,
  parseInstant,
  parseOptionalText,
  parsePhone,
  parseStorableText,
} from './field-rules';

/**
 * The one validator for call records and campaign events, whether they came from CSV, NDJSON or the
 * webhook (docs/webhook.md). It never throws: every problem comes back with its field and a sentence.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export type IngestItem = { kind: 'call'; record: CallRecord } | { kind: 'event'; event: CampaignEvent };

/** No call lasts a day; the bound also keeps its blocks and durations inside their integer columns. */
export const MAX_CALL_HOURS = 24;
export const MAX_CALL_MS = MAX_CALL_HOURS * 3_600_000;

export const REQUIRED_CALL_FIELDS = [
  'call_id',
  'campaign_id',
  'bot_id',
  'customer_id',
  'started_at',
  'ended_at',
  'result_code',
] as const;

class ProblemCollector {
  readonly problems: FieldProblem[] = [];
  take<T>(field: string, result: FieldResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.problems.push({ field, message: result.message });
    return undefined;
  }
}

export function validateCallFields(fields: Record<string, unknown>): {
  record: CallRecord | null;
  problems: FieldProblem[];
} {
  const c = new ProblemCollector();
  const callId = c.take('call_id', parseId('call_id', fields.call_id));
  const campaignId = c.take('campaign_id', parseId('campaign_id', fields.campaign_id));
  const campaignName = c.take('campaign_name', parseOptionalText('campaign_name', fields.campaign_name));
  const botId = c.take('bot_id', parseId('bot_id', fields.bot_id));
  const botName = c.take('bot_name', parseOptionalText('bot_name', fields.bot_name));
  const customerId = c.take('customer_id', parseId('customer_id', fields.customer_id));
  const phone = c.take('phone', parsePhone('phone', fields.phone));
  const attempt = c.take('attempt', parseCount('attempt', fields.attempt, 1));
  const startedAt = c.take('started_at', parseInstant('started_at', fields.started_at, true));
  const answeredAt = c.take('answered_at', parseInstant('answered_at', fields.answered_at, false));
  const endedAt = c.take('ended_at', parseInstant('ended_at', fields.ended_at, true));
  const messages = c.take('messages', parseCount('messages', fields.messages, 0));
  const blocks = c.take('blocks', parseCount('blocks', fields.blocks, 0));
  const cost = c.take('cost', parseDecimalText('cost', fields.cost));
  const recordingUrl = c.take('recording_url', parseHttpsUrl('recording_url', fields.recording_url));

  let resultCode: string | undefined;
  if (isBlank(fields.result_code)) {
    c.problems.push({ field: 'result_code', message: "result_code is required: BS, NA, CU or the bot's action code" });
  } else if (typeof fields.result_code !== 'string') {
    c.problems.push({ field: 'result_code', message: `result_code must be text, got ${describe(fields.result_code)}` });
  } else {
    const text = c.take('result_code', parseStorableText('result_code', fields.result_code, MAX_ID_LENGTH));
    if (text !== undefined) resultCode = normalizeResultCode(text);
  }

  if (startedAt && endedAt && endedAt < startedAt) {
    c.problems.push({
      field: 'ended_at',
      message: 'ended_at is before started_at; check the two times and their offsets',
    });
  } else if (startedAt && endedAt && endedAt.getTime() - startedAt.getTime() > MAX_CALL_MS) {
    c.problems.push({
      field: 'ended_at',
      message: `ended_at is more than ${MAX_CALL_HOURS} hours after started_at; a call is shorter, check the two times and their offsets`,
    });
  }
  if (answeredAt && startedAt && answeredAt < startedAt) {
    c.problems.push({
      field: 'answered_at',
      message: 'answered_at is before started_at; check the two times and their offsets',
    });
  }
  if (answeredAt && endedAt && endedAt < answeredAt) {
    c.problems.push({
      field: 'ended_at',
      message: 'ended_at is before answered_at; check the two times and their offsets',
    });
  }
  if (resultCode !== undefined && answeredAt !== undefined) {
    const status = classifyResultCode(resultCode);
    if (status === 'successful' && answeredAt === null) {
      c.problems.push({
        field: 'answered_at',
        message: `result_code ${resultCode} means the call was answered, so answered_at is required (or use BS, NA or CU)`,
      });
    } else if (status !== 'successful' && answeredAt !== null) {
      c.problems.push({
        field: 'answered_at',
        message: `result_code ${resultCode} means the call was not answered, so answered_at must be empty`,
      });
    }
  }

  if (c.problems.length > 0) return { record: null, problems: c.problems };
  return {
    record: {
      callId: callId as string,
      campaignId: campaignId as string,
      campaignName: campaignName ?? null,
      botId: botId as string,
      botName: botName ?? null,
      customerId: customerId as string,
      phone: phone ?? null,
      attempt: attempt ?? 1,
      startedAt: startedAt as Date,
      answeredAt: answeredAt ?? null,
      endedAt: endedAt as Date,
      resultCode: resultCode as string,
      messages: messages ?? null,
      blocks: blocks ?? null,
      cost: cost ?? null,
      recordingUrl: recordingUrl ?? null,
    },
    problems: [],
  };
}

const EVENT_TYPES = ['call.completed', 'campaign.started', 'campaign.completed'];

/** One NDJSON line or one element of a webhook array. */
export function validateEventObject(value: unknown): { item: IngestItem | null; problems: FieldProblem[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { item: null, problems: [{ field: '(event)', message: 'each event must be a JSON object with a "type"' }] };
  }
  const fields = value as Record<string, unknown>;
  if (fields.type === 'call.completed') {
    const { record, problems } = validateCallFields(fields);
    return { item: record ? { kind: 'call', record } : null, problems };
  }
  if (fields.type !== 'campaign.started' && fields.type !== 'campaign.completed') {
    return {
      item: null,
      problems: [
        { field: 'type', message: `type must be one of ${EVENT_TYPES.join(', ')}; got ${describe(fields.type)}` },
      ],
    };
  }
  const c = new ProblemCollector();
  const campaignId = c.take('campaign_id', parseId('campaign_id', fields.campaign_id));
  const botId = c.take('bot_id', parseId('bot_id', fields.bot_id));
  const campaignName = c.take('campaign_name', parseOptionalText('campaign_name', fields.campaign_name));
  const customersTotal = c.take('customers_total', parseCount('customers_total', fields.customers_total, 0));
  const reportEmails = c.take('report_emails', parseEmails('report_emails', fields.report_emails));
  const at = c.take('at', parseInstant('at', fields.at, true));
  if (c.problems.length > 0) return { item: null, problems: c.problems };
  return {
    item: {
      kind: 'event',
      event: {
        type: fields.type,
        campaignId: campaignId as string,
        botId: botId as string,
        campaignName: campaignName ?? null,
        customersTotal: customersTotal ?? null,
        reportEmails: reportEmails ?? null,
        at: at as Date,
      },
    },
    problems: [],
  };
}
