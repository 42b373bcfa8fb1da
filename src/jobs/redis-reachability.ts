import { Redis } from 'ioredis';
import { Unreachable, networkErrorCode, whereOf } from '../domain/errors';

/**
 * Fails at start, in one line, when Redis does not answer, instead of workers retrying forever in the log.
 * Once running, the roles ride out a Redis restart (redis-connection.ts).
 */
export async function ensureRedisReachable(redisUrl: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = (lastError ?? error) as Error & { code?: string };
    const reason = networkErrorCode(cause) ?? cause.message.split('\n')[0];
    throw new Unreachable(
      `cannot reach Redis at ${whereOf(redisUrl, 6379)} (${reason}): start it, or set REDIS_URL to one that answers (ROLE=web runs without it)`,
    );
  } finally {
    client.disconnect();
  }
}
