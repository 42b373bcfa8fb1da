import { createHmac } from 'node:crypto';
import { ReasonCategory } from '../../domain/platform-outcome';
import { SignatureCheck } from '../../domain/webhook-signature';
import { Connector, ConnectorRead, ConnectorRequest, wrongSecretReason } from './connector';
import {
  firstText,
  missing,
  parseCallDuration,
  parseDateText,
  parseReason,
  phoneOrNull,
  problemsOf,
  sameText,
  textOf,
  valueOf,
} from './platform-fields';

/**
 * Twilio's Voice status callback (docs/connectors.md "Twilio"): form fields, signed over the full URL it
 * called plus the sorted fields. Campaign and bot come from the callback URL's query.
 */
const CATEGORIES: Record<string, ReasonCategory> = {
  completed: 'answered',
  busy: 'busy',
  'no-answer': 'no_answer',
  canceled: 'no_answer',
  failed: 'failed',
};
/** Progress callbacks: the call has not ended yet. */
const IN_PROGRESS = new Set(['queued', 'initiated', 'ringing', 'in-progress']);

function formFields(rawBody: Buffer): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  return fields;
}

/** Twilio's scheme: HMAC-SHA1 over the URL then each field name and value, names sorted (repeated values sorted and unique). */
function twilioSignature(authToken: string, url: string, fields: Map<string, string[]>): string {
  let data = url;
  for (const key of [...fields.keys()].sort()) {
    for (const value of [...new Set(fields.get(key))].sort()) data += key + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The URL as Twilio may have signed it: as configured, and with or without the scheme's default port. */
function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/:?#]+)(:\d+)?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest] = match;
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  return [url, `${scheme}://${host}${rest}`, `${scheme}://${host}${port ?? defaultPort}${rest}`];
}

function verifyTwilio(request: ConnectorRequest, authToken: string): SignatureCheck {
  const signature = request.header('x-twilio-signature');
  if (!signature) return { ok: false, reason: 'missing X-Twilio-Signature header' };
  const fields = formFields(request.rawBody);
  const matches = urlVariants(request.publicUrl).some((url) =>
    sameText(signature.trim(), twilioSignature(authToken, url, fields)),
  );
  return matches ? { ok: true } : { ok: false, reason: wrongSecretReason(twilioConnector) };
}

function readTwilio(request: ConnectorRequest, now: Date): ConnectorRead {
  const fields = formFields(request.rawBody);
  const field = (name: string) => textOf(fields.get(name)?.[0]);
  const reason = field('CallStatus');
  if (reason === null)
    return missing(
      'CallStatus',
      'the request has no CallStatus; point a Voice status callback (form-encoded) at this URL',
    );
  if (IN_PROGRESS.has(reason)) return { kind: 'ignored', what: `Twilio status ${reason}` };
  const callId = field('CallSid');
  if (callId === null) return missing('CallSid', 'the request has no CallSid');
  const campaignId = textOf(request.query.campaign_id);
  if (campaignId === null) return missing('campaign_id', 'add ?campaign_id=…&bot_id=… to the status callback URL');
  const botId = textOf(request.query.bot_id);
  if (botId === null) return missing('bot_id', 'add ?campaign_id=…&bot_id=… to the status callback URL');
  const dialled = (field('Direction') ?? 'outbound').startsWith('outbound') ? field('To') : field('From');
  const customerId = firstText(request.query.customer_id, dialled);
  if (customerId === null) return missing('To', 'the request has no To number and the URL no customer_id');

  const read = {
    CallStatus: parseReason('CallStatus', reason),
    Timestamp: parseDateText('Timestamp', field('Timestamp')),
    CallDuration: parseCallDuration('CallDuration', field('CallDuration'), 's'),
  };
  const problems = problemsOf(read);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const endedAt = valueOf(read.Timestamp) ?? now;
  const category = CATEGORIES[reason] ?? null;
  const talkedMs = valueOf(read.CallDuration) ?? 0;
  const connected = category === 'answered' || (category === null && talkedMs > 0);
  const answeredAt = connected ? new Date(endedAt.getTime() - talkedMs) : null;
  const outcomes: Record<string, unknown> = { ...request.query };
  for (const [key, values] of fields) outcomes[key] = values[0];
  return {
    kind: 'call',
    call: {
      callId,
      campaignId,
      campaignName: textOf(request.query.campaign_name),
      botId,
      botName: null,
      customerId,
      phone: phoneOrNull(dialled),
      startedAt: answeredAt ?? endedAt,
      answeredAt,
      endedAt,
      reason,
      outcomes,
      messages: null,
      cost: null,
      recordingUrl: field('RecordingUrl'),
      detail: 0,
    },
  };
}

export const twilioConnector: Connector = {
  platform: 'twilio',
  secretName: "the Twilio account's auth token",
  signingHint: 'Twilio signs the URL it calls, so PUBLIC_BASE_URL must be the public address of this server',
  costCurrency: null,
  verify: verifyTwilio,
  read: readTwilio,
  categorize: (reason) => CATEGORIES[reason] ?? null,
};
