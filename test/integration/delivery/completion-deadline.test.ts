import { Job } from 'bullmq';
import { createSlackClientSource } from '../../../src/adapters/slack/delivery/slack-delivery-client';
import { createSlackDeliveryChannel } from '../../../src/adapters/slack/delivery/slack-delivery-channel';
import { ChannelRegistry } from '../../../src/jobs/channel-registry';
import { CompletionDeps, processCompletionTick } from '../../../src/jobs/completion-job';
import { processFanOut } from '../../../src/jobs/fan-out-job';
import { JobQueues, createJobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { JOB_NAMES, jobIds } from '../../../src/jobs/queues';
import { findCampaign } from '../../../src/storage/campaigns';
import { nextCompletionDeadline } from '../../../src/storage/completion';
import { TestDb, createTestDb } from '../../support/test-db';
import {
  TEST_REDIS_URL,
  callEvents,
  clearQueuePrefix,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeSlack,
  testLogger,
  uniquePrefix,
} from './support/delivery-env';

/**
 * Issue 19: a campaign whose settle window ends between two periodic checks is completed at its deadline,
 * by a check scheduled for that instant, not at the next period; the campaigns a check completes are fanned
 * out together into the same ledger rows a fan-out job would write.
 */
const windows = { settleMs: 120_000, idleTimeoutMs: 6 * 3_600_000 };
const CHECK_EVERY_MS = 60_000;
const NOW = new Date('2026-11-26T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let t: TestDb;
let prefix: string;
let queues: JobQueues;
let deps: CompletionDeps;
let clock = NOW;

beforeAll(async () => {
  t = await createTestDb();
  prefix = uniquePrefix('deadline');
  const settings = jobSettings();
  queues = createJobQueues({ redisUrl: TEST_REDIS_URL, prefix, role: 'worker', settings, logger: testLogger });
  const slack = createSlackDeliveryChannel({
    clients: createSlackClientSource('http://127.0.0.1:9/api/', async () => 'xoxb-never-called'),
    quickchartBaseUrl: 'off',
    logger: testLogger,
  });
  deps = {
    db: t.db,
    queues,
    channels: new ChannelRegistry([slack]),
    windows,
    settings,
    logger: testLogger,
    checkEveryMs: CHECK_EVERY_MS,
    now: () => clock,
  };
  await subscribeSlack(t.db, 'default', 'C0ALL');
  // The completion event arrives 90 s before NOW: the settle window ends 30 s after NOW, between two checks.
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'between', calls: 2 }), at(-200_000));
  await ingestEvents(t.db, 'default', [completionEvent({ campaignId: 'between' })], at(-90_000));
  // Ends 100 s after NOW: beyond the next periodic check, which schedules it.
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'later', calls: 2 }), at(-200_000));
  await ingestEvents(t.db, 'default', [completionEvent({ campaignId: 'later' })], at(-20_000));
  // Idle for 6 h from 1 h ago: far beyond.
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'running', calls: 2 }), at(-3_600_000));
});

afterAll(async () => {
  await queues.close();
  await clearQueuePrefix(prefix);
  await t.drop();
});

const delayed = async () =>
  (await queues.control.getDelayed()).map((job: Job) => ({
    id: job.id,
    name: job.name,
    delay: job.opts.delay,
  }));

describe('completion at the deadline', () => {
  it('finds the earliest deadline within the horizon, and none beyond it', async () => {
    expect(await nextCompletionDeadline(t.db, NOW, at(CHECK_EVERY_MS), windows)).toEqual(at(30_000));
    expect(await nextCompletionDeadline(t.db, NOW, at(29_000), windows)).toBeNull();
    expect(await nextCompletionDeadline(t.db, at(30_000), at(200_000), windows)).toEqual(at(100_000));
  });

  it('a periodic check completes nothing yet and schedules a check exactly at the settle deadline', async () => {
    clock = NOW;
    const tick = await processCompletionTick(deps);
    expect(tick).toMatchObject({ completed: 0, nextCheckAt: at(30_001).getTime() });
    expect(await delayed()).toEqual([
      { id: jobIds.completionAt(at(30_001).getTime()), name: JOB_NAMES.detectCompletion, delay: 30_001 },
    ]);
    // Another check seeing the same deadline (a second scheduler, the next tick) adds no second job.
    await processCompletionTick(deps);
    expect(await delayed()).toHaveLength(1);
  });

  it('the check at the deadline completes the campaign then, fans it out, and schedules the next deadline', async () => {
    clock = at(30_001);
    const tick = await processCompletionTick(deps, { sweep: false });
    expect(tick.completed).toBe(1);
    const between = await findCampaign(t.db, 'default', 'between');
    expect(between).toMatchObject({ recordedState: 'complete', completedAt: at(30_001) });
    expect(between!.completedAt!.getTime()).toBeLessThan(NOW.getTime() + CHECK_EVERY_MS);
    expect((await findCampaign(t.db, 'default', 'later'))?.recordedState).toBe('settling');
    // Fanned out in the same job: the ledger row, the outbox row done, the delivery job enqueued.
    const rows = await ledger(t.db);
    expect(rows.map((row) => `${row.destination} ${row.status}`)).toEqual(['C0ALL pending']);
    const outbox = await t.db('report_fanouts').where({ report_ref: 'between' });
    expect(outbox.map((row) => row.status)).toEqual(['done']);
    const deliveries = await queues.delivery.getJobs(['waiting', 'prioritized']);
    expect(deliveries.map((job) => job.id)).toEqual([jobIds.deliver(rows[0].id)]);
    expect(await queues.control.getJobs(['waiting'])).toEqual([]); // no fan-out job needed
    // The next deadline is beyond this check's horizon (one period): the next periodic check schedules it.
    expect(tick.nextCheckAt).toBeNull();
  });

  it('the next periodic check schedules the following deadline that falls before the period after it', async () => {
    clock = at(CHECK_EVERY_MS);
    const tick = await processCompletionTick(deps);
    expect(tick).toMatchObject({ completed: 0, nextCheckAt: at(100_001).getTime() });
    expect(await delayed()).toContainEqual({
      id: jobIds.completionAt(at(100_001).getTime()),
      name: JOB_NAMES.detectCompletion,
      delay: 40_001,
    });
  });

  it('a fan-out job of the same campaign afterwards adds no ledger row', async () => {
    const before = await ledger(t.db);
    await processFanOut(deps, 'default', 'between');
    expect(await ledger(t.db)).toEqual(before);
  });

  it('one check completes every campaign due, in batches, rather than leaving the rest to the next period', async () => {
    for (const id of ['many-1', 'many-2', 'many-3']) {
      await ingestEvents(t.db, 'default', callEvents({ campaignId: id, calls: 1 }), at(-600_000));
      await ingestEvents(t.db, 'default', [completionEvent({ campaignId: id })], at(-500_000));
    }
    clock = at(70_000);
    const tick = await processCompletionTick({ ...deps, completionBatch: 2 }, { sweep: false });
    expect(tick.completed).toBe(3);
    const rows = await ledger(t.db);
    expect(rows.filter((row) => row.status === 'pending')).toHaveLength(4); // between's and the three
  });
});
