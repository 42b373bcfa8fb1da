import { setImmediate as nextTurn } from 'node:timers/promises';
import { Db } from '../storage/connection';
import {
  accountsWithRetention,
  claimRetentionDay,
  eraseExpiredBatch,
  finishRetentionDay,
  releaseRetentionDay,
  recordErasure,
} from '../storage/personal-data-erasure';

export interface RetentionOptions {
  /** One account only; every account with a period otherwise. */
  accountId?: string;
  now?: Date;
  /** Calls looked at per statement: each batch holds its row locks only while it runs. */
  batchSize?: number;
  requestedBy: string;
}

export interface RetentionResult {
  accounts: { accountId: string; days: number; calls: number }[];
  calls: number;
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
  for (const { accountId, days } of await accountsWithRetention(db, options.accountId)) {
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let after = '';
    let calls = 0;
    for (;;) {
      const batch = await eraseExpiredBatch(db, accountId, cutoff, after, batchSize);
      calls += batch.changed;
      if (batch.lastCallId === null) break;
      after = batch.lastCallId;
      await nextTurn();
    }
    if (calls > 0) await recordErasure(db, { accountId, kind: 'retention', requestedBy: options.requestedBy, calls });
    result.accounts.push({ accountId, days, calls });
    result.calls += calls;
  }
  return result;
}

/**
 * The daily job: the first scheduler process to claim the UTC day runs it; a claim left by a process that
 * died is taken over after an hour (retention is idempotent, so running it again is harmless).
 */
export async function runDailyRetention(db: Db, now = new Date()): Promise<RetentionResult | null> {
  const day = now.toISOString().slice(0, 10);
  if (!(await claimRetentionDay(db, day))) return null;
  try {
    const result = await runRetention(db, { now, requestedBy: 'scheduler' });
    await finishRetentionDay(db, day, result.calls);
    return result;
  } catch (error) {
    await releaseRetentionDay(db, day);
    throw error;
  }
}
