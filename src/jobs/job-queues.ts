import { Queue } from 'bullmq';
import { Logger } from 'pino';
import { JobSettings } from './job-settings';
import { ControlPayload, DeliveryPayload, QUEUE_NAMES } from './queues';
import { RedisRole, bullConnection } from './redis-connection';

/** The producer side of both queues, with the default job options each kind of job needs. */
export interface JobQueues {
  control: Queue<ControlPayload>;
  delivery: Queue<DeliveryPayload>;
  close(): Promise<void>;
}

export interface JobQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix; tests give each suite its own. */
  prefix: string;
  role: RedisRole;
  settings: JobSettings;
  logger: Logger;
}

/** Name of the custom back-off strategy (jobs/backoff.ts) that honours Retry-After. */
export const DELIVERY_BACKOFF = 'delivery';

export function createJobQueues(options: JobQueueOptions): JobQueues {
  const { settings, logger } = options;
  const connection = bullConnection(options.redisUrl, options.role);
  const control = new Queue<ControlPayload>(QUEUE_NAMES.control, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: settings.keepCompleted },
      removeOnFail: { count: settings.keepFailed },
    },
  });
  const delivery = new Queue<DeliveryPayload>(QUEUE_NAMES.delivery, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: settings.deliveryAttempts,
      backoff: { type: DELIVERY_BACKOFF },
      removeOnComplete: { count: settings.keepCompleted },
      removeOnFail: { count: settings.keepFailed },
    },
  });
  for (const queue of [control, delivery]) {
    queue.on('error', (err) => logger.warn({ err: err.message, queue: queue.name }, 'queue connection problem'));
  }
  return {
    control,
    delivery,
    async close() {
      await Promise.allSettled([control.close(), delivery.close()]);
    },
  };
}
