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
  return rewriteRedisValues(redis, prefix, (value) => {
    let next = value;
    for (const needle of longestFirst) next = next.split(needle).join(replacement);
    return next === value ? null : next;
  });
}

/** Phone numbers and URLs quoted in a text: what retention looks up among the calls it erases. */
export const QUOTED_TOKEN = /\+?\d[\d]{6,14}|https?:\/\/[^\s"'<>\\]+/g;

/** Every token (QUOTED_TOKEN) quoted by a value under `<prefix>:`. */
export async function quotedTokensInRedis(redis: Redis, prefix: string): Promise<Set<string>> {
  const tokens = new Set<string>();
  await rewriteRedisValues(redis, prefix, (value) => {
    for (const match of value.matchAll(QUOTED_TOKEN)) tokens.add(match[0]);
    return null;
  });
  return tokens;
}

/** Calls `rewrite` with every value under `<prefix>:`; writes back what it returns (null: unchanged). */
async function rewriteRedisValues(
  redis: Redis,
  prefix: string,
  rewrite: (value: string) => string | null,
): Promise<number> {
  const scrub = rewrite;
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
