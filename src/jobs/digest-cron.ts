import cron, { ScheduledTask } from 'node-cron';
import { Logger } from 'pino';
import { lastFullMonth } from '../domain/time-zone';
import { listAccounts } from '../storage/accounts';
import { Db } from '../storage/connection';
import { enqueueDigest } from './enqueue';
import { JobQueues } from './job-queues';

export interface DigestCronOptions {
  db: Db;
  queues: JobQueues;
  logger: Logger;
  /** MONTHLY_DIGEST_CRON, read in each account's time zone. */
  expression: string;
  /** How often the set of account time zones is read again. */
  refreshMs?: number;
  now?: () => Date;
}

export interface DigestCron {
  /** Enqueues the digests due in one time zone now (what a cron tick does). */
  fire(timeZone: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The monthly digest clock: one node-cron task per account time zone, so "0 9 1 * *" means 09:00 on the
 * 1st where each account is. A tick only enqueues `digest-<account>-<YYYY-MM>` for the month that just
 * ended there; the job does the work, and the ledger makes two schedulers send one digest.
 */
export async function startDigestCron(options: DigestCronOptions): Promise<DigestCron> {
  const { db, queues, logger } = options;
  if (!cron.validate(options.expression))
    throw new Error(`MONTHLY_DIGEST_CRON "${options.expression}" is not a cron expression`);
  const tasks = new Map<string, ScheduledTask>();

  const fire = async (timeZone: string): Promise<number> => {
    const now = options.now?.() ?? new Date();
    const accounts = (await listAccounts(db)).filter((account) => account.timeZone === timeZone);
    for (const account of accounts) await enqueueDigest(queues, account.id, lastFullMonth(now, timeZone));
    if (accounts.length > 0) logger.info({ timeZone, accounts: accounts.length }, 'monthly digests enqueued');
    return accounts.length;
  };

  const refresh = async () => {
    const zones = new Set((await listAccounts(db)).map((account) => account.timeZone));
    for (const zone of zones) {
      if (tasks.has(zone)) continue;
      const task = cron.schedule(
        options.expression,
        () =>
          fire(zone).catch((err: unknown) =>
            logger.error({ err: (err as Error).message, timeZone: zone }, 'enqueueing digests failed'),
          ),
        { timezone: zone, name: `digest-${zone}`, noOverlap: true },
      );
      tasks.set(zone, task);
    }
    for (const [zone, task] of tasks) {
      if (!zones.has(zone)) {
        await task.destroy();
        tasks.delete(zone);
      }
    }
  };

  await refresh();
  const timer = setInterval(
    () => {
      refresh().catch((err: unknown) =>
        logger.warn({ err: (err as Error).message }, 'reading account time zones failed'),
      );
    },
    options.refreshMs ?? 5 * 60_000,
  );
  timer.unref();

  return {
    fire,
    async stop() {
      clearInterval(timer);
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
    },
  };
}
