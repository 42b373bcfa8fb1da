import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * Connection options for BullMQ (going-to-production guide): workers and schedulers wait for Redis to
 * come back (maxRetriesPerRequest: null, reconnect forever with a capped delay); a producer inside an
 * HTTP request fails fast instead (no offline queue) and the completion tick catches up later.
 */
export type RedisRole = 'worker' | 'producer';

const reconnectDelay = (times: number) => Math.min(250 * times, 5_000);

export function bullConnection(redisUrl: string, role: RedisRole): ConnectionOptions {
  return role === 'worker'
    ? { url: redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: reconnectDelay }
    : { url: redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: reconnectDelay };
}

/** A plain client for our own keys (channel throttling), reconnecting like the workers. */
export function createRedisClient(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy: reconnectDelay });
}
