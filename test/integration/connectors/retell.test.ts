import { sign } from 'retell-sdk';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { findCall } from '../../../src/storage/calls';
import { findVoicebot } from '../../../src/storage/voicebots';
import { ConnectorServer, postTo, setUpConnector, startConnectorServer } from '../../support/connector-server';
import {
  RetellWebhook,
  RetellWebhookCall,
  retellAnalysis,
  retellCall,
  retellUnconnected,
} from '../../support/platform-payloads';
import { footnoteTexts, messagesOf } from '../../../src/render/report-figures';

const API_KEY = 'key_retell_webhook_badge';
let s: ConnectorServer;

beforeAll(async () => {
  s = await startConnectorServer();
  await setUpConnector(s.t, 'acme', 'retell', API_KEY, 'call_outcome');
  await setUpConnector(s.t, 'other', 'retell', 'key_of_another_account');
});
afterAll(() => s.close());
afterEach(() => {
  s.clock.now = undefined;
});

async function post(
  payload: RetellWebhook | string,
  options: { account?: string; key?: string; signature?: string | null } = {},
) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? await sign(body, options.key ?? API_KEY) : options.signature;
  if (signature !== null) headers['x-retell-signature'] = signature;
  return postTo(s, `/v1/connectors/retell/${options.account ?? 'acme'}`, headers, body);
}

const ended = (call: RetellWebhookCall): RetellWebhook => ({ event: 'call_ended', call });
const analyzed = (call: RetellWebhookCall, outcome: Record<string, unknown>): RetellWebhook => ({
  event: 'call_analyzed',
  call: { ...call, call_analysis: retellAnalysis(outcome) },
});

describe('POST /v1/connectors/retell/<account_id>', () => {
  it('stores a call_ended signed by retell-sdk as one call record of the batch', async () => {
    expect(await post(ended(retellCall('r-1')))).toEqual({
      status: 202,
      body: { accepted: 1, duplicates: 0, updated: 0 },
    });
    const row = await findCall(s.t.db, 'acme', 'r-1');
    expect(row).toMatchObject({
      campaign_id: 'batch_retell_1',
      bot_id: 'agent_oBeDLoLOeuAbiuaM',
      customer_id: 'cus-r-1',
      phone: '+84901234567',
      attempt: 1,
      result_code: 'USER_HANGUP',
      status: 'successful',
      messages: 2,
      recording_url: 'https://dxc03zgurdly9.cloudfront.net/r-1/recording.wav',
    });
    expect(Number(row?.call_duration_ms)).toBe(65_432);
    expect(Number(row?.cost)).toBe(0.125);
    expect((await findVoicebot(s.t.db, 'acme', 'agent_oBeDLoLOeuAbiuaM'))?.currency).toBe('USD');
    expect(s.ingestedAccounts).toContain('acme');
  });

  it('enriches the record with call_analyzed (the business outcome) without counting the call twice, in either order', async () => {
    const call = retellCall('r-2');
    expect((await post(ended(call))).body).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
    expect((await post(analyzed(call, { call_outcome: 'paid' }))).body).toEqual({
      accepted: 0,
      duplicates: 0,
      updated: 1,
    });
    expect((await post(ended(call))).body).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
    expect((await findCall(s.t.db, 'acme', 'r-2'))?.result_code).toBe('PAID');

    const reversed = retellCall('r-3', { batch_call_id: 'batch_retell_2' });
    expect((await post(analyzed(reversed, { call_outcome: 'promise' }))).body).toEqual({
      accepted: 1,
      duplicates: 0,
      updated: 0,
    });
    expect((await post(ended(reversed))).body).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
    expect((await findCall(s.t.db, 'acme', 'r-3'))?.result_code).toBe('PROMISE');
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_retell_2');
    expect(report.overview.calls).toMatchObject({ total: 1, successful: 1 });
    expect(report.overview.resultCodes).toEqual([{ code: 'PROMISE', count: 1 }]);
  });

  it('maps calls that never connected to BS, NA and CU with no answer time', async () => {
    const campaign = { batch_call_id: 'batch_dial' };
    for (const [id, reason] of [
      ['r-busy', 'dial_busy'],
      ['r-na', 'dial_no_answer'],
      ['r-failed', 'dial_failed'],
      ['r-invalid', 'invalid_destination'],
      ['r-carrier', 'telephony_provider_unavailable'],
    ] as const) {
      expect((await post(ended(retellUnconnected(id, reason, campaign)))).status).toBe(202);
    }
    const codes = await s.t
      .db('calls')
      .whereIn('call_id', ['r-busy', 'r-na', 'r-failed', 'r-invalid', 'r-carrier'])
      .orderBy('call_id')
      .select('call_id', 'result_code', 'answered_at', 'call_duration_ms');
    expect(codes.map((c) => [c.call_id, c.result_code, c.answered_at, Number(c.call_duration_ms)])).toEqual([
      ['r-busy', 'BS', null, 0],
      ['r-carrier', 'CU', null, 0],
      ['r-failed', 'CU', null, 0],
      ['r-invalid', 'CU', null, 0],
      ['r-na', 'NA', null, 0],
    ]);
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_dial');
    expect(report.overview.calls).toMatchObject({ total: 5, successful: 0, busy: 1, noAnswer: 1, error: 3 });
    expect(report.unmappedReasons).toEqual([]);
  });

  it('counts attempts per customer in the campaign, stable when the platform sends a call again', async () => {
    const campaign = { batch_call_id: 'batch_retry', metadata: { customer_id: 'cus-retry' } };
    await post(ended(retellUnconnected('r-try-1', 'dial_no_answer', campaign)));
    await post(
      ended(
        retellCall('r-try-2', {
          ...campaign,
          start_timestamp: Date.parse('2026-11-20T05:00:00Z'),
          end_timestamp: Date.parse('2026-11-20T05:01:00Z'),
        }),
      ),
    );
    expect((await post(ended(retellUnconnected('r-try-1', 'dial_no_answer', campaign)))).body).toEqual({
      accepted: 0,
      duplicates: 1,
      updated: 0,
    });
    const attempts = await s.t
      .db('calls')
      .whereIn('call_id', ['r-try-1', 'r-try-2'])
      .orderBy('call_id')
      .pluck('attempt');
    expect(attempts).toEqual([1, 2]);
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_retry');
    expect(report.overview.calls).toMatchObject({ total: 2, callbacks: 1 });
    expect(report.overview.customers).toMatchObject({ total: 1, approached: 1 });
  });

  it('takes the campaign from metadata.campaign_id and the customer from the dialled number when metadata has none', async () => {
    await post(ended(retellCall('r-meta', { batch_call_id: undefined, metadata: { campaign_id: 'meta-campaign' } })));
    expect(await findCall(s.t.db, 'acme', 'r-meta')).toMatchObject({
      campaign_id: 'meta-campaign',
      customer_id: '+84901234567',
    });
  });

  it('stores a reason it does not know, counts it as unmapped and flags it in the report', async () => {
    const call = retellCall('r-new', {
      batch_call_id: 'batch_new',
      disconnection_reason: 'moon_phase' as RetellWebhookCall['disconnection_reason'],
    });
    expect((await post(ended(call))).status).toBe(202);
    expect((await findCall(s.t.db, 'acme', 'r-new'))?.result_code).toBe('MOON_PHASE');
    const report = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_new');
    expect(report.unmappedReasons).toEqual([{ platform: 'retell', reason: 'moon_phase', calls: 1 }]);
    expect(report.footnotes).toContain('unmappedReasons');
    expect(footnoteTexts(report.footnotes, messagesOf(report), report.unmappedReasons).join(' ')).toContain(
      'retell "moon_phase" (1)',
    );
  });

  it('refuses a wrong, missing, stale or another account’s signature with 401, storing nothing', async () => {
    const before = await s.callCount();
    const payload = ended(retellCall('r-forged'));
    expect((await post(payload, { key: 'guess' })).status).toBe(401);
    expect((await post(payload, { key: 'key_of_another_account' })).status).toBe(401);
    expect((await post(payload, { signature: null })).status).toBe(401);
    expect((await post(payload, { signature: 'v=1,d=zz' })).status).toBe(401);
    expect((await post(payload, { account: 'nobody' })).status).toBe(401);
    const signature = await sign(JSON.stringify(payload), API_KEY);
    s.clock.now = new Date(Date.now() + 5 * 60 * 1000 + 2000);
    const stale = await post(payload, { signature });
    expect(stale.status).toBe(401);
    expect(String(stale.body?.error)).toContain('5 minutes');
    expect(await s.callCount()).toBe(before);
  });

  it('answers 204 to events it does not use and 400 with the reason to malformed calls, storing nothing', async () => {
    const before = await s.callCount();
    expect((await post({ event: 'call_started', call: retellCall('r-started') })).status).toBe(204);
    const notJson = await post('{"event": "call_ended", ');
    expect(notJson.status).toBe(400);
    const noCampaign = await post(ended(retellCall('r-nocampaign', { batch_call_id: undefined, metadata: {} })));
    expect(noCampaign).toEqual({
      status: 400,
      body: {
        errors: [
          { index: null, field: 'call.metadata.campaign_id', message: expect.stringContaining('batch_call_id') },
        ],
        errors_total: 1,
      },
    });
    const badUrl = await post(ended(retellCall('r-badurl', { recording_url: 'ftp://example.com/a.wav' })));
    expect(badUrl).toEqual({
      status: 400,
      body: {
        errors: [{ index: null, field: 'recording_url', message: expect.stringContaining('https://') }],
        errors_total: 1,
      },
    });
    expect(await s.callCount()).toBe(before);
  });
});
