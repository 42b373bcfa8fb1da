import { Job } from 'bullmq';
import { deliveryIdFor } from '../../../src/domain/delivery-ids';
import { enqueueDelivery } from '../../../src/jobs/enqueue';
import { JobQueues } from '../../../src/jobs/job-queues';
import { jobIds } from '../../../src/jobs/queues';
import { Db, createDb } from '../../../src/storage/connection';
import { TEST_DATABASE_URL } from '../../support/test-db';
import { DeliveryHarness } from '../delivery/support/delivery-harness';
import { holdDeliveryLock, startDeliveryJobsSuite } from './support/delivery-jobs';
import {
  FAST_SETTINGS,
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeSlack,
  waitUntil,
} from '../delivery/support/delivery-env';

/**
 * A `deliver` job whose row another attempt holds (src/jobs/delivery-job.ts): it retries, and when it runs out
 * of attempts it leaves the row as the holder does. Giving up must not fail a row that the holder is about to
 * post, nor write the job's "busy" onto it.
 */
const SETTINGS = { ...FAST_SETTINGS, deliveryAttempts: 2, busyRetryMs: 50, sweepAfterMs: 600_000 };

let h: DeliveryHarness;
let queues: JobQueues;
let stop: () => Promise<void>;
let lockDb: Db;

beforeAll(async () => {
  ({ h, queues, stop } = await startDeliveryJobsSuite('busy', SETTINGS));
  lockDb = createDb({ databaseUrl: TEST_DATABASE_URL, schema: h.t.schema, poolMax: 2 });
}, 30_000);
afterAll(async () => {
  await lockDb?.destroy();
  await stop?.();
}, 30_000);

describe('a delivery job that finds its row held by another attempt', () => {
  it('gives up without touching the row, which is posted once by the next attempt', async () => {
    const channel = 'C0BUSY';
    const subject = { kind: 'campaign' as const, accountId: 'default', ref: 'busy-1' };
    const id = deliveryIdFor(subject, { kind: 'slack', workspaceId: 'T0FAKE', destination: channel });
    await subscribeSlack(h.t.db, 'default', channel, { kind: 'campaign', id: 'busy-1' });
    const shape = { campaignId: 'busy-1', calls: 2 };
    await ingestEvents(
      h.t.db,
      'default',
      [...callEvents(shape), completionEvent(shape)],
      new Date(Date.now() - 60_000),
    );
    await h.t.db('deliveries').insert({
      id,
      account_id: 'default',
      report_kind: 'campaign',
      report_ref: 'busy-1',
      channel_kind: 'slack',
      workspace_id: 'T0FAKE',
      destination: channel,
      subscription_ids: '[]',
    });

    const lock = await holdDeliveryLock(lockDb, id);
    try {
      await enqueueDelivery(queues, id);
      const job = await waitUntil(
        async () => {
          const found = (await queues.delivery.getJob(jobIds.deliver(id))) as Job | undefined;
          return found && (await found.isFailed()) ? found : null;
        },
        20_000,
        'the busy job gave up',
      );
      expect(job.attemptsMade).toBe(2);
      expect(job.failedReason).toContain('another attempt is delivering this report');
      const [row] = (await ledger(h.t.db)).filter((r) => r.id === id);
      expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    } finally {
      await lock.release();
    }

    await enqueueDelivery(queues, id, true); // what the sweep does with a row left pending
    await waitUntil(
      async () => (await ledger(h.t.db)).find((r) => r.id === id)?.status === 'done' || null,
      20_000,
      'the row posted',
    );
    expect(h.slack.messages(channel)).toHaveLength(1);
  }, 60_000);
});
