import { Logger } from 'pino';
import { Config } from '../config';
import { Db } from '../storage/connection';
import { DigestCron, startDigestCron } from './digest-cron';
import { JobQueues, createJobQueues } from './job-queues';
import { JobSettings, jobSettings } from './job-settings';
import { COMPLETION_SCHEDULER_ID, JOB_NAMES, RETENTION_PATTERN, RETENTION_SCHEDULER_ID } from './queues';
import { RunningRole } from './worker-role';

export interface SchedulerRoleOptions {
  config: Config;
  db: Db;
  logger: Logger;
  queuePrefix?: string;
  settings?: Partial<JobSettings>;
  /** How often the completion job scheduler is checked (it is lost when Redis restarts empty). */
  schedulerCheckMs?: number;
  now?: () => Date;
}

export interface RunningSchedulerRole extends RunningRole {
  queues: JobQueues;
  digests: DigestCron;
}

/** Makes sure the BullMQ job scheduler that runs detect-completion exists with the configured period. */
async function ensureCompletionScheduler(queues: JobQueues, everyMs: number): Promise<boolean> {
  const existing = await queues.control.getJobScheduler(COMPLETION_SCHEDULER_ID);
  if (existing && existing.every === everyMs) return false;
  await queues.control.upsertJobScheduler(
    COMPLETION_SCHEDULER_ID,
    { every: everyMs },
    {
      name: JOB_NAMES.detectCompletion,
      data: {},
      opts: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 50 } },
    },
  );
  return true;
}

/** The daily personal-data retention (docs/security.md "Personal data"). */
async function ensureRetentionScheduler(queues: JobQueues): Promise<boolean> {
  const existing = await queues.control.getJobScheduler(RETENTION_SCHEDULER_ID);
  if (existing && existing.pattern === RETENTION_PATTERN) return false;
  await queues.control.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { pattern: RETENTION_PATTERN, tz: 'UTC' },
    {
      name: JOB_NAMES.retention,
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: true,
        removeOnFail: { count: 50 },
      },
    },
  );
  return true;
}

/**
 * ROLE=scheduler: the completion job scheduler (every COMPLETION_CHECK_SECONDS) and the monthly digest
 * cron. Several schedulers may run: the job scheduler has one id, digest jobs have deterministic ids.
 */
export async function startSchedulerRole(options: SchedulerRoleOptions): Promise<RunningSchedulerRole> {
  const { config, db, logger } = options;
  const settings = jobSettings(options.settings);
  const queues = createJobQueues({
    redisUrl: config.redisUrl,
    prefix: options.queuePrefix ?? config.queuePrefix,
    role: 'worker',
    settings,
    logger,
  });
  const everyMs = config.completion.checkSeconds * 1000;
  const ensure = async () => {
    if (await ensureCompletionScheduler(queues, everyMs)) logger.info({ everyMs }, 'completion check scheduled');
    if (await ensureRetentionScheduler(queues)) logger.info({ pattern: RETENTION_PATTERN }, 'retention scheduled');
  };
  await ensure();
  const timer = setInterval(() => {
    ensure().catch((err: unknown) =>
      logger.warn({ err: (err as Error).message }, 'checking the completion scheduler failed'),
    );
  }, options.schedulerCheckMs ?? 30_000);
  timer.unref();
  const digests = await startDigestCron({ db, queues, logger, expression: config.monthlyDigestCron, now: options.now });
  return {
    queues,
    digests,
    async stop() {
      clearInterval(timer);
      await digests.stop();
      await queues.close();
    },
  };
}
