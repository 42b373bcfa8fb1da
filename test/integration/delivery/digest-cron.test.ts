import { startDigestCron } from '../../../src/jobs/digest-cron';
import { createJobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { TestDb, createTestDb } from '../../support/test-db';
import { TEST_REDIS_URL, clearQueuePrefix, createAccount, testLogger, uniquePrefix } from './support/delivery-env';
import { upsertAccount } from '../../../src/storage/accounts';

/** The digest cron reads MONTHLY_DIGEST_CRON in each account's zone and enqueues the month that just ended there. */
let t: TestDb;
const prefix = uniquePrefix('cron');
const queues = createJobQueues({
  redisUrl: TEST_REDIS_URL,
  prefix,
  role: 'worker',
  settings: jobSettings(),
  logger: testLogger,
});

beforeAll(async () => {
  t = await createTestDb();
  await createAccount(t.db, 'hanoi');
  await upsertAccount(t.db, 'la', { timeZone: 'America/Los_Angeles' }, 'Asia/Ho_Chi_Minh');
});
afterAll(async () => {
  await queues.close();
  await clearQueuePrefix(prefix);
  await t.drop();
});

describe('the monthly digest cron', () => {
  it('enqueues digest-<account>-<YYYY-MM> for the month just ended in each account time zone, once', async () => {
    // 2026-11-01T02:00Z is 09:00 on 1 November in Ho Chi Minh City but 19:00 on 31 October in Los Angeles.
    const cron = await startDigestCron({
      db: t.db,
      queues,
      logger: testLogger,
      expression: '0 9 1 * *',
      now: () => new Date('2026-11-01T02:00:00Z'),
    });
    try {
      expect(await cron.fire('Asia/Ho_Chi_Minh')).toBe(2); // default and hanoi
      expect(await cron.fire('America/Los_Angeles')).toBe(1);
      expect(await cron.fire('Asia/Ho_Chi_Minh')).toBe(2); // a second scheduler, or a second tick
      const jobs = await queues.control.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(jobs.map((job) => `${job.id} ${JSON.stringify(job.data)}`).sort()).toEqual([
        'digest-default-2026-10 {"accountId":"default","month":"2026-10"}',
        'digest-hanoi-2026-10 {"accountId":"hanoi","month":"2026-10"}',
        'digest-la-2026-09 {"accountId":"la","month":"2026-09"}',
      ]);
    } finally {
      await cron.stop();
    }
  });

  it('refuses an expression that is not cron', async () => {
    await expect(startDigestCron({ db: t.db, queues, logger: testLogger, expression: 'monthly' })).rejects.toThrow(
      'MONTHLY_DIGEST_CRON',
    );
  });
});
