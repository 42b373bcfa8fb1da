import fc from 'fast-check';
import { retellCall, twilioStatus, vapiReport } from '../../../support/platform-payloads';
import { edgeValues, headerText, strangeValue } from '../../webhook/support/fuzz-arbitraries';
import { OUTCOME_FIELD } from '../../webhook/support/webhook-server';

/**
 * Generators of hostile connector requests: arbitrary bytes in every path segment, platform calls that are
 * almost valid (fields replaced by strange values, numbers at and past every range), arbitrary JSON, form
 * and byte bodies; signed correctly most of the time, so that they reach the readers.
 */

export type Platform = 'retell' | 'vapi' | 'twilio';
export type FuzzAuth =
  { kind: 'signed' } | { kind: 'wrong secret' } | { kind: 'none' } | { kind: 'raw'; header: string };

export interface ConnectorFuzz {
  kind: string;
  /** How the body is signed: the platform it was made for. */
  signAs: Platform;
  /** The path segments as sent (percent escapes included). */
  platformSegment: string;
  accountSegment: string;
  /** `?…` or empty. */
  query: string;
  body: string | Buffer;
  contentType: string;
  auth: FuzzAuth;
}

/** Numbers at and just past every range a platform field has: times, durations, costs. */
const edgeNumbers = fc.constantFrom<unknown>(
  1e300,
  -1e300,
  9e15,
  8.64e15,
  8.64e15 + 1,
  -8.64e15,
  -62_135_596_800_001, // 0000-12-31T23:59:59.999Z
  -62_135_596_800_000, // 0001-01-01T00:00:00Z
  253_402_300_799_999, // 9999-12-31T23:59:59.999Z
  253_402_300_800_000, // 10000-01-01T00:00:00Z
  0,
  -1,
  0.5,
  1e-300,
  86_400_000,
  86_400_001,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  1e15,
  999_999_999_999_999.9,
  '1e300',
  '86400',
);

/** A value for a JSON field; INFINITY is written as 1e400 once the body is JSON (JSON.stringify cannot). */
const INFINITY = '__fuzz_1e400__';
const jsonFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: strangeValue },
  { weight: 3, arbitrary: edgeNumbers },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(INFINITY, `-${INFINITY}`) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('+275760-09-13T00:00:00.000Z', '0000-12-31T00:00:00Z', '10000-01-01T00:00:00Z'),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

function withInfinity(json: string): string {
  return json.replaceAll(`"-${INFINITY}"`, '-1e400').replaceAll(`"${INFINITY}"`, '1e400');
}

/** Sets a value at a path, making objects on the way; an own property even for `__proto__`. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    const child = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    Object.defineProperty(node, key, { value: child, enumerable: true, writable: true, configurable: true });
    node = child as Record<string, unknown>;
  }
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

const RETELL_FIELDS = [
  'event',
  'call',
  'call.call_id',
  'call.agent_id',
  'call.agent_name',
  'call.batch_call_id',
  'call.call_status',
  'call.direction',
  'call.from_number',
  'call.to_number',
  'call.metadata',
  'call.metadata.campaign_id',
  'call.metadata.campaign_name',
  'call.metadata.customer_id',
  'call.metadata.bot_id',
  'call.start_timestamp',
  'call.end_timestamp',
  'call.duration_ms',
  'call.disconnection_reason',
  'call.recording_url',
  'call.transcript_object',
  'call.call_cost',
  'call.call_cost.combined_cost',
  'call.call_analysis',
  'call.call_analysis.custom_analysis_data',
  `call.call_analysis.custom_analysis_data.${OUTCOME_FIELD}`,
  'call.__proto__',
  'call.constructor',
].map((path) => path.split('.'));

const VAPI_FIELDS = [
  'message',
  'message.type',
  'message.endedReason',
  'message.startedAt',
  'message.endedAt',
  'message.cost',
  'message.customer.number',
  'message.assistant',
  'message.assistant.name',
  'message.assistant.metadata',
  'message.artifact',
  'message.artifact.messages',
  'message.artifact.recordingUrl',
  'message.recordingUrl',
  'message.analysis.structuredData',
  `message.analysis.structuredData.${OUTCOME_FIELD}`,
  'message.call',
  'message.call.id',
  'message.call.endedReason',
  'message.call.startedAt',
  'message.call.createdAt',
  'message.call.endedAt',
  'message.call.cost',
  'message.call.campaignId',
  'message.call.assistantId',
  'message.call.squadId',
  'message.call.customer.number',
  'message.call.metadata',
  'message.call.metadata.campaign_id',
  'message.call.metadata.customer_id',
  'message.call.assistantOverrides.metadata',
  'message.__proto__',
].map((path) => path.split('.'));

const TWILIO_FIELDS = [
  'CallSid',
  'CallStatus',
  'To',
  'From',
  'Direction',
  'Timestamp',
  'CallDuration',
  'Duration',
  'RecordingUrl',
  'SequenceNumber',
  'SipResponseCode',
  OUTCOME_FIELD,
  '__proto__',
];
const TWILIO_QUERY = ['campaign_id', 'bot_id', 'customer_id', 'campaign_name', OUTCOME_FIELD];

/** Text a form field or a query parameter may carry, numbers and times at their edges included. */
const formValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1e300',
      '-1e300',
      '9e15',
      '-5',
      '0',
      '86400',
      '86401',
      ' 75 ',
      '0x10',
      '٣',
      'Infinity',
      'NaN',
      '9'.repeat(50),
      'Fri, 20 Nov 2026 03:02:00 +0000',
      'Sat, 13 Sep 275760 00:00:00 +0000',
      'Mon, 01 Jan 0000 00:00:00 +0000',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'completed',
      'busy',
      'no-answer',
      'failed',
      'ringing',
      'outbound-api',
      'inbound',
      '+84909876543',
      'https://api.twilio.com/rec',
      'x'.repeat(10_000),
    ),
  },
  { weight: 1, arbitrary: edgeValues.map((value) => (typeof value === 'string' ? value : String(value))) },
);

const callIndex = fc.integer({ min: 0, max: 20 });

/** The fields a platform gives as numbers or times: each gets edge values far more often than the rest. */
const RETELL_NUMBERS = [
  'call.start_timestamp',
  'call.end_timestamp',
  'call.duration_ms',
  'call.call_cost.combined_cost',
];
const VAPI_NUMBERS_AND_TIMES = [
  'message.cost',
  'message.call.cost',
  'message.startedAt',
  'message.endedAt',
  'message.call.startedAt',
  'message.call.createdAt',
  'message.call.endedAt',
];
const TWILIO_NUMBERS_AND_TIMES = ['CallDuration', 'Timestamp', 'Duration'];

const numberValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgeNumbers },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, INFINITY, `-${INFINITY}`) },
);
const timeText = fc.constantFrom(
  '+275760-09-13T00:00:00.000Z',
  '0000-12-31T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '2026-11-21T03:00:00Z',
  '2026-11-20T03:00:00+25:00',
  'Fri, 20 Nov 2026 03:02:00 +0000',
);
const numericText = fc.constantFrom(
  '1e300',
  '9e15',
  '-5',
  '86400',
  '86401',
  ' 75 ',
  'Infinity',
  '9'.repeat(50),
  'Sat, 13 Sep 275760 00:00:00 +0000',
  'Mon, 01 Jan 0001 00:00:00 +0000',
  'Fri, 31 Dec 9999 23:59:59 -1400',
);

/** Up to two numeric fields at their edges, then up to three fields of any kind replaced by anything. */
function fieldOverrides(
  all: readonly string[][],
  numeric: readonly string[],
  numericValue: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...numeric), numericValue, { maxKeys: 2 }),
      fc.dictionary(fc.constantFrom(...all.map((path) => path.join('.'))), jsonFieldValue, { maxKeys: 3 }),
    )
    .map(([numbers, any]) => ({ ...numbers, ...any }));
}

const retellBody = fc
  .tuple(
    fc.constantFrom('call_ended', 'call_analyzed'),
    callIndex,
    fc.constantFrom('user_hangup', 'dial_busy', 'dial_no_answer', 'error_unknown', 'something_new'),
    fieldOverrides(RETELL_FIELDS, RETELL_NUMBERS, numberValue),
  )
  .map(([event, id, reason, overrides]) => {
    const payload: Record<string, unknown> = {
      event,
      call: retellCall(`fz-r${id}`, {
        batch_call_id: `fz-batch-${id % 3}`,
        disconnection_reason: reason as never,
        call_analysis: { custom_analysis_data: { [OUTCOME_FIELD]: 'paid' } },
      }),
    };
    for (const [path, value] of Object.entries(overrides)) setPath(payload, path.split('.'), value);
    return withInfinity(JSON.stringify(payload));
  });

const vapiBody = fc
  .tuple(
    callIndex,
    fc.constantFrom(
      'customer-ended-call',
      'customer-busy',
      'customer-did-not-answer',
      'pipeline-error-x',
      'new-reason',
    ),
    fieldOverrides(VAPI_FIELDS, VAPI_NUMBERS_AND_TIMES, fc.oneof(numberValue, timeText)),
  )
  .map(([id, endedReason, overrides]) => {
    const payload = vapiReport(`fz-v${id}`, { endedReason: endedReason as never }) as unknown as Record<
      string,
      unknown
    >;
    for (const [path, value] of Object.entries(overrides)) setPath(payload, path.split('.'), value);
    return withInfinity(JSON.stringify(payload));
  });

const twilioForm = fc
  .tuple(
    callIndex,
    fc.constantFrom('completed', 'busy', 'no-answer', 'failed', 'canceled', 'ringing', 'new-status'),
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...TWILIO_NUMBERS_AND_TIMES), numericText, { maxKeys: 2 }),
        fc.dictionary(fc.oneof(fc.constantFrom(...TWILIO_FIELDS), fc.string({ maxLength: 10 })), formValue, {
          maxKeys: 3,
        }),
      )
      .map(([numbers, any]) => ({ ...numbers, ...any })),
    fc.array(fc.constantFrom(...TWILIO_FIELDS), { maxLength: 2 }),
  )
  .map(([id, status, overrides, removed]) => {
    const fields: Record<string, string> = { ...twilioStatus(`CAfz${id}`, status), [OUTCOME_FIELD]: 'paid' };
    for (const field of removed) delete fields[field];
    for (const [key, value] of Object.entries(overrides))
      Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
    return new URLSearchParams(Object.entries(fields)).toString();
  });

/**
 * Lengths that keep a request line under Node's 16 KiB of headers (past it Node answers 431 itself, before any
 * route): two long segments and five long query values fit.
 */
const MAX_LONG_SEGMENT = 5000;
const MAX_QUERY_VALUE = 600;

const twilioQuery = fc
  .record(Object.fromEntries(TWILIO_QUERY.map((name) => [name, fc.option(formValue, { nil: undefined, freq: 3 })])))
  .map((query) => {
    const params = new URLSearchParams({ campaign_id: 'fz-tw', bot_id: 'fz-bot' });
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) params.set(name, (value as string).slice(0, MAX_QUERY_VALUE));
    return `?${params.toString()}`;
  });

/** A body that is not the platform's at all: any JSON, bytes, deep nesting, a form. */
const foreignBody: fc.Arbitrary<{ body: string | Buffer; contentType: string }> = fc.oneof(
  fc
    .jsonValue({ maxDepth: 4 })
    .map((value) => ({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json' })),
  fc
    .uint8Array({ maxLength: 300 })
    .map((bytes) => ({ body: Buffer.from(bytes), contentType: 'application/octet-stream' })),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => ({
    body: `{"call":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    contentType: 'application/json',
  })),
  fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((text) => ({ body: text, contentType: 'application/x-www-form-urlencoded' })),
);

const printableNoSlash = fc
  .integer({ min: 0x20, max: 0x7e })
  .filter((code) => !'/?#%'.includes(String.fromCharCode(code)))
  .map((code) => String.fromCharCode(code));

/** A path segment: any bytes percent-escaped, printable text, 10,000 characters, broken escapes, NUL. */
const anySegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 80 })
      .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: printableNoSlash, minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: MAX_LONG_SEGMENT }).map((length) => 'z'.repeat(length)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%',
      '%Z',
      '%ZZ',
      `%ZZ${'x'.repeat(MAX_LONG_SEGMENT - 3)}`,
      '%E0%A4',
      '%ED%A0%80',
      '%C0%AF',
      '%00',
      'acme%00',
      'a%00b',
      '%2F',
      'ac%2Fme',
      '.',
      '..',
      'acme%20',
      'ACME',
      '%F0%9F%98%80',
      'a'.repeat(64),
      'a'.repeat(65),
    ),
  },
);

const platformSegment = (platform: Platform) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant<string>(platform) },
    { weight: 1, arbitrary: fc.constantFrom('RETELL', 'Vapi', 'zoom', 'retell%00') },
    { weight: 2, arbitrary: anySegment },
  );

const accountSegment = fc.oneof(
  { weight: 10, arbitrary: fc.constant('acme') },
  { weight: 1, arbitrary: fc.constant('nobody') },
  { weight: 2, arbitrary: anySegment },
);

const auth: fc.Arbitrary<FuzzAuth> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<FuzzAuth>({ kind: 'signed' }) },
  { weight: 1, arbitrary: fc.constantFrom<FuzzAuth>({ kind: 'wrong secret' }, { kind: 'none' }) },
  { weight: 1, arbitrary: headerText.map((header): FuzzAuth => ({ kind: 'raw', header })) },
);

const platformBody = (platform: Platform): fc.Arbitrary<{ kind: string; body: string | Buffer; contentType: string }> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: (platform === 'retell' ? retellBody : platform === 'vapi' ? vapiBody : twilioForm).map((body) => ({
        kind: `${platform} fields`,
        body,
        contentType: platform === 'twilio' ? 'application/x-www-form-urlencoded' : 'application/json',
      })),
    },
    { weight: 1, arbitrary: foreignBody.map((body) => ({ kind: `${platform} foreign body`, ...body })) },
  );

export const connectorFuzz: fc.Arbitrary<ConnectorFuzz> = fc
  .constantFrom<Platform>('retell', 'vapi', 'twilio')
  .chain((platform) =>
    fc
      .record({
        platformSegment: platformSegment(platform),
        accountSegment,
        query: platform === 'twilio' ? twilioQuery : fc.constantFrom('', '?campaign_id=x', `?x=${'y'.repeat(3000)}`),
        body: platformBody(platform),
        auth,
      })
      .map(({ body, ...rest }): ConnectorFuzz => ({
        ...rest,
        signAs: platform,
        kind: rest.platformSegment === platform && rest.accountSegment === 'acme' ? body.kind : `${platform} path`,
        body: body.body,
        contentType: body.contentType,
      })),
  );
