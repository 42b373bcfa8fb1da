import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { createHttpApp } from '../../../src/http/create-app';
import { webhookRouter } from '../../../src/http/webhook-route';
import { createDeliveryNotifier } from '../../../src/jobs/delivery-notifier';
import { DeliveryHarness, startDeliveryHarness } from './support/delivery-harness';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  LINK_SECRET,
  TEST_REDIS_URL,
  createAccount,
  ledger,
  subscribeSlack,
  testLogger,
  waitUntil,
} from './support/delivery-env';
import { WorkerChild, spawnWorkerChild } from '../../faults/support/child-process';

/**
 * Two web servers (each with its own notifier) take the calls of three campaigns at once, and two
 * workers (one here, one its own process) run the watches and deliveries: every channel holds one
 * message per campaign, from the live post to the final report, never two.
 */
const ACCOUNT = 'twice';
const SECRET = 'twice-ingest-secret';
const CAMPAIGNS = ['dup-1', 'dup-2', 'dup-3'];
const CHANNELS = ['C0TWA', 'C0TWB'];

let h: DeliveryHarness;
let second: http.Server;
let secondBase: string;
let secondNotifier: ReturnType<typeof createDeliveryNotifier>;
let otherWorker: WorkerChild;

async function post(base: string, events: unknown[]): Promise<void> {
  const body = JSON.stringify(events);
  const signature = signWebhookBody(SECRET, Math.floor(Date.now() / 1000), body);
  const res = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-voicebot-account': ACCOUNT, 'x-voicebot-signature': signature },
    body,
  });
  expect(res.status).toBe(202);
}

function callOf(campaignId: string, i: number): Record<string, unknown> {
  const startedAt = new Date(Date.UTC(2026, 11, 6, 9, 0, i * 7));
  return {
    type: 'call.completed',
    call_id: `${campaignId}-${i}`,
    campaign_id: campaignId,
    bot_id: 'bot-1',
    customer_id: `cus-${i % 5}`,
    attempt: 1 + Math.floor(i / 5),
    started_at: startedAt.toISOString(),
    answered_at: null,
    ended_at: new Date(startedAt.getTime() + 20_000).toISOString(),
    result_code: i % 3 === 0 ? 'CU' : 'NA',
    messages: 0,
  };
}

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'livetwice', env: { LIVE_UPDATE_SECONDS: '1' } });
  await createAccount(h.t.db, ACCOUNT, { ingestSecretSealed: encryptSecret(SECRET, h.config.encryptionKey as Buffer) });
  for (const channel of CHANNELS)
    await subscribeSlack(h.t.db, ACCOUNT, channel, { kind: 'all', id: '' }, { live: true });
  secondNotifier = createDeliveryNotifier({ config: h.config, logger: testLogger, queuePrefix: h.prefix });
  const app = createHttpApp(
    [
      webhookRouter({
        db: h.t.db,
        encryptionKey: h.config.encryptionKey,
        logger: testLogger,
        onIngested: secondNotifier.onIngested,
      }),
    ],
    testLogger,
  );
  second = http.createServer(app);
  await new Promise<void>((resolve) => second.listen(0, '127.0.0.1', resolve));
  secondBase = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
  otherWorker = await spawnWorkerChild({
    env: {
      DATABASE_URL: h.t.url,
      REDIS_URL: TEST_REDIS_URL,
      SLACK_API_URL: h.slack.apiUrl,
      QUICKCHART_BASE_URL: 'off',
      RECORDING_LINK_SECRET: LINK_SECRET,
      PUBLIC_BASE_URL: 'http://reports.test',
      LIVE_UPDATE_SECONDS: '1',
      LOG_LEVEL: 'silent',
    },
    prefix: h.prefix,
    settings: FAST_SETTINGS,
    roles: ['worker'],
    botToken: BOT_TOKEN,
  });
}, 60_000);

afterAll(async () => {
  await otherWorker?.kill9();
  await secondNotifier?.close();
  second?.closeAllConnections();
  await new Promise<void>((resolve) => (second ? second.close(() => resolve()) : resolve()));
  await h?.stop();
}, 30_000);

describe('two web servers and two workers', () => {
  it('never double a live message, and end it as the final report', async () => {
    const bases = [h.baseUrl, secondBase];
    const sends: Promise<void>[] = [];
    for (let i = 0; i < 12; i += 1) {
      for (const [k, campaignId] of CAMPAIGNS.entries()) sends.push(post(bases[(i + k) % 2], [callOf(campaignId, i)]));
    }
    await Promise.all(sends);
    await waitUntil(
      async () => {
        const rows = await ledger(h.t.db, ACCOUNT);
        return rows.length === CAMPAIGNS.length * CHANNELS.length && rows.every((r) => r.status === 'done');
      },
      30_000,
      'every live message posted',
    );
    for (const campaignId of CAMPAIGNS) {
      await post(bases[0], [
        { type: 'campaign.completed', campaign_id: campaignId, bot_id: 'bot-1', at: new Date().toISOString() },
      ]);
    }
    await waitUntil(
      async () => (await h.t.db('deliveries').where({ account_id: ACCOUNT, live: true })).length === 0,
      40_000,
      'every live message turned into its final report',
    );
    for (const channel of CHANNELS) {
      const messages = h.slack.messages(channel);
      expect(messages).toHaveLength(CAMPAIGNS.length);
      const posts = h.slack.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.body.channel === channel && c.status === 200,
      );
      expect(posts).toHaveLength(CAMPAIGNS.length);
      for (const message of messages) {
        expect(message.text).not.toMatch(/^Live:/);
        expect(message.text).toContain('12 calls');
      }
    }
  }, 120_000);
});
