import { Redis } from 'ioredis';

/**
 * Rewrites every value under `<prefix>:` in Redis that quotes one of `needles` (job data, failure reasons,
 * stack traces, return values, job logs; storage/personal-data.ts REDIS_PLACES), replacing the quote.
 * Returns how many values changed. SCAN walks the keys without blocking Redis.
 */
export async function scrubRedis(
  redis: Redis,
  prefix: string,
  needles: readonly string[],
  replacement: string,
): Promise<number> {
  if (needles.length === 0) return 0;
  const longestFirst = [...needles].sort((a, b) => b.length - a.length);
  const scrub = (value: string): string | null => {
    let next = value;
    for (const needle of longestFirst) next = next.split(needle).join(replacement);
    return next === value ? null : next;
  };
  let changed = 0;
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = nextCursor;
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') {
        const fields = await redis.hgetall(key);
        for (const [field, value] of Object.entries(fields)) {
          const next = scrub(value);
          if (next !== null) {
            await redis.hset(key, field, next);
            changed += 1;
          }
        }
      } else if (type === 'string') {
        const value = await redis.get(key);
        const next = value === null ? null : scrub(value);
        if (next !== null) {
          await redis.set(key, next, 'KEEPTTL');
          changed += 1;
        }
      } else if (type === 'list') {
        const values = await redis.lrange(key, 0, -1);
        for (let i = 0; i < values.length; i += 1) {
          const next = scrub(values[i]);
          if (next !== null) {
            await redis.lset(key, i, next);
            changed += 1;
          }
        }
      }
    }
  } while (cursor !== '0');
  return changed;
}
