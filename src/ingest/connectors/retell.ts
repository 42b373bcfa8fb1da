import { ReasonCategory } from '../../domain/platform-outcome';
import { SignatureCheck } from '../../domain/webhook-signature';
import { Connector, ConnectorRead, ConnectorRequest, wrongSecretReason } from './connector';
import {
  firstText,
  hmacHex,
  isObject,
  missing,
  objectOrEmpty,
  parseCallDuration,
  parseCost,
  parseEpochMs,
  parseJsonBody,
  parseReason,
  phoneOrNull,
  problemsOf,
  sameText,
  textOf,
  valueOf,
} from './platform-fields';

/** Retell's webhook (docs/connectors.md "Retell"): `call_ended` and `call_analyzed` carry the whole call. */
const SIGNATURE = /^v=(\d{1,16}),d=([0-9a-f]{64})$/i;
export const RETELL_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;
const USED_EVENTS = new Set(['call_ended', 'call_analyzed']);

const CATEGORIES: Record<string, ReasonCategory> = {
  dial_busy: 'busy',
  user_declined: 'busy',
  dial_no_answer: 'no_answer',
  dial_failed: 'failed',
  invalid_destination: 'failed',
  telephony_provider_permission_denied: 'failed',
  telephony_provider_unavailable: 'failed',
  sip_routing_error: 'failed',
  marked_as_spam: 'failed',
  concurrency_limit_reached: 'failed',
  no_concurrency_fallback: 'failed',
  no_valid_payment: 'failed',
  scam_detected: 'failed',
  registered_call_timeout: 'failed',
  user_hangup: 'answered',
  agent_hangup: 'answered',
  call_transfer: 'answered',
  transfer_bridged: 'answered',
  transfer_cancelled: 'answered',
  voicemail_reached: 'answered',
  ivr_reached: 'answered',
  inactivity: 'answered',
  max_duration_reached: 'answered',
  manual_stopped: 'answered',
  call_take_over: 'answered',
};

function categorizeRetell(reason: string): ReasonCategory | null {
  return CATEGORIES[reason] ?? (reason.startsWith('error_') ? 'failed' : null);
}

function verifyRetell(request: ConnectorRequest, secret: string, now: Date): SignatureCheck {
  const header = request.header('x-retell-signature');
  if (!header) return { ok: false, reason: 'missing X-Retell-Signature header' };
  const match = SIGNATURE.exec(header.trim());
  if (!match) return { ok: false, reason: 'X-Retell-Signature must look like v=<unix ms>,d=<hex HMAC-SHA256>' };
  const signedAt = Number(match[1]);
  if (Math.abs(now.getTime() - signedAt) > RETELL_SIGNATURE_WINDOW_MS) {
    return { ok: false, reason: 'X-Retell-Signature is more than 5 minutes from our clock' };
  }
  const expected = hmacHex('sha256', secret, request.rawBody, match[1]);
  return sameText(match[2].toLowerCase(), expected)
    ? { ok: true }
    : { ok: false, reason: wrongSecretReason(retellConnector) };
}

function countAgentTurns(transcript: unknown): number | null {
  if (!Array.isArray(transcript)) return null;
  return transcript.filter((turn) => isObject(turn) && turn.role === 'agent').length;
}

function readRetell(request: ConnectorRequest, now: Date): ConnectorRead {
  const parsed = parseJsonBody(request.rawBody);
  if ('problems' in parsed) return { kind: 'invalid', problems: parsed.problems };
  const event = textOf(parsed.value.event);
  if (event === null || !USED_EVENTS.has(event)) return { kind: 'ignored', what: `Retell event ${event ?? '(none)'}` };
  const call = parsed.value.call;
  if (!isObject(call)) return missing('call', `a Retell ${event} event must carry the call object`);
  const callId = textOf(call.call_id);
  if (callId === null) return missing('call.call_id', 'the call has no call_id');
  const reason = firstText(call.disconnection_reason, call.call_status);
  if (reason === null)
    return missing('call.disconnection_reason', 'the call has no disconnection_reason (nor call_status)');
  const metadata = objectOrEmpty(call.metadata);
  const campaignId = firstText(call.batch_call_id, metadata.campaign_id);
  if (campaignId === null) {
    return missing(
      'call.metadata.campaign_id',
      'the call has no batch_call_id and no metadata.campaign_id; start calls in a batch or set metadata.campaign_id',
    );
  }
  const botId = firstText(metadata.bot_id, call.agent_id);
  if (botId === null) return missing('call.agent_id', 'the call has no agent_id (nor metadata.bot_id)');
  const dialled = textOf(call.direction === 'inbound' ? call.from_number : call.to_number);
  const customerId = firstText(metadata.customer_id, dialled);
  if (customerId === null)
    return missing('call.metadata.customer_id', 'the call has no metadata.customer_id and no dialled number');

  const fields = {
    'call.disconnection_reason': parseReason('call.disconnection_reason', reason),
    'call.start_timestamp': parseEpochMs('call.start_timestamp', call.start_timestamp),
    'call.end_timestamp': parseEpochMs('call.end_timestamp', call.end_timestamp),
    'call.duration_ms': parseCallDuration('call.duration_ms', call.duration_ms, 'ms'),
    'call.call_cost.combined_cost': parseCost(
      'call.call_cost.combined_cost',
      objectOrEmpty(call.call_cost).combined_cost,
      2,
    ),
  };
  const problems = problemsOf(fields);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const start = valueOf(fields['call.start_timestamp']);
  const end = valueOf(fields['call.end_timestamp']);
  const duration = valueOf(fields['call.duration_ms']);
  const startedAt = start ?? end ?? now;
  const endedAt = end ?? (start && duration !== null ? new Date(start.getTime() + duration) : startedAt);
  const category = categorizeRetell(reason);
  const connected = category === 'answered' || (category === null && call.call_status === 'ended');
  const analysis = objectOrEmpty(call.call_analysis);
  return {
    kind: 'call',
    call: {
      callId,
      campaignId,
      campaignName: textOf(metadata.campaign_name),
      botId,
      botName: textOf(call.agent_name),
      customerId,
      phone: phoneOrNull(dialled),
      startedAt,
      answeredAt: connected ? start : null,
      endedAt,
      reason,
      outcomes: isObject(analysis.custom_analysis_data) ? analysis.custom_analysis_data : null,
      messages: countAgentTurns(call.transcript_object),
      cost: valueOf(fields['call.call_cost.combined_cost']),
      recordingUrl: textOf(call.recording_url),
      detail: event === 'call_analyzed' || isObject(call.call_analysis) ? 1 : 0,
    },
  };
}

export const retellConnector: Connector = {
  platform: 'retell',
  secretName: 'the Retell API key with the webhook badge',
  costCurrency: 'USD',
  verify: verifyRetell,
  read: readRetell,
  categorize: categorizeRetell,
};
