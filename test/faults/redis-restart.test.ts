import { ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeEmail,
  subscribeSlack,
  waitUntil,
} from '../integration/delivery/support/delivery-env';

/**
 * Redis restarted empty in the middle of a run (no persistence: every queue, job and job scheduler is
 * gone). The worker and the scheduler reconnect by themselves; PostgreSQL's outbox and ledger bring the
 * lost jobs back; every destination still gets its report exactly once. Runs its own redis-server on a
 * spare port so that other suites' Redis is never touched.
 */
const PORT = Number(process.env.FAULT_REDIS_PORT ?? 6390);
const URL = `redis://127.0.0.1:${PORT}`;
const CAMPAIGNS = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6'];

let redisServer: ChildProcess | null = null;
let h: DeliveryHarness;

async function startRedis(): Promise<void> {
  redisServer = spawn(
    'redis-server',
    ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis(URL, { maxRetriesPerRequest: 0, retryStrategy: () => 50, lazyConnect: true });
  probe.on('error', () => undefined);
  await waitUntil(
    async () => {
      try {
        if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    10_000,
    `redis-server on ${PORT}`,
  );
  probe.disconnect();
}

async function stopRedis(): Promise<void> {
  const server = redisServer;
  if (!server) return;
  redisServer = null;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  await startRedis();
  h = await startDeliveryHarness({ label: 'redis', env: { REDIS_URL: URL }, settings: { sweepAfterMs: 1_000 } });
}, 30_000);
afterAll(async () => {
  await h?.stop();
  await stopRedis();
}, 30_000);

describe('Redis restarted mid-run', () => {
  it('loses nothing: one message per channel and one email per recipient for every campaign', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0REDISA');
    await subscribeSlack(h.t.db, 'default', 'C0REDISB');
    await subscribeEmail(h.t.db, 'default', 'redis@example.com');
    const release = h.smtp.hold(); // emails stay in flight across the restart
    for (const campaignId of CAMPAIGNS) {
      const shape = { campaignId, calls: 3 };
      await ingestEvents(
        h.t.db,
        'default',
        [...callEvents(shape), completionEvent(shape)],
        new Date(Date.now() - 60_000),
      );
    }
    await h.smtp.waitForData(15_000);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);

    await stopRedis(); // everything in Redis is gone: waiting jobs, active jobs, the job scheduler
    const unfinished = (await ledger(h.t.db)).filter((r) => r.status !== 'done').length;
    await startRedis();
    release();
    expect(unfinished).toBeGreaterThan(0); // the restart really cut deliveries off

    const expected = CAMPAIGNS.length * 3;
    await waitUntil(
      async () => {
        const rows = await ledger(h.t.db);
        return rows.length === expected && rows.every((r) => r.status === 'done');
      },
      40_000,
      'every delivery done after the restart',
    );
    for (const channel of ['C0REDISA', 'C0REDISB']) {
      const reports = h.slack
        .messages(channel)
        .map((m) => m.metadata?.event_payload.report_ref)
        .sort();
      expect({ channel, reports }).toEqual({ channel, reports: [...CAMPAIGNS].sort() });
    }
    const ids = h.smtp.received.filter((m) => m.envelopeTo[0] === 'redis@example.com').map((m) => m.messageId);
    expect(ids).toHaveLength(CAMPAIGNS.length);
    expect(new Set(ids).size).toBe(CAMPAIGNS.length);
  }, 60_000);
});
