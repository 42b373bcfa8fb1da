import { completeDueCampaigns } from '../../src/storage/completion';
import { enqueueFanOut } from '../../src/jobs/enqueue';
import { createJobQueues } from '../../src/jobs/job-queues';
import { jobSettings } from '../../src/jobs/job-settings';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  LINK_SECRET,
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  testLogger,
} from '../integration/delivery/support/delivery-env';
import { spawnWorkerChild } from './support/child-process';

/** SIGTERM while an email is mid-delivery: the job finishes, then the worker exits 0 well within 30 s. */
let h: DeliveryHarness;

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'sigterm', worker: false, scheduler: false });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

describe('graceful shutdown of a worker', () => {
  it('lets the in-flight delivery finish, then exits 0', async () => {
    const shape = { campaignId: 'sigterm-1', calls: 3, reportEmails: ['term@example.com'] };
    await ingestEvents(
      h.t.db,
      'default',
      [...callEvents(shape), completionEvent(shape)],
      new Date(Date.now() - 60_000),
    );
    const child = await spawnWorkerChild({
      env: {
        DATABASE_URL: h.t.url,
        REDIS_URL: h.config.redisUrl,
        SLACK_API_URL: h.slack.apiUrl,
        SMTP_URL: h.smtp.url,
        QUICKCHART_BASE_URL: 'off',
        RECORDING_LINK_SECRET: LINK_SECRET,
        LOG_LEVEL: 'silent',
      },
      prefix: h.prefix,
      settings: FAST_SETTINGS,
      roles: ['worker'],
      botToken: BOT_TOKEN,
    });
    const queues = createJobQueues({
      redisUrl: h.config.redisUrl,
      prefix: h.prefix,
      role: 'worker',
      settings: jobSettings(FAST_SETTINGS),
      logger: testLogger,
    });
    try {
      const release = h.smtp.hold();
      await completeDueCampaigns(h.t.db, new Date(), { settleMs: 1_000, idleTimeoutMs: 3_600_000 });
      const dataStarted = h.smtp.waitForData(15_000);
      await enqueueFanOut(queues, 'default', 'sigterm-1');
      await dataStarted;

      const signalled = Date.now();
      child.process.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the server keeps the worker waiting a while
      const accepted = h.smtp.waitForCount(1, 10_000);
      release();
      await accepted;
      const stopped = await child.next('stopped', 30_000);
      const exit = await child.exited;

      expect(exit.code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(30_000);
      expect(Number(stopped.ms)).toBeGreaterThanOrEqual(250); // it waited for the job
      expect(h.smtp.received.filter((m) => m.envelopeTo[0] === 'term@example.com')).toHaveLength(1);
      const [row] = (await ledger(h.t.db)).filter((r) => r.destination === 'term@example.com');
      expect(row.status).toBe('done');
      expect(row.attempts).toBe(1);
    } finally {
      await queues.close();
    }
  }, 40_000);
});
