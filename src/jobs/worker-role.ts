import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type Mail from 'nodemailer/lib/mailer';
import { Logger } from 'pino';
import { Config } from '../config';
import { DeliveryChannel } from '../domain/delivery';
import { ReportDeps } from '../reports/report-context';
import { Db } from '../storage/connection';
import { createEmailDeliveryChannel } from '../adapters/email/email-delivery-channel';
import { createPooledSmtpTransport } from '../adapters/email/smtp-transport';
import { SlackTokenFor, createSlackClientSource } from '../adapters/slack/delivery/slack-delivery-client';
import { createSlackDeliveryChannel } from '../adapters/slack/delivery/slack-delivery-channel';
import { workspaceLook } from '../adapters/slack/workspace-look';
import { deliveryBackoff } from './backoff';
import { ChannelRegistry } from './channel-registry';
import { createChannelThrottle } from './channel-throttle';
import { completionWindows } from '../domain/campaign-state';
import { controlProcessor } from './control-processor';
import { DeliveryMarks, processDeliveryJob } from './delivery-job';
import { createJobQueues } from './job-queues';
import { JobSettings, jobSettings } from './job-settings';
import { ControlPayload, DeliveryPayload, JOB_NAMES, QUEUE_NAMES, RowPayload } from './queues';
import { processDeliveryBatch } from './delivery-batch-job';
import { bullConnection, createRedisClient } from './redis-connection';
import { deliveryReportDeps, deliveryReportLinks } from './report-deps';
import { ReportLinks } from './report-loader';
import { findAccount } from '../storage/accounts';

export interface WorkerRoleOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** The bot token of a Slack workspace (SLACK_BOT_TOKEN, or the OAuth installation store); unset: no Slack delivery. */
  slackTokenFor?: SlackTokenFor;
  /** More delivery channels (Teams), registered by kind. */
  extraChannels?: DeliveryChannel[];
  reportDeps?: ReportDeps;
  links?: ReportLinks;
  queuePrefix?: string;
  settings?: Partial<JobSettings>;
  /** Per-call timeout of Slack Web API calls (10 s). */
  slackTimeoutMs?: number;
  /** Replaces the SMTP transport made from SMTP_URL (tests, the demo). */
  mailTransport?: Mail;
  now?: () => Date;
}

/** Delivery jobs hold a connection each for their lock: leave the pool room for their queries. */
function fitToPool(settings: JobSettings, db: Db, logger: Logger): JobSettings {
  const poolMax = (db.client as { config?: { pool?: { max?: number } } }).config?.pool?.max;
  if (typeof poolMax !== 'number' || settings.deliveryConcurrency <= poolMax - 2) return settings;
  const deliveryConcurrency = Math.max(1, poolMax - 2);
  logger.warn(
    { poolMax, asked: settings.deliveryConcurrency, deliveryConcurrency },
    'delivery concurrency lowered to fit the database pool',
  );
  return { ...settings, deliveryConcurrency };
}

export interface RunningRole {
  /** Lets in-flight jobs finish, then closes every connection. */
  stop(): Promise<void>;
}

export interface RunningWorkerRole extends RunningRole {
  channels: ChannelRegistry;
  workers: Worker[];
}

/**
 * ROLE=worker: processes the control queue (completion ticks, fan-outs, digests, update checks) and the
 * delivery queue (one job per report and destination). Workers reconnect by themselves when Redis
 * restarts; stop() is the graceful shutdown: no new jobs, in-flight ones finish, connections close.
 */
export async function startWorkerRole(options: WorkerRoleOptions): Promise<RunningWorkerRole> {
  const { config, db, logger } = options;
  const settings = fitToPool(
    jobSettings({ liveUpdateMs: config.liveUpdateSeconds * 1000, ...options.settings }),
    db,
    logger,
  );
  const prefix = options.queuePrefix ?? config.queuePrefix;
  const queues = createJobQueues({ redisUrl: config.redisUrl, prefix, role: 'worker', settings, logger });
  const redis: Redis = createRedisClient(config.redisUrl);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection problem'));
  const reportDeps = options.reportDeps ?? deliveryReportDeps(config, db);
  const links = options.links ?? deliveryReportLinks(config);

  const channels = new ChannelRegistry();
  if (options.slackTokenFor) {
    const clients = createSlackClientSource(config.slack.apiUrl, options.slackTokenFor, options.slackTimeoutMs);
    const localeOf = async (accountId: string) => (await findAccount(db, accountId))?.locale;
    channels.register(
      createSlackDeliveryChannel({
        clients,
        quickchartBaseUrl: config.quickchartBaseUrl,
        quickchartPublic: config.quickchartPublic,
        logger,
        localeOf,
        lookOf: (accountId, workspaceId) => workspaceLook(db, accountId, workspaceId),
      }),
    );
  }
  const ownTransport =
    !options.mailTransport && config.email.smtpUrl ? createPooledSmtpTransport(config.email.smtpUrl) : undefined;
  const transport = options.mailTransport ?? ownTransport;
  if (transport)
    channels.register(createEmailDeliveryChannel({ transport, from: config.email.from, reportDeps, logger }));
  for (const channel of options.extraChannels ?? []) channels.register(channel);

  const throttle = createChannelThrottle(redis, prefix, settings.channelIntervalMs);
  const now = options.now;
  const deliveryDeps = {
    db,
    reportDeps,
    links,
    channels,
    throttle,
    queues,
    settings,
    logger,
    now: now ? () => now().getTime() : undefined,
  };
  const controlDeps = {
    db,
    queues,
    channels,
    settings,
    logger,
    windows: completionWindows(config.completion),
    checkEveryMs: config.completion.checkSeconds * 1000,
    now,
    personalDataRedis: { client: redis, prefix },
  };

  const common = {
    connection: bullConnection(config.redisUrl, 'worker'),
    prefix,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  };
  const controlWorker = new Worker<ControlPayload>(QUEUE_NAMES.control, controlProcessor(controlDeps), {
    ...common,
    concurrency: settings.controlConcurrency,
  });
  const deliveryWorker = new Worker<DeliveryPayload>(
    QUEUE_NAMES.delivery,
    async (job: Job<DeliveryPayload>, token?: string) => {
      const started = Date.now();
      const done = (deliveryId: string, outcome: string, marks: DeliveryMarks) =>
        logger.debug(
          {
            jobId: job.id,
            deliveryId,
            outcome,
            ms: Date.now() - started,
            waitedMs: started - job.timestamp,
            started,
            marks,
          },
          'delivery job done',
        );
      if (job.name === JOB_NAMES.deliverBatch)
        return processDeliveryBatch(deliveryDeps, job, (row) => done(row.deliveryId, row.outcome, row.marks));
      const marks: DeliveryMarks = {};
      const outcome = await processDeliveryJob(deliveryDeps, job, token, marks);
      done((job.data as RowPayload).deliveryId, outcome, marks);
      return outcome;
    },
    { ...common, concurrency: settings.deliveryConcurrency, settings: { backoffStrategy: deliveryBackoff(settings) } },
  );
  const workers = [controlWorker, deliveryWorker];
  for (const worker of workers) {
    worker.on('error', (err) => logger.warn({ err: err.message, queue: worker.name }, 'worker problem'));
    worker.on('failed', (job, err) =>
      logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
    );
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info({ channels: [...channels.kinds()], prefix }, 'delivery worker started');

  return {
    channels,
    workers,
    async stop() {
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await queues.close();
      redis.disconnect();
      ownTransport?.close();
      logger.info('delivery worker stopped');
    },
  };
}
