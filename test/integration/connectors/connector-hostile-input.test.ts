import pino from 'pino';
import { sign } from 'retell-sdk';
import twilio from 'twilio';
import { ConnectorServer, setUpConnector, startConnectorServer } from '../../support/connector-server';
import { retellCall, twilioStatus, vapiReport } from '../../support/platform-payloads';
import { storedFingerprint } from '../webhook/support/webhook-server';

/**
 * The attacks of issue 18 on the connector routes, over real HTTP with correctly signed requests: a malformed
 * account id is judged by its shape before any query and answered exactly as an unknown account; numbers out of
 * range are a 400 naming the platform's field; nothing a request sends is echoed at length; refusals are logged
 * at most at warn, a line a minute, with no SQL and no stack.
 */
const RETELL_KEY = 'key_retell_hostile';
const VAPI_SECRET = 'vapi-hostile-secret';
const TWILIO_TOKEN = 'twilio-hostile-token';

const logLines: Record<string, unknown>[] = [];
const startedAt = Date.now();
let s: ConnectorServer;

beforeAll(async () => {
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  s = await startConnectorServer({ logger });
  await setUpConnector(s.t, 'acme', 'retell', RETELL_KEY, 'call_outcome');
  await setUpConnector(s.t, 'acme', 'vapi', VAPI_SECRET);
  await setUpConnector(s.t, 'acme', 'twilio', TWILIO_TOKEN);
});
afterAll(() => s.close());

interface RawAnswer {
  status: number;
  type: string | null;
  text: string;
  bytes: number;
}

async function post(path: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  const response = await fetch(`${s.base}${path}`, { method: 'POST', headers, body });
  const raw = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: raw.toString('utf8'),
    bytes: raw.length,
  };
}

async function signedRetell(account: string, payload: unknown): Promise<RawAnswer> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', 'x-retell-signature': await sign(body, RETELL_KEY) };
  return post(`/v1/connectors/retell/${account}`, headers, body);
}

async function signedVapi(account: string, payload: unknown): Promise<RawAnswer> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${VAPI_SECRET}` };
  return post(`/v1/connectors/vapi/${account}`, headers, JSON.stringify(payload));
}

async function signedTwilio(account: string, fields: Record<string, string>): Promise<RawAnswer> {
  const path = `/v1/connectors/twilio/${account}?campaign_id=tw-h&bot_id=bot-h`;
  const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${s.publicBaseUrl}${path}`, fields);
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature };
  return post(path, headers, new URLSearchParams(fields).toString());
}

const MALFORMED_ACCOUNTS = [
  'a%00b',
  '%00',
  'acme%00',
  '%ZZ',
  'acme%E0%A4',
  '%ED%A0%80',
  'a'.repeat(65),
  '-acme',
  'ac%20me',
  'ac%2Fme',
  '%F0%9F%98%80',
  `%ZZ${'x'.repeat(10_000)}`,
];

describe('a malformed account id in a connector URL', () => {
  it('is answered with the same bytes as an unknown account, signed or not, for every platform, storing nothing', async () => {
    const before = await storedFingerprint(s.t);
    for (const platform of ['retell', 'vapi', 'twilio']) {
      const unknown = await post(`/v1/connectors/${platform}/nobody`, {}, '{}');
      expect(unknown.status).toBe(401);
      for (const account of MALFORMED_ACCOUNTS) {
        expect(await post(`/v1/connectors/${platform}/${account}`, {}, '{}')).toEqual(unknown);
      }
    }
    const retellUnknown = await signedRetell('nobody', { event: 'call_ended', call: retellCall('h-1') });
    const vapiUnknown = await signedVapi('nobody', vapiReport('h-1'));
    const twilioUnknown = await signedTwilio('nobody', twilioStatus('CAh1', 'completed'));
    for (const account of MALFORMED_ACCOUNTS) {
      expect(await signedRetell(account, { event: 'call_ended', call: retellCall('h-1') })).toEqual(retellUnknown);
      expect(await signedVapi(account, vapiReport('h-1'))).toEqual(vapiUnknown);
      expect(await signedTwilio(account, twilioStatus('CAh1', 'completed'))).toEqual(twilioUnknown);
    }
    expect(await storedFingerprint(s.t)).toBe(before);
  });

  it('is logged at most at warn, at most a line a minute, without SQL or a stack', async () => {
    for (let i = 0; i < 30; i += 1) await post(`/v1/connectors/retell/a%00${i}`, {}, '{}');
    // Every line since the server started: the suite has sent hundreds of refused requests by now.
    expect(logLines.filter((line) => Number(line.level) > 40)).toEqual([]);
    const warnings = logLines.filter((line) => Number(line.level) === 40);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(1 + Math.floor((Date.now() - startedAt) / 60_000));
    expect(warnings[0]).toMatchObject({ route: 'connector', refused: expect.any(Object) });
    expect(JSON.stringify(logLines)).not.toMatch(/select|insert|stack|\\u0000/i);
  });
});

/** The first problem of a 400, after checking that nothing was stored. */
async function refused(send: () => Promise<RawAnswer>): Promise<{ field: string; message: string }> {
  const before = await storedFingerprint(s.t);
  const answer = await send();
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 400, text: expect.any(String) });
  expect(await storedFingerprint(s.t)).toBe(before);
  const body = JSON.parse(answer.text) as { errors: { field: string; message: string }[] };
  expect(answer.bytes).toBeLessThan(2048);
  return body.errors[0];
}

describe('numbers out of range in correctly signed platform calls', () => {
  const now = Date.now();
  const retell = (overrides: Record<string, unknown>) => ({
    event: 'call_ended',
    call: {
      ...retellCall('h-r'),
      start_timestamp: now - 60_000,
      end_timestamp: now,
      duration_ms: 60_000,
      ...overrides,
    },
  });

  it.each([
    ['call.start_timestamp', { start_timestamp: 1e300 }],
    ['call.start_timestamp', { start_timestamp: 9e15 }],
    ['call.start_timestamp', { start_timestamp: 8e15 }],
    ['call.end_timestamp', { end_timestamp: 1e300 }],
    ['call.end_timestamp', { end_timestamp: 9e15 }],
    ['call.end_timestamp', { end_timestamp: -1e300 }],
    ['call.duration_ms', { end_timestamp: undefined, duration_ms: 1e300 }],
    ['call.duration_ms', { end_timestamp: undefined, duration_ms: 9e15 }],
    ['call.duration_ms', { duration_ms: 25 * 3_600_000 }],
    ['call.call_cost.combined_cost', { call_cost: { combined_cost: 1e300 } }],
    ['call.call_cost.combined_cost', { call_cost: { combined_cost: -1 } }],
  ])('Retell: %s of %j is a 400 naming it', async (field, overrides) => {
    const problem = await refused(() => signedRetell('acme', retell(overrides)));
    expect(problem.field).toBe(field);
  });

  it('Retell: an outcome PostgreSQL cannot store is a 400 naming the outcome field, on a call never answered too', async () => {
    for (const reason of ['user_hangup', 'dial_busy']) {
      const payload = retell({
        disconnection_reason: reason,
        call_analysis: { custom_analysis_data: { call_outcome: 'pa\u0000id' } },
      });
      expect(await refused(() => signedRetell('acme', payload))).toMatchObject({
        field: 'call_outcome',
        message: expect.stringContaining('NUL'),
      });
    }
  });

  it('Retell: a timestamp of 1e400 (Infinity once parsed) is a 400 naming it', async () => {
    const body = JSON.stringify(retell({})).replace(/"start_timestamp":\d+/, '"start_timestamp":1e400');
    expect(body).toContain('1e400');
    expect((await refused(() => signedRetell('acme', body))).field).toBe('call.start_timestamp');
  });

  it.each([
    ['CallDuration', { CallDuration: '1e300' }],
    ['CallDuration', { CallDuration: '9e15' }],
    ['CallDuration', { CallDuration: '86401' }],
    ['CallDuration', { CallDuration: '-5' }],
    ['Timestamp', { Timestamp: 'Sat, 13 Sep 275760 00:00:00 +0000' }],
    ['Timestamp', { Timestamp: 'not a time' }],
  ])('Twilio: %s of %j is a 400 naming it', async (field, overrides) => {
    const problem = await refused(() => signedTwilio('acme', twilioStatus('CAh2', 'completed', overrides)));
    expect(problem.field).toBe(field);
  });

  it.each([
    ['message.cost', { cost: 1e300 }],
    ['message.cost', { cost: -0.5 }],
    ['message.startedAt', { startedAt: '+275760-09-13T00:00:00.000Z' }],
    ['message.endedAt', { endedAt: '10000-01-01T00:00:00Z' }],
  ])('Vapi: %s of %j is a 400 naming it', async (field, overrides) => {
    const problem = await refused(() => signedVapi('acme', vapiReport('h-v', overrides)));
    expect(problem.field).toBe(field);
  });

  it('Vapi: a time in the call object out of range is a 400 naming it', async () => {
    const payload = vapiReport('h-v2', { startedAt: undefined }, { startedAt: '0000-12-31T00:00:00Z' });
    expect((await refused(() => signedVapi('acme', payload))).field).toBe('message.call.startedAt');
  });
});

describe('what a request sends is never echoed at length', () => {
  it('cuts an unknown platform name of 10,000 characters in the 404', async () => {
    for (const platform of ['z'.repeat(10_000), `%ZZ${'z'.repeat(10_000)}`, `a%00${'z'.repeat(10_000)}`]) {
      const answer = await post(`/v1/connectors/${platform}/acme`, {}, '{}');
      expect(answer.status).toBe(404);
      expect(answer.bytes).toBeLessThan(300);
      expect(JSON.parse(answer.text).error).toMatch(
        /^no connector for "[^"]*\.\.\."; the platforms are retell, vapi, twilio$/,
      );
    }
  });

  it('cuts a campaign id of 10,000 characters in the 400', async () => {
    const path = `/v1/connectors/twilio/acme?campaign_id=${'c'.repeat(10_000)}&bot_id=b`;
    const fields = twilioStatus('CAh3', 'completed');
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${s.publicBaseUrl}${path}`, fields);
    const answer = await post(
      path,
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      new URLSearchParams(fields).toString(),
    );
    expect(answer.status).toBe(400);
    expect(answer.bytes).toBeLessThan(1024);
  });
});
