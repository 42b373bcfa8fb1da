import { Redis } from 'ioredis';
import { Unreachable, whereOf } from '../domain/errors';

/** Redis must answer first: erasing the database and leaving job data behind would be a half erasure. */
export async function openErasureRedis(url: string, command: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    throw new Unreachable(
      `Redis at ${whereOf(url, 6379)} did not answer; ${command} changed nothing (it also erases job data there)`,
    );
  }
}
