import { setImmediate as nextTurn } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { newPseudonym } from '../domain/forgotten-identifiers';
import { phoneFromInput } from '../domain/phone-number';
import { Db } from '../storage/connection';
import {
  heldByExpiredCalls,
  accountsWithRetention,
  pseudonymizeExpiredPhoneIds,
  claimRetentionDay,
  eraseExpiredBatch,
  finishRetentionDay,
  releaseRetentionDay,
  recordErasure,
} from '../storage/personal-data-erasure';
import { QUOTED_TOKEN, quotedTokensInRedis, scrubRedis } from './redis-personal-data';
import { removeTempFilesQuoting, tempFileTexts } from './temp-file-personal-data';

export interface RetentionOptions {
  /** One account only; every account with a period otherwise. */
  accountId?: string;
  now?: Date;
  /** Calls looked at per statement: each batch holds its row locks only while it runs. */
  batchSize?: number;
  requestedBy: string;
  /** Redis and the job queues' prefix: values quoting what expires are rewritten too. */
  redis?: { client: Redis; prefix: string };
  /** Where temporary CSV exports are written (os.tmpdir()). */
  tmpDir?: string;
}

export interface RetentionResult {
  accounts: { accountId: string; days: number; calls: number; redisValues: number; tempFiles: number }[];
  calls: number;
}

/**
 * Before the calls lose them: the phones and recording URLs that Redis values or temporary CSV exports quote
 * and that expiring calls hold (looked up from the few quotes, not the other way round), removed there.
 */
async function eraseQuotesElsewhere(
  db: Db,
  account: { accountId: string; timeZone: string },
  cutoff: Date,
  options: RetentionOptions,
): Promise<{ redisValues: number; tempFiles: number }> {
  const tokens = new Set<string>(
    options.redis ? await quotedTokensInRedis(options.redis.client, options.redis.prefix) : [],
  );
  for (const text of await tempFileTexts(options.tmpDir))
    for (const match of text.matchAll(QUOTED_TOKEN)) tokens.add(match[0]);
  const phoneOf = new Map<string, string>();
  const urls: string[] = [];
  for (const token of tokens) {
    if (/^https?:/i.test(token)) urls.push(token);
    else {
      const phone = phoneFromInput(token, account.timeZone);
      if (phone) phoneOf.set(token, phone);
    }
  }
  const held = await heldByExpiredCalls(db, account.accountId, cutoff, [...new Set(phoneOf.values())], urls);
  const needles = [...tokens].filter((token) => held.has(phoneOf.get(token) ?? token));
  if (needles.length === 0) return { redisValues: 0, tempFiles: 0 };
  return {
    redisValues: options.redis
      ? await scrubRedis(options.redis.client, options.redis.prefix, needles, '[removed by retention]')
      : 0,
    tempFiles: await removeTempFilesQuoting(needles, options.tmpDir),
  };
}

const DAY_MS = 86_400_000;

/**
 * Retention (docs/security.md "Personal data"): removes phone and recording of every call that ended more
 * than the account's `retain_personal_days` ago, in batches of calls in key order, each its own statement,
 * so the webhook never waits long on a row. Figures do not read those columns, so none moves.
 */
export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  const result: RetentionResult = { accounts: [], calls: 0 };
  for (const { accountId, days, timeZone } of await accountsWithRetention(db, options.accountId)) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const elsewhere = await eraseQuotesElsewhere(db, { accountId, timeZone }, cutoff, options);
    let after = '';
    let calls = 0;
    for (;;) {
      const batch = await eraseExpiredBatch(db, accountId, cutoff, after, batchSize);
      calls += batch.changed;
      if (batch.lastCallId === null) break;
      after = batch.lastCallId;
      await nextTurn();
    }
    // Counted apart: these calls lost their phone above, or had none to lose, and are counted there.
    await pseudonymizeExpiredPhoneIds(db, accountId, cutoff, newPseudonym);
    if (calls > 0) await recordErasure(db, { accountId, kind: 'retention', requestedBy: options.requestedBy, calls });
    result.accounts.push({ accountId, days, calls, ...elsewhere });
    result.calls += calls;
  }
  return result;
}

/**
 * The daily job: the first scheduler process to claim the UTC day runs it; a claim left by a process that
 * died is taken over after an hour (retention is idempotent, so running it again is harmless).
 */
export async function runDailyRetention(
  db: Db,
  now = new Date(),
  redis?: RetentionOptions['redis'],
): Promise<RetentionResult | null> {
  const day = now.toISOString().slice(0, 10);
  if (!(await claimRetentionDay(db, day))) return null;
  try {
    const result = await runRetention(db, { now, requestedBy: 'scheduler', redis });
    await finishRetentionDay(db, day, result.calls);
    return result;
  } catch (error) {
    await releaseRetentionDay(db, day);
    throw error;
  }
}
