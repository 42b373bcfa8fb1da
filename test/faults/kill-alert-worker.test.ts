import { evaluateCampaignAlerts } from '../../src/jobs/alert-evaluation';
import { ChannelRegistry } from '../../src/jobs/channel-registry';
import { JobQueues, createJobQueues } from '../../src/jobs/job-queues';
import { jobSettings } from '../../src/jobs/job-settings';
import { DeliveryChannel } from '../../src/domain/delivery';
import { TestDb, createTestDb } from '../support/test-db';
import { FakeSlack, startFakeSlack } from '../support/fakes/fake-slack';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  TEST_REDIS_URL,
  clearQueuePrefix,
  ingestEvents,
  subscribeSlack,
  testLogger,
  uniquePrefix,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { WorkerChild, spawnWorkerChild } from './support/child-process';
import { ChildSpec } from './support/worker-child';

/**
 * kill -9 of the worker between an alert's decision (episode and ledger rows committed) and its post,
 * or right as Slack accepts the post: the firing still reaches each channel exactly once. The decision
 * is made here (as the watch job does); a worker process delivers it and is killed.
 */
jest.setTimeout(180_000);
const KILL_SETTINGS = { ...FAST_SETTINGS, lockDurationMs: 1_000, stalledIntervalMs: 500, channelIntervalMs: 0 };
const CHANNELS = ['C0KILLA', 'C0KILLB'];

let t: TestDb;
let slack: FakeSlack;
let queues: JobQueues;
let prefix: string;
let spec: ChildSpec;
let child: WorkerChild | null = null;

beforeAll(async () => {
  t = await createTestDb();
  slack = await startFakeSlack();
  prefix = uniquePrefix('killalert');
  for (const channel of CHANNELS)
    await subscribeSlack(t.db, 'default', channel, { kind: 'all', id: '' }, { alerts: true });
  spec = {
    env: {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      SLACK_API_URL: slack.apiUrl,
      QUICKCHART_BASE_URL: 'off',
      PUBLIC_BASE_URL: 'http://reports.test',
      LOG_LEVEL: 'silent',
    },
    prefix,
    settings: KILL_SETTINGS,
    roles: ['worker'],
    botToken: BOT_TOKEN,
  };
  queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix,
    role: 'worker',
    settings: jobSettings(KILL_SETTINGS),
    logger: testLogger,
  });
});
afterAll(async () => {
  if (child) await child.kill9();
  await queues?.close();
  await clearQueuePrefix(prefix);
  await slack?.close();
  await t?.drop();
});

/** Slack is the only kind the decision plans for (the worker process has Slack configured). */
const channels = new ChannelRegistry([{ kind: 'slack' } as DeliveryChannel]);

async function errorsCampaign(campaignId: string): Promise<void> {
  const start = Date.now() - 3_600_000;
  const events = Array.from({ length: 20 }, (_, i) => ({
    type: 'call.completed',
    call_id: `${campaignId}-${i}`,
    campaign_id: campaignId,
    bot_id: 'bot-k',
    customer_id: `cus-${i}`,
    started_at: new Date(start + i * 1_000).toISOString(),
    answered_at: null,
    ended_at: new Date(start + i * 1_000 + 20_000).toISOString(),
    result_code: i % 2 === 0 ? 'CU' : 'NA',
  }));
  await ingestEvents(t.db, 'default', events);
}

const alertPosts = (campaignId: string) =>
  slack
    .messages()
    .filter(
      (m) =>
        (m.metadata?.event_payload?.report_kind as string) === 'alert' &&
        m.text.includes(campaignId) &&
        CHANNELS.includes(m.channel),
    );

async function decideAndDeliver(campaignId: string, mode: 'before-post' | 'slack-post'): Promise<void> {
  await errorsCampaign(campaignId);
  if (mode === 'slack-post' && !child) child = await spawnWorkerChild(spec);
  const posted =
    mode === 'slack-post'
      ? slack.waitFor((c) => c.method === 'chat.postMessage' && String(c.body.text).includes(campaignId), 30_000)
      : null;
  const applied = await evaluateCampaignAlerts(
    { db: t.db, queues, channels, logger: testLogger },
    {
      accountId: 'default',
      campaignId,
    },
  );
  expect(applied.map((change) => change.event)).toEqual(['fire']);
  if (posted) await posted;
  // Killed right after Slack took the first post (or, with no worker yet, before anything was sent).
  if (child) {
    await child.kill9();
    child = null;
  }
  child = await spawnWorkerChild(spec);
  await waitUntil(
    async () => {
      const rows = await t.db('deliveries').where({ report_kind: 'alert' }).whereIn('status', ['pending', 'sending']);
      return rows.length === 0;
    },
    60_000,
    'alert deliveries done',
  );
  expect((await t.db('deliveries').where({ report_kind: 'alert', status: 'failed' })).length).toBe(0);
  for (const channel of CHANNELS) {
    expect(alertPosts(campaignId).filter((m) => m.channel === channel)).toHaveLength(1);
  }
}

describe('kill -9 between an alert decision and its post', () => {
  it('decided while no worker runs: the next worker posts it once per channel', async () => {
    await decideAndDeliver('kill-a-1', 'before-post');
  });
  it('killed as Slack accepts the first post: each channel still gets it once', async () => {
    await decideAndDeliver('kill-a-2', 'slack-post');
    await decideAndDeliver('kill-a-3', 'slack-post');
  });
});
