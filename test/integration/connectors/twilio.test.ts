import twilio from 'twilio';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { findCall } from '../../../src/storage/calls';
import { ConnectorServer, postTo, setUpConnector, startConnectorServer } from '../../support/connector-server';
import { twilioStatus } from '../../support/platform-payloads';

const AUTH_TOKEN = 'twilio-auth-token-0123456789abcdef';
let s: ConnectorServer;

beforeAll(async () => {
  s = await startConnectorServer();
  await setUpConnector(s.t, 'acme', 'twilio', AUTH_TOKEN);
});
afterAll(() => s.close());

const PATH = '/v1/connectors/twilio/acme?campaign_id=tw-1&bot_id=bot-twilio';

/**
 * Posts the form as Twilio does: signed with twilio's own getExpectedTwilioSignature over the URL Twilio
 * called, which is the public one (PUBLIC_BASE_URL), not the address the request reaches behind the proxy.
 */
async function post(
  fields: Record<string, string>,
  options: { path?: string; token?: string; signedUrl?: string; signature?: string | null } = {},
) {
  const path = options.path ?? PATH;
  const signedUrl = options.signedUrl ?? `${s.publicBaseUrl}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.token ?? AUTH_TOKEN, signedUrl, fields)
      : options.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return postTo(s, path, headers, new URLSearchParams(fields).toString());
}

describe('POST /v1/connectors/twilio/<account_id>', () => {
  it('stores a completed call of the status callback, checked over the public URL and sorted fields', async () => {
    const fields = twilioStatus('CA0001', 'completed', {
      RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC01/Recordings/RE01',
    });
    expect(
      twilio.validateRequest(
        AUTH_TOKEN,
        twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${s.publicBaseUrl}${PATH}`, fields),
        `${s.publicBaseUrl}${PATH}`,
        fields,
      ),
    ).toBe(true);
    expect(await post(fields)).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, updated: 0 } });
    const row = await findCall(s.t.db, 'acme', 'CA0001');
    expect(row).toMatchObject({
      campaign_id: 'tw-1',
      bot_id: 'bot-twilio',
      customer_id: '+84909876543',
      result_code: 'COMPLETED',
      status: 'successful',
      attempt: 1,
    });
    expect(Number(row?.call_duration_ms)).toBe(75_000);
    expect(new Date(row?.ended_at as string).toISOString()).toBe('2026-11-20T03:02:00.000Z');
  });

  it('maps busy, no-answer, canceled and failed calls to BS, NA, NA and CU, and counts the callbacks', async () => {
    for (const [sid, status] of [
      ['CA0002', 'busy'],
      ['CA0003', 'no-answer'],
      ['CA0004', 'canceled'],
      ['CA0005', 'failed'],
    ]) {
      expect((await post(twilioStatus(sid, status))).status).toBe(202);
    }
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'tw-1');
    expect(report.overview.calls).toMatchObject({
      total: 5,
      successful: 1,
      busy: 1,
      noAnswer: 2,
      error: 1,
      callbacks: 4,
    });
    expect(report.overview.customers).toMatchObject({ total: 1, approached: 1 });
  });

  it('answers 204 to progress callbacks and 400 when the URL lacks the campaign', async () => {
    expect((await post(twilioStatus('CA0006', 'ringing'))).status).toBe(204);
    expect((await post(twilioStatus('CA0006', 'in-progress'))).status).toBe(204);
    const noCampaign = await post(twilioStatus('CA0007', 'completed'), { path: '/v1/connectors/twilio/acme?bot_id=b' });
    expect(noCampaign).toEqual({
      status: 400,
      body: {
        errors: [{ index: null, field: 'campaign_id', message: expect.stringContaining('?campaign_id=') }],
        errors_total: 1,
      },
    });
    expect(await findCall(s.t.db, 'acme', 'CA0006')).toBeNull();
  });

  it('refuses a signature over another URL, another token, changed fields or none with 401, storing nothing', async () => {
    const before = await s.callCount();
    const fields = twilioStatus('CA0099', 'completed');
    expect((await post(fields, { signedUrl: `${s.base}${PATH}` })).status).toBe(401);
    expect((await post(fields, { token: 'another-token' })).status).toBe(401);
    expect((await post(fields, { signature: null })).status).toBe(401);
    const signedForOther = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${s.publicBaseUrl}${PATH}`, {
      ...fields,
      CallStatus: 'busy',
    });
    expect((await post(fields, { signature: signedForOther })).status).toBe(401);
    expect(await s.callCount()).toBe(before);
  });

  it('accepts the URL with the default port, as Twilio may sign it', async () => {
    const fields = twilioStatus('CA0100', 'no-answer');
    expect((await post(fields, { signedUrl: `https://bot.example.com:443${PATH}` })).status).toBe(202);
  });
});
