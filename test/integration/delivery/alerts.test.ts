import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { createHttpApp } from '../../../src/http/create-app';
import { webhookRouter } from '../../../src/http/webhook-route';
import { createDeliveryNotifier } from '../../../src/jobs/delivery-notifier';
import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { AlertDeps } from '../../../src/jobs/alert-changes';
import { sweepAlerts } from '../../../src/jobs/alert-sweep';
import { createJobQueues, JobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { RunningWorkerRole, startWorkerRole } from '../../../src/jobs/worker-role';
import { saveAlertEmails, saveBudget } from '../../../src/storage/alert-settings';
import { Db, createDb } from '../../../src/storage/connection';
import { TEST_DATABASE_URL } from '../../support/test-db';
import { DeliveryHarness, startDeliveryHarness } from './support/delivery-harness';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  TEST_REDIS_URL,
  createAccount,
  ingestEvents,
  subscribeSlack,
  testLogger,
  waitUntil,
} from './support/delivery-env';

/**
 * Each rule streamed through the signed webhook, tripping and clearing at the call docs/alerts.md
 * names (the expected calls are worked out by hand in each test's comment), with two web processes and
 * two workers running: every firing and clearing arrives once.
 */

jest.setTimeout(120_000);

const ACCOUNT = 'alerting';
const SECRET = 'alerting-ingest-secret';
let h: DeliveryHarness;
let second: RunningWorkerRole;
/** A second web process: its own HTTP server and its own notifier (queue producer). */
let secondWeb: { baseUrl: string; close(): Promise<void> };
let secondDb: Db;
let queues: JobQueues;
let deps: AlertDeps;
const base = Date.now() - 3_600_000; // calls started within the current month

function call(campaignId: string, botId: string, i: number, code: string): Record<string, unknown> {
  const startedAt = new Date(base + i * 1_000);
  const answered = !['NA', 'BS', 'CU'].includes(code);
  return {
    type: 'call.completed',
    call_id: `${campaignId}-${String(i).padStart(4, '0')}`,
    campaign_id: campaignId,
    bot_id: botId,
    customer_id: `cus-${i}`,
    attempt: 1,
    started_at: startedAt.toISOString(),
    answered_at: answered ? new Date(startedAt.getTime() + 1_000).toISOString() : null,
    // Every call ends 61 s after it started, so that "the last N calls" by ended_at are the last N dialled.
    ended_at: new Date(startedAt.getTime() + 61_000).toISOString(),
    result_code: code,
  };
}

/** Calls `from`..`to` (1-based, inclusive) of a campaign, each code given by its number. */
function calls(campaignId: string, botId: string, from: number, to: number, code: (i: number) => string) {
  return Array.from({ length: to - from + 1 }, (_, k) => call(campaignId, botId, from + k, code(from + k)));
}

/**
 * Posts through the signed webhook (several bodies at once, spread over both web processes) and waits for
 * the watch evaluation that follows.
 */
async function stream(events: unknown[], ...more: unknown[][]): Promise<void> {
  const posted = Date.now();
  // One watch job per campaign (jobs/watch-job.ts): wait until each campaign of these events was evaluated.
  const waiting = new Set(
    [events, ...more].flat().map((event) => (event as { campaign_id?: string }).campaign_id ?? ''),
  );
  waiting.delete('');
  const evaluated = new Promise<void>((resolve) => {
    const workers = [h.worker!.workers[0], second.workers[0]];
    const done = (job: Job) => {
      if (job.name !== 'watch' || job.timestamp < posted) return;
      waiting.delete((job.data as { campaignId: string }).campaignId);
      if (waiting.size > 0) return;
      for (const worker of workers) worker.off('completed', done);
      resolve();
    };
    for (const worker of workers) worker.on('completed', done);
  });
  const statuses = await Promise.all(
    [events, ...more].map(async (batch, index) => {
      const body = JSON.stringify(batch);
      const res = await fetch(`${index % 2 === 0 ? h.baseUrl : secondWeb.baseUrl}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-voicebot-account': ACCOUNT,
          'x-voicebot-signature': signWebhookBody(SECRET, Math.floor(Date.now() / 1000), body),
        },
        body,
      });
      return res.status;
    }),
  );
  expect(statuses.every((status) => status === 202)).toBe(true);
  await evaluated;
  // Its deliveries are enqueued: wait until the ledger has none in flight.
  await waitUntil(
    async () => {
      const busy = await h.t.db('deliveries').where({ account_id: ACCOUNT }).whereIn('status', ['pending', 'sending']);
      return busy.length === 0;
    },
    20_000,
    'alert deliveries done',
  );
}

const alertsIn = (channel: string) =>
  h.slack.messages(channel).filter((m) => (m.metadata?.event_payload?.report_kind as string) === 'alert');

async function episodes(rule: string, campaignId?: string) {
  const query = h.t.db('alert_episodes').where({ account_id: ACCOUNT, rule }).orderBy('id');
  if (campaignId) query.andWhere({ campaign_id: campaignId });
  return query;
}

beforeAll(async () => {
  // Each worker has its own pool, as each worker process would.
  const ownPool = (schema: string) => createDb({ databaseUrl: TEST_DATABASE_URL, schema, poolMax: 8 });
  h = await startDeliveryHarness({ label: 'alerts', scheduler: false, workerDb: (t) => ownPool(t.schema) });
  secondDb = ownPool(h.t.schema);
  second = await startWorkerRole({
    config: h.config,
    db: secondDb,
    logger: testLogger,
    slackTokenFor: async () => BOT_TOKEN,
    queuePrefix: h.prefix,
    settings: FAST_SETTINGS,
    slackTimeoutMs: 2_000,
  });
  const notifier = createDeliveryNotifier({ config: h.config, logger: testLogger, queuePrefix: h.prefix });
  const server = http.createServer(
    createHttpApp(
      [
        webhookRouter({
          db: h.t.db,
          encryptionKey: h.config.encryptionKey,
          logger: testLogger,
          onIngested: notifier.onIngested,
        }),
      ],
      testLogger,
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  secondWeb = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await notifier.close();
    },
  };
  queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix: h.prefix,
    role: 'producer',
    settings: jobSettings(FAST_SETTINGS),
    logger: testLogger,
  });
  deps = { db: h.t.db, queues, channels: second.channels, logger: testLogger };
  await createAccount(h.t.db, ACCOUNT, { ingestSecretSealed: encryptSecret(SECRET, h.config.encryptionKey as Buffer) });
  await saveAlertEmails(h.t.db, ACCOUNT, ['oncall@example.com']);
  await subscribeSlack(h.t.db, ACCOUNT, 'C0ALERTS', { kind: 'all', id: '' }, { summaries: true, alerts: true });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0QUIET', { kind: 'all', id: '' }, { summaries: true, alerts: false });
}, 60_000);

afterAll(async () => {
  await queues?.close();
  await secondWeb?.close();
  await second?.stop();
  await secondDb?.destroy();
  await h?.stop();
}, 60_000);

describe('errors', () => {
  // Calls 1–16 answered, 17 onwards CU until 20. At 19 calls there are fewer than 20: quiet. At call 20,
  // 4 of 20 (20 %) are errors: fires. Then answered calls: the window is every call while fewer than 50,
  // and 4/n ≤ 10 % first holds at n = 40: clears at call 40, not at 39 (4/39 = 10.3 %).
  const code = (i: number) => (i >= 17 && i <= 20 ? 'CU' : 'PAID');

  it('fires at call 20, in the campaign message thread and to the channel, and emails the recipients', async () => {
    // The campaign's message in the channel (the live message), which alerts thread under.
    const parent = (await fetch(`${h.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0ALERTS', text: 'live progress of err-1' }),
    }).then((res) => res.json())) as { ts: string };
    await h.t.db('deliveries').insert({
      id: 'c-alerting-err-1-slack-live',
      account_id: ACCOUNT,
      report_kind: 'campaign',
      report_ref: 'err-1',
      channel_kind: 'slack',
      workspace_id: 'T0FAKE',
      destination: 'C0ALERTS',
      status: 'done',
      message_ref: parent.ts,
      message_container: 'C0ALERTS',
    });

    await stream(calls('err-1', 'bot-e', 1, 19, code));
    expect(await episodes('errors')).toHaveLength(0);
    await stream(calls('err-1', 'bot-e', 20, 20, code));
    const [fired] = await episodes('errors');
    expect(fired.fire_figures).toEqual({ errors: 4, calls: 20, percent: 20, threshold: '20' });

    const [alert] = alertsIn('C0ALERTS');
    expect(alertsIn('C0ALERTS')).toHaveLength(1);
    expect(alert.thread_ts).toBe(parent.ts);
    expect(alert.reply_broadcast).toBe(true);
    expect(alert.text).toContain('4 of the last 20 calls were connection errors (20%), threshold 20%');
    const context = JSON.stringify(alert.blocks);
    expect(context).toContain('alert errors 25%');
    expect(context).toContain('subscribed to alerts of campaign err-1');
    expect(alertsIn('C0QUIET')).toHaveLength(0);

    const mails = await h.smtp.waitForCount(1, 15_000);
    expect(mails[0].envelopeTo).toEqual(['oncall@example.com']);
    expect(mails[0].header('subject')).toBe('Alert: connection errors in campaign err-1');
  });

  it('never fires twice in one episode, and clears at call 40 in the thread only', async () => {
    await stream(calls('err-1', 'bot-e', 21, 39, code));
    expect(alertsIn('C0ALERTS')).toHaveLength(1);
    expect((await episodes('errors'))[0].cleared_at).toBeNull();
    await stream(calls('err-1', 'bot-e', 40, 40, code));
    const [episode] = await episodes('errors');
    expect(episode.cleared_at).not.toBeNull();
    expect(episode.clear_figures).toEqual({ errors: 4, calls: 40, percent: 10, clearAt: '10' });
    const cleared = alertsIn('C0ALERTS')[1];
    expect(alertsIn('C0ALERTS')).toHaveLength(2);
    expect(cleared.thread_ts).toBe(alertsIn('C0ALERTS')[0].thread_ts);
    expect(cleared.reply_broadcast).toBeFalsy();
    expect(cleared.text).toContain('Alert cleared');
    expect(h.smtp.received).toHaveLength(1); // the clearing is not emailed
  });
});

describe('answer-rate', () => {
  // bot-a's baseline: three complete campaigns of 100 calls answered 60, 50 and 40 → median 50 %.
  // The rule fires below 25 % and clears at 37.5 %. Calls 1–50 unanswered: at 49 calls, fewer than 50:
  // quiet; at call 50, 0 of 50: fires. Then k answered calls: k/(50+k) ≥ 37.5 % first at k = 30, call 80.
  beforeAll(async () => {
    for (const [id, answered] of [
      ['base-60', 60],
      ['base-50', 50],
      ['base-40', 40],
    ] as const) {
      await ingestEvents(
        h.t.db,
        ACCOUNT,
        calls(id, 'bot-a', 1, 100, (i) => (i <= answered ? 'PAID' : 'NA')),
      );
      await h.t
        .db('campaigns')
        .where({ account_id: ACCOUNT, campaign_id: id })
        .update({
          state: 'complete',
          completed_at: new Date(base).toISOString(),
        });
    }
  });
  const code = (i: number) => (i <= 50 ? 'NA' : 'PAID');

  it('fires at call 50 against the bot baseline and clears at call 80', async () => {
    await stream(calls('ans-1', 'bot-a', 1, 49, code));
    expect(await episodes('answer-rate')).toHaveLength(0);
    await stream(calls('ans-1', 'bot-a', 50, 50, code));
    const [fired] = await episodes('answer-rate');
    expect(fired.fire_figures).toEqual({
      successful: 0,
      calls: 50,
      percent: 0,
      baseline: 50,
      threshold: '0.5',
      below: 25,
    });
    await stream(calls('ans-1', 'bot-a', 51, 79, code));
    expect((await episodes('answer-rate'))[0].cleared_at).toBeNull();
    await stream(calls('ans-1', 'bot-a', 80, 80, code));
    const [cleared] = await episodes('answer-rate');
    expect(cleared.clear_figures).toEqual({
      successful: 30,
      calls: 80,
      percent: 38,
      baseline: 50,
      clearFactor: '0.75',
      clearAt: 38,
    });
    const messages = alertsIn('C0ALERTS').filter((m) => m.text.includes('answer'));
    expect(messages).toHaveLength(2);
    // No campaign message in this channel: the alert is a message of its own.
    expect(messages[0].thread_ts).toBeUndefined();
  });
});

describe('stalled (the scheduler) and budget', () => {
  it('stalled fires at exactly 15 minutes without a call, and a call clears it', async () => {
    await stream(calls('stall-1', 'bot-s', 1, 3, () => 'PAID'));
    const last = (await h.t.db('campaigns').where({ account_id: ACCOUNT, campaign_id: 'stall-1' }).first())
      .last_received_at as Date;
    await sweepAlerts(deps, new Date(last.getTime() + 15 * 60_000 - 1));
    expect(await episodes('stalled', 'stall-1')).toHaveLength(0);
    await sweepAlerts(deps, new Date(last.getTime() + 15 * 60_000));
    await sweepAlerts(deps, new Date(last.getTime() + 16 * 60_000)); // still one episode
    expect(await episodes('stalled', 'stall-1')).toHaveLength(1);
    await stream(calls('stall-1', 'bot-s', 4, 4, () => 'PAID'));
    expect((await episodes('stalled', 'stall-1'))[0].clear_reason).toBe('recovered');
    await waitUntil(
      async () => alertsIn('C0ALERTS').filter((m) => m.text.includes('stall-1')).length >= 2,
      30_000,
      'stalled firing and clearing',
    );
    const messages = alertsIn('C0ALERTS').filter((m) => m.text.includes('stall-1'));
    expect(messages.map((m) => m.text.split(':')[0])).toEqual(['Alert', 'Alert cleared']);
  });

  it('budget fires 80 % at the 8th block and 100 % at the 10th, once each, and clears when the month ends', async () => {
    await saveBudget(h.t.db, ACCOUNT, 'bot-b', 10, 'test');
    // One block per answered call (60 s of talk, 60 s blocks).
    await stream(calls('bud-1', 'bot-b', 1, 7, () => 'PAID'));
    expect(await episodes('budget')).toHaveLength(0);
    await stream(calls('bud-1', 'bot-b', 8, 8, () => 'PAID'));
    expect((await episodes('budget')).map((e) => e.fire_figures.level)).toEqual([80]);
    await stream(calls('bud-1', 'bot-b', 9, 9, () => 'PAID'));
    expect(await episodes('budget')).toHaveLength(1);
    await stream(calls('bud-1', 'bot-b', 10, 12, () => 'PAID'));
    expect((await episodes('budget')).map((e) => e.fire_figures.level)).toEqual([80, 100]);
    const budgetMessages = alertsIn('C0ALERTS').filter((m) => m.text.includes('budget'));
    expect(budgetMessages).toHaveLength(2);
    expect(budgetMessages.every((m) => m.thread_ts === undefined)).toBe(true);
    expect(budgetMessages[0].text).toContain('8 of the 10 blocks');

    const nextMonth = new Date(Date.now() + 32 * 86_400_000);
    await sweepAlerts(deps, nextMonth);
    expect((await episodes('budget')).every((e) => e.clear_reason === 'month-ended')).toBe(true);
    await waitUntil(
      async () => alertsIn('C0ALERTS').filter((m) => m.text.includes('budget')).length === 4,
      45_000,
      'both budget clearings',
    );
    expect(alertsIn('C0ALERTS').filter((m) => m.text.startsWith('Alert cleared: a new month'))).toHaveLength(2);
  });
});

describe('a burst of calls a third of which are errors', () => {
  // 3,000 calls in six concurrent requests, repeated, every third one CU: the errors rule fires once
  // for the campaign (its window never drops to 10 %), however many evaluations run on two workers.
  it('makes one errors alert for the campaign, not one per call or per evaluation', async () => {
    const burst = (from: number) =>
      Array.from({ length: 6 }, (_, k) =>
        calls('burst-1', 'bot-x', from + k * 250, from + k * 250 + 249, (i) => (i % 3 === 0 ? 'CU' : 'PAID')),
      );
    const [first, ...rest] = burst(1);
    await stream(first, ...rest);
    const [again, ...more] = burst(1501);
    await stream(again, ...more);
    expect(await episodes('errors', 'burst-1')).toHaveLength(1);
    expect(alertsIn('C0ALERTS').filter((m) => m.text.includes('burst-1'))).toHaveLength(1);
    const [{ n }] = await h.t.db('calls').where({ account_id: ACCOUNT, campaign_id: 'burst-1' }).count({ n: '*' });
    expect(Number(n)).toBe(3000);
  });
});

describe('Slack limits and removed channels', () => {
  // 4 errors in 20 calls (20 %): the errors rule fires at once for each of these campaigns.
  const crossing = (campaignId: string) => calls(campaignId, 'bot-r', 1, 20, (i) => (i > 16 ? 'CU' : 'PAID'));

  it('a 429 with Retry-After delays the alert; it arrives once', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const limited = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 429, 20_000);
    await stream(crossing('rl-1'));
    await limited;
    await waitUntil(async () => alertsIn('C0ALERTS').some((m) => m.text.includes('rl-1')), 20_000, 'rl-1 alert');
    expect(alertsIn('C0ALERTS').filter((m) => m.text.includes('rl-1'))).toHaveLength(1);
  });

  it('a channel the bot was removed from stops that subscription and tells its maker', async () => {
    const removed = await subscribeSlack(
      h.t.db,
      ACCOUNT,
      'C0GONE',
      { kind: 'campaign', id: 'gone-1' },
      {
        summaries: false,
        alerts: true,
        createdBy: 'U0MAKER',
      },
    );
    // Only C0GONE wants this alert, so that the refusal is its post's.
    await h.t.db('subscriptions').where({ destination: 'C0ALERTS' }).update({ alerts: false });
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const told = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0MAKER', 20_000);
    await stream(crossing('gone-1'));
    const dm = await told;
    expect(String(dm.body.text)).toContain('C0GONE');
    expect((await h.t.db('subscriptions').where({ id: removed.id }).first()).status).toBe('broken');
    await h.t.db('subscriptions').where({ destination: 'C0ALERTS' }).update({ alerts: true });
  });

  it("a completed campaign's open alerts clear with its final report", async () => {
    await stream(crossing('done-1'));
    expect((await episodes('errors', 'done-1'))[0].cleared_at).toBeNull();
    await h.t.db('campaigns').where({ account_id: ACCOUNT, campaign_id: 'done-1' }).update({ state: 'complete' });
    await sweepAlerts(deps, new Date());
    const [episode] = await episodes('errors', 'done-1');
    expect(episode.clear_reason).toBe('completed');
    await waitUntil(
      async () => alertsIn('C0ALERTS').filter((m) => m.text.includes('done-1')).length === 2,
      20_000,
      'done-1 clearing',
    );
    expect(alertsIn('C0ALERTS').filter((m) => m.text.includes('done-1'))[1].text).toContain(
      'The campaign completed; its final report says the rest',
    );
  });
});
