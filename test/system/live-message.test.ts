import { randomBytes } from 'node:crypto';
import { signWebhookBody } from '../../src/domain/webhook-signature';
import { subscribe } from '../../src/storage/subscriptions';
import { TestDb, createTestDb } from '../support/test-db';
import { freePort } from '../support/free-port';
import { FakeSlack, startFakeSlack } from '../support/fakes/fake-slack';
import {
  TEST_REDIS_URL,
  clearQueuePrefix,
  uniquePrefix,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { buildOnce } from './support/build-once';
import { ServerProcess, runCliProcess, startBuiltServer, untilHealthy } from './support/processes';

/**
 * The built server as `npm start` runs it (every role in one process) with the fake Slack: a channel
 * subscribed with `live` sees the campaign's live message appear at its first call, change as calls
 * arrive, and become the final report when the campaign completes, in one message.
 */
jest.setTimeout(240_000);

const CAMPAIGN = 'sys-live-1';

function call(i: number): Record<string, unknown> {
  return {
    type: 'call.completed',
    call_id: `sys-live-${i}`,
    campaign_id: CAMPAIGN,
    bot_id: 'bot-sys',
    campaign_name: 'System live',
    customer_id: `cus-${i}`,
    started_at: `2026-12-06T03:00:${String(i).padStart(2, '0')}Z`,
    answered_at: i % 2 === 0 ? `2026-12-06T03:00:${String(i + 5).padStart(2, '0')}Z` : null,
    ended_at: `2026-12-06T03:01:${String(i).padStart(2, '0')}Z`,
    result_code: i % 2 === 0 ? 'PAID' : 'NA',
  };
}

let t: TestDb;
let slack: FakeSlack;
let server: ServerProcess | undefined;
let env: Record<string, string>;
let queuePrefix: string;

async function postSigned(secret: string, events: unknown[]): Promise<void> {
  const body = JSON.stringify(events);
  const response = await fetch(`${server?.base}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-voicebot-account': 'acme',
      'x-voicebot-signature': signWebhookBody(secret, Math.floor(Date.now() / 1000), body),
    },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  expect(response.status).toBe(202);
}

beforeAll(async () => {
  await buildOnce();
  t = await createTestDb({ migrated: false });
  slack = await startFakeSlack();
  queuePrefix = uniquePrefix('syslive');
  env = {
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RECORDING_LINK_SECRET: randomBytes(24).toString('base64'),
    QUICKCHART_BASE_URL: 'off',
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: 'xoxb-system-live',
    SLACK_SIGNING_SECRET: 'system-live-signing-secret',
    LIVE_UPDATE_SECONDS: '2',
    COMPLETION_CHECK_SECONDS: '1',
    COMPLETION_SETTLE_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await slack?.close();
  await clearQueuePrefix(queuePrefix);
  await t?.drop();
}, 60_000);

describe('npm start with a live subscription', () => {
  it('shows a live message at the first call, edits it, and turns it into the final report', async () => {
    const migrated = await runCliProcess(['migrate'], env);
    expect(migrated.code).toBe(0);
    const secret = (await runCliProcess(['account', 'acme', '--new-ingest-secret'], env)).stdout.trim();
    await subscribe(t.db, {
      accountId: 'acme',
      platform: 'slack',
      workspaceId: 'T0FAKE',
      destination: 'C0SYSLIVE',
      target: { kind: 'all', id: '' },
      summaries: true,
      digest: false,
      live: true,
      alerts: false,
      createdBy: 'U0SYS',
    });
    server = startBuiltServer(await freePort(), env);
    await untilHealthy(server);

    await postSigned(secret, [call(0)]);
    const post = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SYSLIVE' && c.status === 200,
      60_000,
    );
    const ts = (post.response as { ts: string }).ts;
    expect(String(post.body.text)).toMatch(/^Live: System live/);
    expect(String(post.body.text)).toContain('1 call,');

    await postSigned(secret, [call(1), call(2)]);
    const edit = await slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === ts && String(c.body.text).includes('3 calls'),
      60_000,
    );
    expect(String(edit.body.text)).toMatch(/^Live:/);

    await postSigned(secret, [
      { type: 'campaign.completed', campaign_id: CAMPAIGN, bot_id: 'bot-sys', at: new Date().toISOString() },
    ]);
    const final = await slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === ts && !String(c.body.text).startsWith('Live:'),
      60_000,
    );
    expect(String(final.body.text)).toContain('System live (Complete');
    await waitUntil(
      async () => (await t.db('deliveries').where({ destination: 'C0SYSLIVE', live: false }).first()) as unknown,
      20_000,
      'live ended',
    );
    expect(slack.messages('C0SYSLIVE')).toHaveLength(1);
    expect(
      slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SYSLIVE' && c.status === 200),
    ).toHaveLength(1);
    const stopped = await server.stop();
    expect(stopped.code).toBe(0);
  });
});
