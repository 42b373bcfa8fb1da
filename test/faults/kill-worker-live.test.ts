import { JobQueues, createJobQueues } from '../../src/jobs/job-queues';
import { enqueueWatches } from '../../src/jobs/enqueue';
import { jobSettings } from '../../src/jobs/job-settings';
import { TestDb, createTestDb } from '../support/test-db';
import { FakeSlack, startFakeSlack } from '../support/fakes/fake-slack';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  LINK_SECRET,
  TEST_REDIS_URL,
  callEvents,
  clearQueuePrefix,
  ingestEvents,
  ledger,
  subscribeSlack,
  testLogger,
  uniquePrefix,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { WorkerChild, spawnWorkerChild } from './support/child-process';
import { ChildSpec } from './support/worker-child';

/**
 * kill -9 of the worker between the decision to post a campaign's live message (its ledger row) and the
 * post, or right after Slack accepted the post and before the worker recorded it: a new worker finds the
 * message by its metadata, so every channel ends with exactly one live message per campaign.
 * LIVE_FAULT_TRIALS sets the number of trials (6 by default).
 */
const TRIALS = Number(process.env.LIVE_FAULT_TRIALS ?? 6);
const SETTINGS = { ...FAST_SETTINGS, lockDurationMs: 1_000, stalledIntervalMs: 500, channelIntervalMs: 0 };
const CHANNELS = ['C0KLA', 'C0KLB'];

let slack: FakeSlack;
let t: TestDb;
let prefix: string;
let queues: JobQueues;
let spec: ChildSpec;
let child: WorkerChild | null = null;
const seen = { killed: 0, healed: 0 };

beforeAll(async () => {
  slack = await startFakeSlack();
  t = await createTestDb();
  prefix = uniquePrefix('killlive');
  for (const channel of CHANNELS)
    await subscribeSlack(t.db, 'default', channel, { kind: 'all', id: '' }, { live: true });
  spec = {
    env: {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      SLACK_API_URL: slack.apiUrl,
      QUICKCHART_BASE_URL: 'off',
      RECORDING_LINK_SECRET: LINK_SECRET,
      PUBLIC_BASE_URL: 'http://reports.test',
      LIVE_UPDATE_SECONDS: '1',
      LOG_LEVEL: 'silent',
    },
    prefix,
    settings: SETTINGS,
    roles: ['worker'],
    botToken: BOT_TOKEN,
  };
  queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix,
    role: 'worker',
    settings: jobSettings(SETTINGS),
    logger: testLogger,
  });
  await Promise.all([queues.control.waitUntilReady(), queues.delivery.waitUntilReady()]);
}, 30_000);

afterAll(async () => {
  if (child) await child.kill9();
  await queues?.close();
  await clearQueuePrefix(prefix);
  await t?.drop();
  await slack?.close();
  process.stdout.write(`live kill -9 trials: ${TRIALS}, ${JSON.stringify(seen)}\n`);
}, 30_000);

type Mode = 'decision' | 'slack-post';

/** The moment to kill: right after the ledger rows exist (before the post), or right after Slack accepted a post. */
function killMoment(campaignId: string, mode: Mode): Promise<void> {
  if (mode === 'slack-post') {
    return slack
      .waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          (c.body.metadata as { event_payload?: { report_ref?: string } })?.event_payload?.report_ref === campaignId,
        20_000,
      )
      .then(() => undefined);
  }
  return waitUntil(
    async () => (await ledger(t.db)).some((r) => r.report_ref === campaignId),
    20_000,
    'live rows decided',
  ).then(() => undefined);
}

async function trial(n: number, mode: Mode | null): Promise<void> {
  const campaignId = `live-kill-${n}`;
  await ingestEvents(t.db, 'default', callEvents({ campaignId, calls: 3 }));
  if (!child) child = await spawnWorkerChild(spec);
  const moment = mode ? killMoment(campaignId, mode) : null;
  await enqueueWatches(queues, [{ accountId: 'default', campaignId }], Math.floor(Date.now() / 1000));
  if (moment) {
    await moment;
    await child.kill9();
    seen.killed += 1;
    child = await spawnWorkerChild(spec);
  }
  const rows = await waitUntil(
    async () => {
      const mine = (await ledger(t.db)).filter((r) => r.report_ref === campaignId);
      return mine.length === CHANNELS.length && mine.every((r) => r.status === 'done') ? mine : null;
    },
    30_000,
    `${campaignId} live messages delivered`,
  );
  if (rows.some((r) => r.attempts > 1)) seen.healed += 1;
  for (const channel of CHANNELS) {
    const row = rows.find((r) => r.destination === channel);
    const messages = slack.messages(channel).filter((m) => m.metadata?.event_payload.delivery_id === row?.id);
    expect({ channel, campaignId, messages: messages.length }).toEqual({ channel, campaignId, messages: 1 });
    expect(messages[0].ts).toBe(row?.message_ref);
    expect(messages[0].text).toMatch(/^Live:/);
  }
}

describe('kill -9 of a worker around the live post', () => {
  it(
    `leaves exactly one live message per channel (${TRIALS} trials)`,
    async () => {
      await trial(-1, null);
      for (let n = 0; n < TRIALS; n += 1) await trial(n, n % 2 === 0 ? 'slack-post' : 'decision');
      expect(seen.killed).toBe(TRIALS);
    },
    10 * 60_000,
  );
});
