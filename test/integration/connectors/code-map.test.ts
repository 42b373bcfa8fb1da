import { Readable } from 'node:stream';
import { sign } from 'retell-sdk';
import { runCli } from '../../../src/cli/run-cli';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { findCall } from '../../../src/storage/calls';
import { rebuildRollups } from '../../../src/storage/rebuild-rollups';
import { captureOutput } from '../../support/captured-output';
import { CONNECTOR_KEY, ConnectorServer, startConnectorServer } from '../../support/connector-server';
import { RetellWebhookCall, retellCall, retellUnconnected } from '../../support/platform-payloads';

const API_KEY = 'key_retell_from_stdin';
let s: ConnectorServer;
let env: NodeJS.ProcessEnv;
const output = captureOutput();

beforeAll(async () => {
  s = await startConnectorServer();
  env = {
    DATABASE_URL: s.t.url,
    APP_ENCRYPTION_KEY: CONNECTOR_KEY.toString('base64'),
    PUBLIC_BASE_URL: 'https://bot.example.com',
  };
});
afterAll(() => s.close());

const cli = (argv: string[], input = '') => runCli(argv, env, Readable.from([input]));

async function postRetell(call: RetellWebhookCall): Promise<number> {
  const body = JSON.stringify({ event: 'call_ended', call });
  const response = await fetch(`${s.base}/v1/connectors/retell/acme`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-retell-signature': await sign(body, API_KEY) },
    body,
  });
  return response.status;
}

/** Every rollup of the account as ingest left it, and as a rebuild from the calls makes it. */
async function rollupsNowAndRebuilt() {
  const read = async () => ({
    campaigns: await s.t.db('campaign_rollups').where('account_id', 'acme').orderBy('campaign_id'),
    codes: await s.t
      .db('campaign_result_codes')
      .where('account_id', 'acme')
      .andWhere('calls', '>', 0)
      .orderBy(['campaign_id', 'result_code']),
    customers: await s.t
      .db('campaign_customers')
      .where('account_id', 'acme')
      .andWhere('calls', '>', 0)
      .orderBy(['campaign_id', 'customer_id']),
  });
  const now = await read();
  await s.t.db.transaction((trx) => rebuildRollups(trx, 'acme'));
  return { now, rebuilt: await read() };
}

const CAMPAIGN = { batch_call_id: 'batch_codes' };

describe('connector, codes and code-map (docs/connectors.md)', () => {
  it('connector sets the secret from standard input, sealed, and prints the URL to give the platform', async () => {
    expect(await cli(['account', 'acme'])).toBe(0);
    expect(await cli(['connector', 'retell', '--account', 'acme'])).toBe(2);
    expect(output.stderr).toContain('standard input');
    expect(
      await cli(['connector', 'retell', '--account', 'acme', '--outcome-field', 'call_outcome'], `${API_KEY}\n`),
    ).toBe(0);
    expect(output.stdout).toContain('https://bot.example.com/v1/connectors/retell/acme');
    const row = await s.t.db('connector_settings').where({ account_id: 'acme', platform: 'retell' }).first();
    expect(row.secret_enc).not.toContain(API_KEY);
    expect(row.outcome_field).toBe('call_outcome');
    expect(await cli(['connector', 'zoom', '--account', 'acme'], 'x')).toBe(2);
    expect(output.stderr).toContain('retell, vapi, twilio');
  });

  it('the connector answers with the secret given on standard input', async () => {
    expect(await postRetell(retellCall('cm-1', { ...CAMPAIGN, disconnection_reason: 'voicemail_reached' }))).toBe(202);
    expect(
      await postRetell(
        retellCall('cm-2', {
          ...CAMPAIGN,
          disconnection_reason: 'moon_phase' as RetellWebhookCall['disconnection_reason'],
        }),
      ),
    ).toBe(202);
    expect(
      await postRetell(
        retellCall('cm-3', {
          ...CAMPAIGN,
          disconnection_reason: 'moon_phase' as RetellWebhookCall['disconnection_reason'],
        }),
      ),
    ).toBe(202);
    expect(await postRetell(retellUnconnected('cm-4', 'dial_busy', CAMPAIGN))).toBe(202);
  });

  it('codes lists every reason seen, how often, and what it maps to', async () => {
    expect(await cli(['codes', '--account', 'acme', '--json'])).toBe(0);
    expect(JSON.parse(output.stdout)).toEqual([
      {
        platform: 'retell',
        reason: 'dial_busy',
        calls: 1,
        resultCode: 'BS',
        source: 'default',
        note: 'default for busy',
      },
      {
        platform: 'retell',
        reason: 'moon_phase',
        calls: 2,
        resultCode: 'CU or MOON_PHASE',
        source: 'unmapped',
        note: expect.stringContaining('code-map'),
      },
      {
        platform: 'retell',
        reason: 'voicemail_reached',
        calls: 1,
        resultCode: 'VOICEMAIL_REACHED',
        source: 'outcome-field',
        note: expect.stringContaining('call_outcome'),
      },
    ]);
    output.stdout = '';
    expect(await cli(['codes', '--account', 'acme'])).toBe(0);
    expect(output.stdout).toContain('1 reason(s) unmapped');
    output.stdout = '';
    expect(await cli(['report', 'batch_codes', '--account', 'acme'])).toBe(0);
    expect(output.stdout).toContain('retell "moon_phase" (2)');
  });

  it('code-map re-derives the stored calls and every figure, like a correction', async () => {
    const before = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_codes');
    expect(before.overview.calls).toMatchObject({ total: 4, successful: 3, noAnswer: 0, busy: 1 });
    expect(before.unmappedReasons).toEqual([{ platform: 'retell', reason: 'moon_phase', calls: 2 }]);

    expect(await cli(['code-map', 'retell', 'voicemail_reached', 'na', '--account', 'acme'])).toBe(0);
    expect(output.stdout).toContain('1 stored call(s) re-derived');
    expect(await findCall(s.t.db, 'acme', 'cm-1')).toMatchObject({
      result_code: 'NA',
      status: 'unsuccessful',
      answered_at: null,
    });
    expect(Number((await findCall(s.t.db, 'acme', 'cm-1'))?.call_duration_ms)).toBe(0);

    expect(await cli(['code-map', 'retell', 'moon_phase', 'CU', '--account', 'acme'])).toBe(0);
    const after = await loadCampaignReport({ db: s.t.db }, 'acme', 'batch_codes');
    expect(after.overview.calls).toMatchObject({ total: 4, successful: 0, noAnswer: 1, busy: 1, error: 2 });
    expect(after.overview.costs.totalCallDurationMs).toBe(0);
    expect(after.unmappedReasons).toEqual([]);
    const { now, rebuilt } = await rollupsNowAndRebuilt();
    expect(now).toEqual(rebuilt);

    expect(await postRetell(retellCall('cm-5', { ...CAMPAIGN, disconnection_reason: 'voicemail_reached' }))).toBe(202);
    expect((await findCall(s.t.db, 'acme', 'cm-5'))?.result_code).toBe('NA');
  });

  it('code-map refuses an answered code for a reason whose calls never connected, changing nothing', async () => {
    expect(await cli(['code-map', 'retell', 'dial_busy', 'PAID', '--account', 'acme'])).toBe(2);
    expect(output.stderr).toContain('BS, NA or CU');
    expect((await findCall(s.t.db, 'acme', 'cm-4'))?.result_code).toBe('BS');
    expect(await s.t.db('connector_code_map').where({ account_id: 'acme', reason: 'dial_busy' })).toEqual([]);
  });
});
