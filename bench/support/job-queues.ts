import { Queue } from 'bullmq';
import { bullConnection } from '../../src/jobs/redis-connection';
import { QUEUE_NAMES } from '../../src/jobs/queues';

/** The Redis every benchmark's queues live in: REDIS_URL, as for the program, or the local one. */
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Removes every job queue of a benchmark's run (its own BullMQ prefix) from Redis; best effort. */
export async function dropJobQueues(redisUrl: string, prefix: string): Promise<void> {
  for (const name of Object.values(QUEUE_NAMES)) {
    const queue = new Queue(name, { connection: bullConnection(redisUrl, 'worker'), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
