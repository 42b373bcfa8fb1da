import { completeDueCampaigns } from '../../src/storage/completion';
import { JobQueues, createJobQueues } from '../../src/jobs/job-queues';
import { enqueueFanOut } from '../../src/jobs/enqueue';
import { deliveryIdFor } from '../../src/domain/delivery-ids';
import { jobSettings } from '../../src/jobs/job-settings';
import { TestDb, createTestDb } from '../support/test-db';
import { FakeSlack, startFakeSlack } from '../support/fakes/fake-slack';
import { FakeSmtp, startFakeSmtp } from '../integration/delivery/support/fake-smtp';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  LINK_SECRET,
  TEST_REDIS_URL,
  callEvents,
  clearQueuePrefix,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeEmail,
  subscribeSlack,
  testLogger,
  uniquePrefix,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { WorkerChild, spawnWorkerChild } from './support/child-process';
import { ChildSpec } from './support/worker-child';

/**
 * kill -9 of a worker process at a random moment of a delivery, again and again: every Slack channel ends
 * with exactly one message, and every recipient with exactly one email, never two. The one exception
 * email's at-most-once rule allows (a worker that dies between committing "sending" and writing the
 * DATA terminator) is verified case by case from the ledger and the server, counted and bounded.
 * FAULT_TRIALS sets the number of trials (20 in `npm test`, 200 in `npm run test:faults`); they run in
 * FAULT_LANES independent lanes, each with its own schema, queue prefix, worker process, channels and
 * recipients. FAULT_MODES picks the kill moments (time, slack-post, smtp-data, smtp-accepted).
 */
const TRIALS = Number(process.env.FAULT_TRIALS ?? 20);
const LANES = Math.min(Number(process.env.FAULT_LANES ?? 4), TRIALS);
const KILL_SETTINGS = { ...FAST_SETTINGS, lockDurationMs: 1_000, stalledIntervalMs: 500, channelIntervalMs: 0 };

let slack: FakeSlack;
let smtp: FakeSmtp;
/** lost: emails given up in the documented at-most-once instant (each one verified). */
const seen = { killsDuringDelivery: 0, healed: 0, duplicates: 0, lost: 0 };
const trace = (text: string) => {
  if (process.env.FAULT_VERBOSE) process.stderr.write(`${new Date().toISOString()} ${text}\n`);
};

beforeAll(async () => {
  slack = await startFakeSlack();
  smtp = await startFakeSmtp();
});
afterAll(async () => {
  await slack?.close();
  await smtp?.close();
  process.stdout.write(`kill -9 trials: ${TRIALS}, ${JSON.stringify(seen)}\n`);
});

interface Lane {
  index: number;
  t: TestDb;
  prefix: string;
  queues: JobQueues;
  spec: ChildSpec;
  child: WorkerChild | null;
  channels: string[];
  recipients: string[];
}

async function openLane(index: number): Promise<Lane> {
  const t = await createTestDb();
  const prefix = uniquePrefix(`kill${index}`);
  const channels = [`C0L${index}A`, `C0L${index}B`];
  for (const channel of channels) await subscribeSlack(t.db, 'default', channel);
  await subscribeEmail(t.db, 'default', `sub${index}@example.com`);
  const spec: ChildSpec = {
    env: {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      SLACK_API_URL: slack.apiUrl,
      SMTP_URL: smtp.url,
      QUICKCHART_BASE_URL: 'off',
      RECORDING_LINK_SECRET: LINK_SECRET,
      PUBLIC_BASE_URL: 'http://reports.test',
      LOG_LEVEL: 'silent',
    },
    prefix,
    settings: KILL_SETTINGS,
    roles: ['worker'],
    botToken: BOT_TOKEN,
  };
  const queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix,
    role: 'worker',
    settings: jobSettings(KILL_SETTINGS),
    logger: testLogger,
  });
  await Promise.all([queues.control.waitUntilReady(), queues.delivery.waitUntilReady()]);
  return {
    index,
    t,
    prefix,
    queues,
    spec,
    child: null,
    channels,
    recipients: [`sub${index}@example.com`, `ops${index}@example.com`],
  };
}

async function closeLane(lane: Lane): Promise<void> {
  if (lane.child) await lane.child.kill9();
  await lane.queues.close();
  await clearQueuePrefix(lane.prefix);
  await lane.t.drop();
}

type KillMode = 'time' | 'slack-post' | 'smtp-data' | 'smtp-accepted';
const MODES: KillMode[] = (process.env.FAULT_MODES?.split(',') as KillMode[] | undefined) ?? [
  'time',
  'slack-post',
  'smtp-data',
  'smtp-accepted',
];

/**
 * Resolves at the moment to kill: a random instant of the delivery window, or right when the fake
 * platforms see a chosen step of this campaign's delivery: a post Slack accepted whose answer the worker
 * has not recorded yet; an email mid-DATA; every email of the campaign accepted by the server and not
 * yet recorded (waiting for all of them keeps the kill out of a sibling email's instant between
 * committing "sending" and writing the terminator, which email's at-most-once rule cannot cover).
 */
function killMoment(lane: Lane, campaignId: string, mode: KillMode, windowMs: number): Promise<void> {
  const jitter = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 5));
  if (mode === 'time') return new Promise<void>((resolve) => setTimeout(resolve, Math.random() * windowMs));
  if (mode === 'slack-post') {
    const posted = slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        lane.channels.includes(String(c.body.channel)) &&
        (c.body.metadata as { event_payload?: { report_ref?: string } })?.event_payload?.report_ref === campaignId,
      windowMs * 4,
    );
    return posted.then(jitter, () => undefined);
  }
  return new Promise<void>((resolve) => {
    const wanted = mode === 'smtp-data' ? 'data-start' : 'accepted';
    const subject = { kind: 'campaign' as const, accountId: 'default', ref: campaignId };
    const pending = new Set(
      lane.recipients.map((r) => deliveryIdFor(subject, { kind: 'email', workspaceId: null, destination: r })),
    );
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, windowMs * 4);
    const unsubscribe = smtp.onEvent((event) => {
      const mine = event.recipients.filter((r) => lane.recipients.includes(r));
      if (event.type !== wanted || mine.length === 0) return;
      if (wanted === 'accepted') {
        if (event.deliveryId) pending.delete(event.deliveryId);
        if (pending.size > 0) return;
      }
      clearTimeout(timer);
      unsubscribe();
      void jitter().then(resolve);
    });
  });
}

/** One campaign completes, its deliveries start, the worker is killed at some moment, a new one finishes. */
async function trial(lane: Lane, n: number, windowMs: number, mode: KillMode | null): Promise<number> {
  const campaignId = `kill-${lane.index}-${n}`;
  const shape = { campaignId, calls: 4, reportEmails: [`ops${lane.index}@example.com`] };
  await ingestEvents(
    lane.t.db,
    'default',
    [...callEvents(shape), completionEvent(shape)],
    new Date(Date.now() - 3_600_000),
  );
  if (!lane.child) lane.child = await spawnWorkerChild(lane.spec);
  const started = Date.now();
  const completed = await completeDueCampaigns(lane.t.db, new Date(), { settleMs: 1_000, idleTimeoutMs: 3_600_000 });
  expect(completed.map((c) => c.campaignId)).toEqual([campaignId]);
  const moment = mode ? killMoment(lane, campaignId, mode, windowMs) : null;
  await enqueueFanOut(lane.queues, 'default', campaignId);

  if (moment) {
    await moment;
    await lane.child.kill9();
    const rows = await ledger(lane.t.db);
    const unfinished = 4 - rows.filter((r) => r.report_ref === campaignId && r.status === 'done').length;
    if (unfinished > 0) seen.killsDuringDelivery += 1;
    trace(`${campaignId}: killed (${mode}) after ${Date.now() - started} ms, ${unfinished} deliveries unfinished`);
    lane.child = await spawnWorkerChild(lane.spec);
  }
  await waitUntil(
    async () => {
      const rows = (await ledger(lane.t.db)).filter((r) => r.report_ref === campaignId);
      return rows.length === 4 && rows.every((r) => r.status === 'done');
    },
    30_000,
    `${campaignId} delivered`,
  );
  const elapsed = Date.now() - started;
  trace(`${campaignId}: delivered in ${elapsed} ms`);

  const rows = (await ledger(lane.t.db)).filter((r) => r.report_ref === campaignId);
  if (rows.some((r) => r.attempts > 1)) seen.healed += 1;
  for (const channel of lane.channels) {
    const row = rows.find((r) => r.destination === channel);
    const messages = slack.messages(channel).filter((m) => m.metadata?.event_payload.delivery_id === row?.id);
    expect({ channel, campaignId, messages: messages.length }).toEqual({ channel, campaignId, messages: 1 });
    expect(messages[0].ts).toBe(row?.message_ref);
  }
  for (const recipient of lane.recipients) {
    const row = rows.find((r) => r.destination === recipient);
    const mails = smtp.received.filter(
      (m) => m.envelopeTo[0] === recipient && m.header('x-campaign-report-delivery') === row?.id,
    );
    if (mails.length > 1) seen.duplicates += 1;
    expect({ recipient, campaignId, atMostOne: mails.length <= 1 }).toEqual({ recipient, campaignId, atMostOne: true });
    if (mails.length === 1) {
      expect(mails[0].messageId).toBe(row?.message_ref);
      continue;
    }
    // Email is at-most-once (email-delivery-channel.ts): the one loss it allows is a worker that died
    // after committing "sending" and before the DATA terminator left it. Check that this is what happened:
    // the ledger assumed delivery, and the server saw that very message cut off mid-DATA.
    const cutOff = smtp.aborted.some((a) => a.deliveryId === row?.id);
    const explained = Boolean(row?.last_error?.startsWith('assumed delivered') && cutOff);
    process.stderr.write(
      `email not received: ${campaignId} ${recipient} assumed=${row?.last_error} cut-off-mid-DATA=${cutOff}\n`,
    );
    expect({ recipient, campaignId, lostOnlyInTheCommitToTerminatorInstant: explained }).toEqual({
      recipient,
      campaignId,
      lostOnlyInTheCommitToTerminatorInstant: true,
    });
    seen.lost += 1;
  }
  return elapsed;
}

describe('kill -9 of a worker during delivery', () => {
  it(
    `leaves exactly one message per channel and one email per recipient (${TRIALS} trials)`,
    async () => {
      const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => openLane(i)));
      try {
        // Calibrate: how long an undisturbed (warm) delivery of one campaign takes, to kill within that window.
        await trial(lanes[0], -2, 0, null);
        const undisturbed = await trial(lanes[0], -1, 0, null);
        const window = Math.max(undisturbed * 1.2, 150);
        let next = 0;
        let failure: unknown = null;
        await Promise.all(
          lanes.map(async (lane) => {
            while (failure === null && next < TRIALS) {
              const n = next;
              next += 1;
              await trial(lane, n, window, MODES[n % MODES.length]).catch((error: unknown) => {
                failure = failure ?? error;
              });
            }
          }),
        );
        if (failure !== null) throw failure;
        // Never a duplicate (checked in every trial); an email lost in the commit-to-terminator instant stays rare.
        expect(seen.duplicates).toBe(0);
        expect(seen.lost).toBeLessThanOrEqual(Math.max(1, Math.floor(TRIALS * 0.03)));
      } finally {
        await Promise.all(lanes.map(closeLane));
      }
    },
    20 * 60_000,
  );
});
