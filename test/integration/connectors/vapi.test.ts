import { createHmac } from 'node:crypto';
import type { Vapi } from '@vapi-ai/server-sdk';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { findCall } from '../../../src/storage/calls';
import { ConnectorServer, postTo, setUpConnector, startConnectorServer } from '../../support/connector-server';
import { vapiReport, vapiUnconnected } from '../../support/platform-payloads';

const SECRET = 'vapi-credential-secret';
let s: ConnectorServer;

beforeAll(async () => {
  s = await startConnectorServer();
  await setUpConnector(s.t, 'acme', 'vapi', SECRET, 'outcome');
});
afterAll(() => s.close());

/**
 * The two Vapi credentials docs/connectors.md asks for, as Vapi's own credential types: an HMAC plan that
 * signs the raw body alone (no timestamp) in hex into X-Vapi-Signature, or a bearer token.
 */
const hmacPlan = (secretKey: string): Vapi.HmacAuthenticationPlan => ({
  secretKey,
  algorithm: 'sha256',
  signatureHeader: 'x-vapi-signature',
  includeTimestamp: false,
  payloadFormat: '{body}',
  signatureEncoding: 'hex',
});
const bearerPlan = (token: string): Vapi.BearerAuthenticationPlan => ({
  token,
  headerName: 'Authorization',
  bearerPrefixEnabled: true,
});
const hmac = hmacPlan;

type Auth = Vapi.HmacAuthenticationPlan | Vapi.BearerAuthenticationPlan | null;

/** Signs as Vapi does with the plan: HMAC of payloadFormat with {body} replaced, in the plan's encoding and header. */
function credentialHeaders(auth: Auth, body: string): Record<string, string> {
  if (auth === null) return {};
  if ('token' in auth)
    return {
      [auth.headerName ?? 'Authorization']: auth.bearerPrefixEnabled === false ? auth.token : `Bearer ${auth.token}`,
    };
  const payload = (auth.payloadFormat ?? '{body}').replace('{body}', body);
  return {
    [auth.signatureHeader ?? 'x-signature']: createHmac(auth.algorithm, auth.secretKey)
      .update(payload)
      .digest(auth.signatureEncoding ?? 'hex'),
  };
}

async function post(payload: Vapi.ServerMessage | string, auth: Auth = hmacPlan(SECRET)) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...credentialHeaders(auth, body) };
  return postTo(s, '/v1/connectors/vapi/acme', headers, body);
}

describe('POST /v1/connectors/vapi/<account_id>', () => {
  it('stores an end-of-call-report signed with the HMAC credential, its outcome from analysis.structuredData', async () => {
    expect(await post(vapiReport('v-1'))).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, updated: 0 } });
    const row = await findCall(s.t.db, 'acme', 'v-1');
    expect(row).toMatchObject({
      campaign_id: 'camp_vapi_1',
      bot_id: 'asst_vapi_1',
      customer_id: '+84907654321',
      phone: '+84907654321',
      result_code: 'CONFIRMED',
      status: 'successful',
      messages: 2,
      recording_url: 'https://storage.vapi.ai/v-1-mono.wav',
    });
    expect(Number(row?.call_duration_ms)).toBe(66_500);
    expect(Number(row?.cost)).toBe(0.1234);
  });

  it('takes the bearer token credential too, and the same report again is a duplicate', async () => {
    expect((await post(vapiReport('v-1'), bearerPlan(SECRET))).body).toEqual({
      accepted: 0,
      duplicates: 1,
      updated: 0,
    });
  });

  it('falls back to the reason upper-cased when the outcome field is empty', async () => {
    await post(vapiReport('v-2', { analysis: { summary: 'No data.' } }));
    expect((await findCall(s.t.db, 'acme', 'v-2'))?.result_code).toBe('CUSTOMER-ENDED-CALL');
  });

  it('maps calls that never connected (busy, no answer, failed to connect) to BS, NA and CU', async () => {
    const campaign = { campaignId: 'camp_vapi_dial' };
    await post(vapiUnconnected('v-busy', 'customer-busy', campaign));
    await post(vapiUnconnected('v-na', 'customer-did-not-answer', campaign));
    await post(vapiUnconnected('v-fail', 'twilio-failed-to-connect-call', campaign));
    await post(vapiUnconnected('v-sip', 'call.in-progress.error-sip-outbound-call-failed-to-connect', campaign));
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'camp_vapi_dial');
    expect(report.overview.calls).toMatchObject({ total: 4, successful: 0, busy: 1, noAnswer: 1, error: 2 });
    expect(report.overview.dialingDurationMs).toBe(4 * 66_500);
  });

  it('takes campaign, bot and customer from the metadata of the assistant overrides', async () => {
    await post(
      vapiReport(
        'v-meta',
        {},
        { campaignId: undefined, assistantOverrides: { metadata: { campaign_id: 'meta-vapi', customer_id: 'cus-7' } } },
      ),
    );
    expect(await findCall(s.t.db, 'acme', 'v-meta')).toMatchObject({ campaign_id: 'meta-vapi', customer_id: 'cus-7' });
  });

  it('refuses a wrong or missing credential with 401 and answers 204 to other server messages, storing nothing', async () => {
    const before = await s.callCount();
    expect((await post(vapiReport('v-x'), hmac('guess'))).status).toBe(401);
    expect((await post(vapiReport('v-x'), bearerPlan('guess'))).status).toBe(401);
    expect((await post(vapiReport('v-x'), null)).status).toBe(401);
    const statusUpdate: Vapi.ServerMessage = { message: { type: 'status-update', status: 'in-progress' } };
    expect((await post(statusUpdate)).status).toBe(204);
    const noCall = await post({
      message: { ...vapiReport('v-y').message, call: undefined } as Vapi.ServerMessageEndOfCallReport,
    });
    expect(noCall).toEqual({
      status: 400,
      body: { errors: [{ index: null, field: 'message.call', message: expect.any(String) }], errors_total: 1 },
    });
    expect(await s.callCount()).toBe(before);
  });
});
