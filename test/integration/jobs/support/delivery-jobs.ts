import { JobQueues, createJobQueues } from '../../../../src/jobs/job-queues';
import { JobSettings, jobSettings } from '../../../../src/jobs/job-settings';
import { Db } from '../../../../src/storage/connection';
import { withDeliveryLock } from '../../../../src/storage/delivery-locks';
import { DeliveryHarness, startDeliveryHarness } from '../../delivery/support/delivery-harness';
import { TEST_REDIS_URL, testLogger } from '../../delivery/support/delivery-env';

/** The real worker role without a scheduler, and the producer side of its queues for a test to add and read jobs. */
export async function startDeliveryJobsSuite(
  label: string,
  settings: Partial<JobSettings>,
): Promise<{ h: DeliveryHarness; queues: JobQueues; stop(): Promise<void> }> {
  const h = await startDeliveryHarness({ label, scheduler: false, settings });
  const queues = createJobQueues({
    redisUrl: TEST_REDIS_URL,
    prefix: h.prefix,
    role: 'worker',
    settings: jobSettings(settings),
    logger: testLogger,
  });
  return {
    h,
    queues,
    async stop() {
      await queues.close();
      await h.stop(); // drops the schema and clears the queue prefix
    },
  };
}

/** Holds a ledger row's lock from another connection, as another attempt would, until `release()`. */
export async function holdDeliveryLock(db: Db, deliveryId: string): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const holding = withDeliveryLock(db, deliveryId, async () => {
    taken();
    await released;
  });
  await held;
  return {
    async release() {
      release();
      await holding;
    },
  };
}
