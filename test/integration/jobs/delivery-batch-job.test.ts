import { Job, JobType } from 'bullmq';
import { deliveryIdFor } from '../../../src/domain/delivery-ids';
import { DELIVERY_BATCH_SIZE, enqueueCompletionCheckAt, enqueueDeliveries } from '../../../src/jobs/enqueue';
import { JobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { DeliverBatchPayload, DeliveryPayload, JOB_NAMES, RowPayload, jobIds } from '../../../src/jobs/queues';
import { Db, createDb } from '../../../src/storage/connection';
import { findSubscription } from '../../../src/storage/subscriptions';
import { TEST_DATABASE_URL } from '../../support/test-db';
import type { SlackCall } from '../../support/fakes/fake-slack';
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
 * The deliver-batch job of src/jobs/delivery-batch-job.ts in the real worker role: campaigns that complete
 * in one completion check fan out into batches of DELIVERY_BATCH_SIZE rows, posted to the fake Slack; what a batch cannot
 * finish continues in a job of its own. Each case completes its own campaigns `<tag>-<i>`, each subscribed
 * by its own channel.
 */
const ACCOUNT = 'default';
// No scheduler and no sweep: only the completion checks a case asks for enqueue anything.
const SETTINGS = { ...FAST_SETTINGS, sweepAfterMs: 600_000 };
const STATES: JobType[] = ['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'];

let h: DeliveryHarness;
let queues: JobQueues;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ h, queues, stop } = await startDeliveryJobsSuite('batch', SETTINGS));
}, 30_000);
afterAll(() => stop?.(), 30_000);

const channelOf = (tag: string, i: number) => `C0${tag.toUpperCase()}${i}`;

/** `count` settled campaigns (of `callsOf(i)` calls), each subscribed by its own channel, completed by one completion check. */
async function completeTogether(tag: string, count: number, callsOf = (_i: number) => 2): Promise<void> {
  const shapes = Array.from({ length: count }, (_, i) => ({ campaignId: `${tag}-${i}`, calls: callsOf(i) }));
  for (const [i, shape] of shapes.entries())
    await subscribeSlack(h.t.db, ACCOUNT, channelOf(tag, i), { kind: 'campaign', id: shape.campaignId });
  const events = shapes.flatMap((shape) => [...callEvents(shape), completionEvent(shape)]);
  await ingestEvents(h.t.db, ACCOUNT, events, new Date(Date.now() - 60_000));
  await enqueueCompletionCheckAt(queues, Date.now());
}

const rowsOf = async (tag: string) => (await ledger(h.t.db)).filter((row) => row.report_ref.startsWith(`${tag}-`));

/** The ledger rows of a case once every one is done or failed. */
const settledRows = (tag: string, count: number) =>
  waitUntil(
    async () => {
      const rows = await rowsOf(tag);
      return rows.length === count && rows.every((row) => row.status === 'done' || row.status === 'failed') && rows;
    },
    30_000,
    `${tag} rows settled`,
  );

const idsOf = (job: Job<DeliveryPayload>) => (job.data as DeliverBatchPayload).deliveryIds;

/** The delivery jobs about these rows: batches, and jobs of one row (`deliver-…`, `update-…`). */
async function jobsAbout(rowIds: readonly string[]) {
  const jobs = (await queues.delivery.getJobs(STATES)) as Job<DeliveryPayload>[];
  const ours = (id: string) => rowIds.includes(id);
  return {
    batches: jobs.filter((job) => job.name === JOB_NAMES.deliverBatch && idsOf(job).some(ours)),
    single: jobs.filter((job) => job.name !== JOB_NAMES.deliverBatch && ours((job.data as RowPayload).deliveryId)),
  };
}

/** The one batch of a case, once it finished. */
const finishedBatch = (rowIds: () => Promise<string[]>) =>
  waitUntil(
    async () => {
      const [batch, ...more] = (await jobsAbout(await rowIds())).batches;
      if (more.length > 0) throw new Error('expected one batch');
      return batch?.finishedOn ? batch : null;
    },
    30_000,
    'batch finished',
  );

const posts = (channel: string, ok?: boolean) =>
  h.slack.calls.filter(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.body.channel === channel &&
      (ok === undefined || (c.response as { ok?: boolean }).ok === ok),
  );
const firstRefused = (status: (call: SlackCall) => boolean) =>
  h.slack.waitFor((c) => c.method === 'chat.postMessage' && status(c), 20_000);

describe('the deliver-batch job', () => {
  const many = 2 * DELIVERY_BATCH_SIZE + 5;
  it(`posts ${many} campaigns completing together in three batches (${DELIVERY_BATCH_SIZE}, ${DELIVERY_BATCH_SIZE}, 5), one message per channel`, async () => {
    const callsOf = (i: number) => 2 + (i % 7);
    await completeTogether('a', many, callsOf);
    const rows = await settledRows('a', many);

    for (const row of rows) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    for (let i = 0; i < many; i += 1) {
      const messages = h.slack.messages(channelOf('a', i));
      expect(messages).toHaveLength(1);
      // Each message shows its own campaign's figures, read for the whole batch at once.
      expect(messages[0].text).toContain(`${callsOf(i)} calls`);
      expect(rows.find((row) => row.destination === channelOf('a', i))?.message_ref).toBe(messages[0].ts);
    }
    // A row is done inside its batch's handler; the batch's return value is stored once the handler returned.
    const { batches, single } = await waitUntil(
      async () => {
        const jobs = await jobsAbout(rows.map((row) => row.id));
        return jobs.batches.every((job) => job.finishedOn) && jobs;
      },
      30_000,
      'batches finished',
    );
    expect(batches.map((job) => idsOf(job).length).sort((x, y) => y - x)).toEqual([
      DELIVERY_BATCH_SIZE,
      DELIVERY_BATCH_SIZE,
      5,
    ]);
    expect(new Set(batches.flatMap(idsOf)).size).toBe(many);
    for (const job of batches) {
      expect(job.id).toBe(jobIds.deliverBatch(idsOf(job)));
      expect(job.returnvalue).toEqual({ posted: idsOf(job).length });
    }
    expect(single).toEqual([]);
  }, 60_000);

  it('hands a rate-limited row to a job of its own, after Retry-After, while the others post at once', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await completeTogether('b', 4);
    const limited = await firstRefused((c) => c.status === 429);
    const batch = await finishedBatch(async () => (await rowsOf('b')).map((row) => row.id));
    const rowId = (await rowsOf('b')).find((row) => row.destination === limited.body.channel)!.id;

    expect(batch.returnvalue).toEqual({ posted: 3, 'handed-off': 1 });
    const waiting = (await rowsOf('b')).find((row) => row.id === rowId)!;
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toContain('ratelimited');
    const handOff = await queues.delivery.getJob(jobIds.handOff(rowId, String(batch.id)));
    expect(handOff?.id).toMatch(new RegExp(`^deliver-${rowId}-from-batch-`));
    expect(handOff?.opts.delay).toBe(2_000);

    const rows = await settledRows('b', 4);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
    const retried = posts(String(limited.body.channel), true);
    expect(retried).toHaveLength(1);
    expect(h.slack.messages(String(limited.body.channel))).toHaveLength(1);
    for (const row of rows.filter((r) => r.id !== rowId)) {
      expect(h.slack.messages(row.destination)).toHaveLength(1);
      expect(posts(row.destination)[0].at).toBeLessThan(retried[0].at); // they did not wait for it
    }
  }, 60_000);

  it('posts rows that share a channel one interval apart, and hands those due later to delayed jobs of their own', async () => {
    const channel = 'C0SHARED';
    const shapes = Array.from({ length: 4 }, (_, i) => ({ campaignId: `f-${i}`, calls: 2 }));
    for (const shape of shapes)
      await subscribeSlack(h.t.db, ACCOUNT, channel, { kind: 'campaign', id: shape.campaignId });
    const events = shapes.flatMap((shape) => [...callEvents(shape), completionEvent(shape)]);
    await ingestEvents(h.t.db, ACCOUNT, events, new Date(Date.now() - 60_000));
    await enqueueCompletionCheckAt(queues, Date.now());
    const batch = await finishedBatch(async () => (await rowsOf('f')).map((row) => row.id));

    // One message a second in a channel: the first two are within the wait a job makes in place.
    expect(batch.returnvalue).toEqual({ posted: 2, 'handed-off': 2 });
    const order = idsOf(batch);
    for (const id of order.slice(2)) {
      const handOff = await queues.delivery.getJob(jobIds.handOff(id, String(batch.id)));
      expect(handOff?.opts.delay).toBeGreaterThan(jobSettings(SETTINGS).maxInlineThrottleWaitMs);
    }
    const rows = await settledRows('f', 4);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
    const refOf = new Map(rows.map((row) => [row.id, row.report_ref]));
    const postedRefs = posts(channel, true).map(
      (c) => (c.body.metadata as { event_payload?: { report_ref?: string } }).event_payload?.report_ref,
    );
    expect(postedRefs).toEqual(order.map((id) => refOf.get(id))); // once each, in the batch's order
    expect(h.slack.messages(channel)).toHaveLength(4);
  }, 60_000);

  it('fails a row whose channel is gone and breaks its subscription; the rest of the batch posts', async () => {
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await completeTogether('c', 4);
    const refused = await firstRefused((c) => (c.response as { error?: string }).error === 'channel_not_found');
    const gone = String(refused.body.channel);
    const rows = await settledRows('c', 4);
    const batch = await finishedBatch(async () => rows.map((row) => row.id));

    expect(batch.returnvalue).toEqual({ posted: 3, failed: 1 });
    const failed = rows.find((row) => row.destination === gone)!;
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toContain('channel_not_found');
    const [subscription] = await h.t.db('subscriptions').where({ destination: gone });
    expect(await findSubscription(h.t.db, Number(subscription.id))).toMatchObject({ status: 'broken' });
    expect(posts(gone)).toHaveLength(1); // never tried again
    expect(h.slack.messages(gone)).toHaveLength(0);
    for (const row of rows.filter((r) => r.destination !== gone)) {
      expect(row.status).toBe('done');
      expect(h.slack.messages(row.destination)).toHaveLength(1);
    }
    expect((await jobsAbout(rows.map((row) => row.id))).single).toEqual([]);
  }, 60_000);

  // Both a batch and a row's own job follow their posts up (followUpPosted); no sweep would edit it in this suite.
  it.each([
    ['its own job', 'g', 1],
    ['a batch', 'h', 3],
  ])(
    'edits a message once more when a call arrives while it is being posted (%s)',
    async (_, tag, count) => {
      const hold = h.slack.holdNext('chat.postMessage');
      await completeTogether(tag, count);
      const channel = String((await hold.arrived).channel);
      const campaignId = `${tag}-${channel.slice(channelOf(tag, 0).length - 1)}`;
      await ingestEvents(h.t.db, ACCOUNT, callEvents({ campaignId, calls: 1, from: 2 }), new Date(Date.now() - 60_000));
      hold.release();

      const edit = await h.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === channel, 20_000);
      const [message] = h.slack.messages(channel);
      expect(edit.body.ts).toBe(message.ts);
      expect(message.text).toContain('3 calls');
      const [campaign] = await h.t.db('campaigns').where({ account_id: ACCOUNT, campaign_id: campaignId });
      const rows = await waitUntil(
        async () => {
          const all = await settledRows(tag, count);
          return all.find((row) => row.destination === channel)?.delivered_revision === campaign.revision && all;
        },
        20_000,
        'edit recorded',
      );
      for (const row of rows) expect(h.slack.messages(row.destination)).toHaveLength(1);
      const others = rows.filter((row) => row.destination !== channel).map((row) => row.destination);
      expect(
        h.slack.calls.filter((c) => c.method === 'chat.update' && others.includes(String(c.body.channel))),
      ).toEqual([]);
    },
    60_000,
  );

  describe('with a row another attempt holds', () => {
    let lockDb: Db;
    beforeAll(() => {
      lockDb = createDb({ databaseUrl: TEST_DATABASE_URL, schema: h.t.schema, poolMax: 2 });
    });
    afterAll(() => lockDb?.destroy());

    it('posts the others meanwhile, and the held row once after its lock is released', async () => {
      const channel = channelOf('d', 0);
      const heldId = deliveryIdFor(
        { kind: 'campaign', accountId: ACCOUNT, ref: 'd-0' },
        { kind: 'slack', workspaceId: 'T0FAKE', destination: channel },
      );
      const lock = await holdDeliveryLock(lockDb, heldId);

      try {
        await completeTogether('d', 4);
        const batch = await finishedBatch(async () => (await rowsOf('d')).map((row) => row.id));
        const whileHeld = await rowsOf('d');
        expect(batch.returnvalue).toEqual({ posted: 3, 'handed-off': 1 });
        expect(whileHeld.find((row) => row.id === heldId)).toMatchObject({ status: 'pending', attempts: 0 });
        for (const row of whileHeld.filter((r) => r.id !== heldId)) {
          expect(row.status).toBe('done');
          expect(h.slack.messages(row.destination)).toHaveLength(1);
        }
        expect(posts(channel)).toHaveLength(0);
        const handOff = await queues.delivery.getJob(jobIds.handOff(heldId, String(batch.id)));
        expect(handOff?.opts.delay).toBe(SETTINGS.busyRetryMs);
      } finally {
        await lock.release();
      }
      const rows = await settledRows('d', 4);
      expect(rows.find((row) => row.id === heldId)?.status).toBe('done');
      expect(posts(channel)).toHaveLength(1);
      expect(h.slack.messages(channel)).toHaveLength(1);
    }, 60_000);
  });

  it('posts nothing again when the same batch is enqueued again after it finished, or run again', async () => {
    await completeTogether('e', 3);
    const rows = await settledRows('e', 3);
    const ids = rows.map((row) => row.id);
    const batch = await finishedBatch(async () => ids);
    const postsBefore = h.slack.calls.filter((c) => c.method.startsWith('chat.')).length;

    // While Redis remembers the finished job, the same rows make the same job id: no new job.
    await enqueueDeliveries(queues, idsOf(batch));
    expect((await queues.delivery.getJob(String(batch.id)))?.timestamp).toBe(batch.timestamp);

    // Once it is forgotten, the same batch runs again and finds its rows done.
    await batch.remove();
    await enqueueDeliveries(queues, idsOf(batch));
    const rerun = await waitUntil(
      async () => {
        const job = await queues.delivery.getJob(String(batch.id));
        return job?.finishedOn && job.timestamp !== batch.timestamp ? job : null;
      },
      20_000,
      'batch run again',
    );

    expect(rerun.returnvalue).toEqual({ 'already-done': 3 });
    expect(h.slack.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(postsBefore);
    for (const row of await rowsOf('e')) {
      expect(row).toMatchObject({ status: 'done', attempts: 1 });
      expect(h.slack.messages(row.destination)).toHaveLength(1);
    }
    expect((await jobsAbout(ids)).single).toEqual([]);
  }, 60_000);
});
