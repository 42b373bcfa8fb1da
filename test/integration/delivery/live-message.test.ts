import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { DeliveryHarness, startDeliveryHarness } from './support/delivery-harness';
import { TEST_REDIS_URL, createAccount, ledger, subscribeSlack, waitUntil } from './support/delivery-env';
import type { SlackCall } from '../../support/fakes/fake-slack';

/**
 * The live message (docs/live.md) through the signed webhook, the real worker, PostgreSQL, Redis and the
 * fake Slack, with LIVE_UPDATE_SECONDS=2.
 */

const ACCOUNT = 'live-co';
const INGEST_SECRET = 'live-co-ingest-secret';
const CAMPAIGN = 'live-1';
const INTERVAL_MS = 2_000;

let h: DeliveryHarness;

async function postEvents(events: unknown[]): Promise<void> {
  const body = JSON.stringify(events);
  const signature = signWebhookBody(INGEST_SECRET, Math.floor(Date.now() / 1000), body);
  const res = await fetch(`${h.baseUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-voicebot-account': ACCOUNT, 'x-voicebot-signature': signature },
    body,
  });
  expect(res.status).toBe(202);
}

/** One call of the hand-made campaign: started at 10:<minute> UTC on 2026-12-06. */
function call(n: number, minute: number, customer: string, code: string, attempt = 1): Record<string, unknown> {
  const startedAt = new Date(Date.UTC(2026, 11, 6, 10, minute));
  const answered = !['NA', 'BS', 'CU'].includes(code);
  return {
    type: 'call.completed',
    call_id: `${CAMPAIGN}-${n}`,
    campaign_id: CAMPAIGN,
    campaign_name: 'Live reminders',
    bot_id: 'bot-live',
    customer_id: customer,
    attempt,
    started_at: startedAt.toISOString(),
    answered_at: answered ? new Date(startedAt.getTime() + 5_000).toISOString() : null,
    ended_at: new Date(startedAt.getTime() + (answered ? 65_000 : 20_000)).toISOString(),
    result_code: code,
    messages: answered ? 4 : 0,
  };
}

async function reportJson(): Promise<Record<string, unknown>> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    expect(await runCli(['report', CAMPAIGN, '--account', ACCOUNT, '--json'], { DATABASE_URL: h.t.url })).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out) as Record<string, unknown>;
}

const liveCalls = (channel: string, method: string) =>
  h.slack.calls.filter((c) => c.method === method && c.body.channel === channel && c.status === 200);

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'live', env: { LIVE_UPDATE_SECONDS: String(INTERVAL_MS / 1000) } });
  await createAccount(h.t.db, ACCOUNT, {
    ingestSecretSealed: encryptSecret(INGEST_SECRET, h.config.encryptionKey as Buffer),
  });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0LIVE', { kind: 'all', id: '' }, { live: true, createdBy: 'U0OPS' });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0SUMMARY', { kind: 'all', id: '' }, { live: false });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

describe('the live message', () => {
  let ts: string;

  it('is posted once at the first call, with the live progress and why it was sent', async () => {
    await postEvents([
      {
        type: 'campaign.started',
        campaign_id: CAMPAIGN,
        bot_id: 'bot-live',
        customers_total: 10,
        at: new Date().toISOString(),
      },
      call(0, 0, 'cus-A', 'PAID'),
    ]);
    const post = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0LIVE', 20_000);
    ts = (post.response as { ts: string }).ts;
    expect(post.body.text).toContain('Live: Live reminders');
    const blocks = JSON.stringify(post.body.blocks);
    expect(blocks).toContain('1 of 10 customers called');
    expect(blocks).toContain('updated every 2 s until the campaign completes');
    expect(blocks).toContain('subscribed by <@U0OPS>');
    expect((post.body.metadata as { event_payload: { delivery_id: string } }).event_payload.delivery_id).toBe(
      (await ledger(h.t.db, ACCOUNT)).find((r) => r.destination === 'C0LIVE')?.id,
    );
    expect(h.slack.messages('C0SUMMARY')).toHaveLength(0);
  }, 40_000);

  it('shows the progress of docs/metrics.md at exact points (report --json and the edited message)', async () => {
    // By hand: latest start 10:15, window (10:05, 10:15] holds calls 3, 4, 5 → 0.3 a minute; of its
    // customers only cus-D was first called in it → ETA = (10 − 4) / (1 / 10) = 60 minutes.
    // Answer rate 2/6 (PAID twice), error share 2/6 (CU twice). Call 2 at 10:05 is outside the window.
    const started = Date.now();
    for (const event of [
      call(1, 3, 'cus-B', 'NA'),
      call(2, 5, 'cus-C', 'CU'),
      call(3, 12, 'cus-A', 'PAID', 2),
      call(4, 14, 'cus-D', 'CU'),
      call(5, 15, 'cus-B', 'BS', 2),
    ]) {
      await postEvents([event]);
    }
    const json = await reportJson();
    expect(json.progress).toEqual({
      calls: 6,
      customersCalled: 4,
      customersTotal: 10,
      share: 0.4,
      callsPerMinute: 0.3,
      etaMinutes: 60,
      errorShare: 2 / 6,
    });
    const edit = await h.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === ts && String(c.body.text).includes('6 calls'),
      20_000,
    );
    const blocks = JSON.stringify(edit.body.blocks);
    expect(blocks).toContain('▰▰▰▰▱▱▱▱▱▱ 4 of 10 customers called (40.0%)');
    expect(blocks).toContain('33.3%'); // answer rate and error share so far
    expect(blocks).toContain('0.3');
    expect(blocks).toContain('60 minutes');
    // Five requests within a few seconds: edits coalesced, never closer together than LIVE_UPDATE_SECONDS.
    const edits = liveCalls('C0LIVE', 'chat.update');
    const elapsed = Date.now() - started;
    expect(edits.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL_MS) + 1);
    const times = [liveCalls('C0LIVE', 'chat.postMessage')[0].at, ...edits.map((c: SlackCall) => c.at)];
    for (let i = 1; i < times.length; i += 1) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(INTERVAL_MS - 50);
    expect(liveCalls('C0LIVE', 'chat.postMessage')).toHaveLength(1);
  }, 60_000);

  it('becomes the final report by an edit of the same message when the campaign completes; never a second post', async () => {
    await postEvents([
      {
        type: 'campaign.completed',
        campaign_id: CAMPAIGN,
        bot_id: 'bot-live',
        customers_total: 10,
        at: new Date().toISOString(),
      },
    ]);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SUMMARY', 30_000);
    const final = await h.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === ts && !String(c.body.text).startsWith('Live:'),
      30_000,
    );
    expect(String(final.body.text)).toContain('Live reminders (Complete');
    await waitUntil(
      async () => (await h.t.db('deliveries').where({ destination: 'C0LIVE', live: false }).first()) as unknown,
      10_000,
      'live ended',
    );
    const messages = h.slack.messages('C0LIVE');
    expect(messages).toHaveLength(1);
    expect(messages[0].ts).toBe(ts);
    expect(messages[0].text).not.toMatch(/^Live:/);
    expect(liveCalls('C0LIVE', 'chat.postMessage')).toHaveLength(1);
    expect(liveCalls('C0SUMMARY', 'chat.postMessage')).toHaveLength(1);
    expect((await reportJson()).progress).toBeNull();
    // The last edit of the live message is the final report: nothing after it.
    const last = liveCalls('C0LIVE', 'chat.update').at(-1);
    expect(last?.body.text).toBe(final.body.text);
  }, 60_000);

  it("starts for calls imported with the CLI into the server's database when REDIS_URL is set", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'live-import-')), 'calls.ndjson');
    const calls = [0, 1].map((n) => ({
      ...call(n, n, `cus-${n}`, 'PAID'),
      call_id: `imported-${n}`,
      campaign_id: 'imported-1',
    }));
    fs.writeFileSync(file, calls.map((c) => JSON.stringify(c)).join('\n'));
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const env = { DATABASE_URL: h.t.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: h.prefix };
      expect(await runCli(['import', file, '--account', ACCOUNT], env)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const post = await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === 'C0LIVE' &&
        (c.body.metadata as { event_payload?: { report_ref?: string } })?.event_payload?.report_ref === 'imported-1',
      20_000,
    );
    expect(String(post.body.text)).toContain('2 calls');
  }, 40_000);
});
