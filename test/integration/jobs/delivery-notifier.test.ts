import { Writable } from 'node:stream';
import pino from 'pino';
import net from 'node:net';
import { Redis } from 'ioredis';
import { createDeliveryNotifier } from '../../../src/jobs/delivery-notifier';
import { createJobQueues } from '../../../src/jobs/job-queues';
import { jobSettings } from '../../../src/jobs/job-settings';
import { jobIds } from '../../../src/jobs/queues';
import {
  TEST_REDIS_URL,
  clearQueuePrefix,
  testConfig,
  testLogger,
  uniquePrefix,
  waitUntil,
} from '../delivery/support/delivery-env';

/** How many scripts clients send Redis naming `text` (a BullMQ add is one), seen through MONITOR on a connection of its own. */
async function watchRedisFor(text: string): Promise<{ count(): number; stop(): void }> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const socket = net.connect(Number(port || 6379), hostname);
  let pending = '';
  let seen = 0;
  socket.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('latin1')).split('\r\n');
    pending = lines.pop() ?? '';
    seen += lines.filter((line) => /\] "eval(sha)?" /.test(line) && line.includes(text)).length;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.write('MONITOR\r\n');
    socket.once('data', () => resolve());
  });
  return { count: () => seen, stop: () => socket.destroy() };
}

describe('the web role nudging delivery after an ingest', () => {
  const accountId = 'acme';
  const second = 1_800_000_000;

  it('adds one update check per account and second, and sends later batches of that second no Redis command', async () => {
    const prefix = uniquePrefix('notifier');
    let nowMs = second * 1000 + 100;
    const notifier = createDeliveryNotifier({
      config: testConfig({}),
      logger: testLogger,
      queuePrefix: prefix,
      now: () => nowMs,
    });
    const queues = createJobQueues({
      redisUrl: TEST_REDIS_URL,
      prefix,
      role: 'producer',
      settings: jobSettings(),
      logger: testLogger,
    });
    const thisSecond = await watchRedisFor(jobIds.checkUpdates(accountId, second));
    const nextSecond = await watchRedisFor(jobIds.checkUpdates(accountId, second + 1));
    try {
      for (let batch = 0; batch < 50; batch += 1) notifier.onIngested(accountId);
      notifier.onIngested('globex');
      nowMs = second * 1000 + 999;
      notifier.onIngested(accountId);
      await waitUntil(async () => (await queues.control.getDelayedCount()) === 2, 5_000, 'two checks queued');
      nowMs = (second + 1) * 1000;
      notifier.onIngested(accountId);
      notifier.onIngested(accountId);
      await waitUntil(async () => (await queues.control.getDelayedCount()) === 3, 5_000, 'three checks queued');

      const delayed = await queues.control.getDelayed();
      expect(delayed.map((job) => job.id).sort()).toEqual(
        [
          jobIds.checkUpdates(accountId, second),
          jobIds.checkUpdates(accountId, second + 1),
          jobIds.checkUpdates('globex', second),
        ].sort(),
      );
      expect(thisSecond.count()).toBe(1);
      expect(nextSecond.count()).toBe(1);
    } finally {
      thisSecond.stop();
      nextSecond.stop();
      await notifier.close();
      await queues.close();
      await clearQueuePrefix(prefix);
    }
  });

  it('tries again within the second when Redis refused the add, and only logs', async () => {
    const notices: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          notices.push(JSON.parse(chunk.toString()).msg as string);
          done();
        },
      }),
    );
    // A Redis user that may connect but not run BullMQ's scripts: every add is refused at once.
    const user = uniquePrefix('no-scripts');
    const admin = new Redis(TEST_REDIS_URL);
    await admin.acl('SETUSER', user, 'on', '>secret-of-the-test', '~*', '&*', '+@all', '-evalsha', '-eval');
    const redisUrl = new URL(TEST_REDIS_URL);
    redisUrl.username = user;
    redisUrl.password = 'secret-of-the-test';
    const notifier = createDeliveryNotifier({
      config: testConfig({ REDIS_URL: redisUrl.toString() }),
      logger,
      queuePrefix: user,
      now: () => second * 1000 + 5,
    });
    const refused = () => notices.filter((msg) => msg.startsWith('could not enqueue the update check')).length;
    try {
      notifier.onIngested(accountId);
      await waitUntil(async () => refused() === 1, 5_000, 'the first add refused');
      notifier.onIngested(accountId);
      await waitUntil(async () => refused() === 2, 5_000, 'the add tried again and refused');
      expect(refused()).toBe(2);
    } finally {
      await notifier.close();
      await admin.acl('DELUSER', user);
      admin.disconnect();
      await clearQueuePrefix(user);
    }
  });
});
