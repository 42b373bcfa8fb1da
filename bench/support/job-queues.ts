import { Queue } from 'bullmq';
import { bullConnection } from '../../src/jobs/redis-connection';
import { QUEUE_NAMES } from '../../src/jobs/queues';

/** Removes every job queue of a benchmark's run (its own BullMQ prefix) from Redis; best effort. */
export async function dropJobQueues(redisUrl: string, prefix: string): Promise<void> {
  for (const name of Object.values(QUEUE_NAMES)) {
    const queue = new Queue(name, { connection: bullConnection(redisUrl, 'worker'), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
