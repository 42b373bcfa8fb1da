import { Logger } from 'pino';
import { Config } from '../config';
import { enqueueUpdateCheck } from './enqueue';
import { createJobQueues } from './job-queues';
import { JobSettings, jobSettings } from './job-settings';
import { enqueueWatch } from './watch-job';

export interface DeliveryNotifier {
  /** For the webhook's onIngested: calls arrived, so posted reports of this account may need an edit. */
  onIngested(accountId: string): void;
  close(): Promise<void>;
}

/**
 * ROLE=web's side of delivery: after an ingest commits, enqueue a check of the account's delivered
 * reports. It fails fast and only logs when Redis is away; the completion tick checks them all anyway.
 */
export function createDeliveryNotifier(options: {
  config: Config;
  logger: Logger;
  queuePrefix?: string;
  settings?: Partial<JobSettings>;
}): DeliveryNotifier {
  const { config, logger } = options;
  const queues = createJobQueues({
    redisUrl: config.redisUrl,
    prefix: options.queuePrefix ?? config.queuePrefix,
    role: 'producer',
    settings: jobSettings(options.settings),
    logger,
  });
  return {
    onIngested(accountId) {
      enqueueWatch(queues, accountId).catch((err: unknown) =>
        logger.warn({ err: (err as Error).message, accountId }, 'could not enqueue the watch job'),
      );
      enqueueUpdateCheck(queues, accountId).catch((err: unknown) =>
        logger.warn(
          { err: (err as Error).message, accountId },
          'could not enqueue the update check; the next completion tick will do it',
        ),
      );
    },
    close: () => queues.close(),
  };
}
