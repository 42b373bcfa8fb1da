import { ReasonCategory } from '../../domain/platform-outcome';
import { SignatureCheck } from '../../domain/webhook-signature';
import { Connector, ConnectorRead, ConnectorRequest, wrongSecretReason } from './connector';
import { parseInstant } from '../field-rules';
import {
  firstText,
  hmacHex,
  isObject,
  missing,
  objectOrEmpty,
  parseCost,
  parseJsonBody,
  parseReason,
  phoneOrNull,
  problemsOf,
  sameText,
  textOf,
  valueOf,
} from './platform-fields';

/** Vapi's server messages (docs/connectors.md "Vapi"): only `end-of-call-report` makes a call record. */
const BUSY = new Set(['customer-busy', 'vonage-rejected']);
const NO_ANSWER = new Set(['customer-did-not-answer', 'call.ringing.sip-inbound-caller-hungup-before-call-connect']);
const NO_ANSWER_HOOK = /^call\.ringing\.hook-executed-/;
/** The customer was on the line: hung up, the assistant ended or forwarded, or the platform cut a call in progress. */
const ANSWERED =
  /^(customer-ended-call|assistant-ended-call|assistant-said-end-call-phrase|assistant-forwarded-call|silence-timed-out|exceeded-max-duration|voicemail|vonage-completed|call\.ending\.hook-executed-|call\.forwarding\.)|completed-call$/;
const FAILED =
  /error|failed|fault|misdialed|not-found|not-valid|invalid|worker-|phone-call-provider|vonage-disconnected|deleted|manually-canceled|timed-out/;

function categorizeVapi(reason: string): ReasonCategory | null {
  if (BUSY.has(reason)) return 'busy';
  if (NO_ANSWER.has(reason) || NO_ANSWER_HOOK.test(reason)) return 'no_answer';
  if (ANSWERED.test(reason)) return 'answered';
  if (FAILED.test(reason)) return 'failed';
  return null;
}

function verifyVapi(request: ConnectorRequest, secret: string): SignatureCheck {
  const signature = request.header('x-vapi-signature');
  if (signature) {
    return sameText(signature.trim().toLowerCase(), hmacHex('sha256', secret, request.rawBody))
      ? { ok: true }
      : { ok: false, reason: wrongSecretReason(vapiConnector) };
  }
  const authorization = request.header('authorization');
  if (authorization) {
    // \S after \s+: the spaces and the token cannot take the same characters, so the pattern stays linear.
    const token = /^Bearer\s+(\S.*)$/i.exec(authorization.trim())?.[1] ?? '';
    return sameText(token, secret) ? { ok: true } : { ok: false, reason: wrongSecretReason(vapiConnector) };
  }
  return {
    ok: false,
    reason: 'missing X-Vapi-Signature (HMAC credential) or Authorization: Bearer (bearer credential)',
  };
}

function countBy(messages: unknown, role: string): number | null {
  if (!Array.isArray(messages)) return null;
  return messages.filter((message) => isObject(message) && message.role === role).length;
}

function readVapi(request: ConnectorRequest, now: Date): ConnectorRead {
  const parsed = parseJsonBody(request.rawBody);
  if ('problems' in parsed) return { kind: 'invalid', problems: parsed.problems };
  const message = objectOrEmpty(parsed.value.message);
  const type = textOf(message.type);
  if (type !== 'end-of-call-report') return { kind: 'ignored', what: `Vapi message ${type ?? '(none)'}` };
  const call = message.call;
  if (!isObject(call)) return missing('message.call', 'an end-of-call-report must carry the call');
  const callId = textOf(call.id);
  if (callId === null) return missing('message.call.id', 'the call has no id');
  const reason = firstText(message.endedReason, call.endedReason);
  if (reason === null) return missing('message.endedReason', 'the report has no endedReason');
  const assistant = objectOrEmpty(message.assistant ?? call.assistant);
  const metadata = {
    ...objectOrEmpty(assistant.metadata),
    ...objectOrEmpty(objectOrEmpty(call.assistantOverrides).metadata),
    ...objectOrEmpty(call.metadata),
  };
  const campaignId = firstText(call.campaignId, metadata.campaign_id);
  if (campaignId === null) {
    return missing(
      'message.call.campaignId',
      'the call has no campaignId and no metadata.campaign_id; run it in a Vapi campaign or set metadata.campaign_id',
    );
  }
  const botId = firstText(metadata.bot_id, call.assistantId, call.squadId, call.workflowId);
  if (botId === null) return missing('message.call.assistantId', 'the call has no assistantId (nor metadata.bot_id)');
  const dialled = firstText(objectOrEmpty(call.customer).number, objectOrEmpty(message.customer).number);
  const customerId = firstText(metadata.customer_id, dialled);
  if (customerId === null)
    return missing('message.call.customer.number', 'the call has no metadata.customer_id and no customer number');

  const time = (name: string, value: unknown) => parseInstant(name, value, false);
  const read = {
    'message.endedReason': parseReason('message.endedReason', reason),
    'message.startedAt': time('message.startedAt', message.startedAt),
    'message.call.startedAt': time('message.call.startedAt', call.startedAt),
    'message.call.createdAt': time('message.call.createdAt', call.createdAt),
    'message.endedAt': time('message.endedAt', message.endedAt),
    'message.call.endedAt': time('message.call.endedAt', call.endedAt),
  };
  const costField = message.cost === undefined || message.cost === null ? 'message.call.cost' : 'message.cost';
  const cost = parseCost(costField, message.cost ?? call.cost);
  const problems = problemsOf({ ...read, [costField]: cost });
  if (problems.length > 0) return { kind: 'invalid', problems };
  const startedAt =
    valueOf(read['message.startedAt']) ??
    valueOf(read['message.call.startedAt']) ??
    valueOf(read['message.call.createdAt']) ??
    now;
  const endedAt = valueOf(read['message.endedAt']) ?? valueOf(read['message.call.endedAt']) ?? startedAt;
  const artifact = objectOrEmpty(message.artifact ?? call.artifact);
  const category = categorizeVapi(reason);
  const customerSpoke = (countBy(artifact.messages, 'user') ?? 0) > 0;
  const analysis = objectOrEmpty(message.analysis ?? call.analysis);
  return {
    kind: 'call',
    call: {
      callId,
      campaignId,
      campaignName: textOf(metadata.campaign_name),
      botId,
      botName: textOf(assistant.name),
      customerId,
      phone: phoneOrNull(dialled),
      startedAt,
      answeredAt: category === 'answered' || (category === null && customerSpoke) ? startedAt : null,
      endedAt,
      reason,
      outcomes: isObject(analysis.structuredData) ? analysis.structuredData : null,
      messages: countBy(artifact.messages, 'bot'),
      cost: valueOf(cost),
      recordingUrl: firstText(artifact.recordingUrl, message.recordingUrl),
      detail: 0,
    },
  };
}

export const vapiConnector: Connector = {
  platform: 'vapi',
  secretName: 'the secret of the Vapi credential (HMAC or bearer token)',
  costCurrency: 'USD',
  verify: verifyVapi,
  read: readVapi,
  categorize: categorizeVapi,
};
