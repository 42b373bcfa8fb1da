import { Logger } from 'pino';
import { Config } from '../config';
import { enqueueUpdateCheck } from './enqueue';
import { createJobQueues } from './job-queues';
import { JobSettings, jobSettings } from './job-settings';

export interface DeliveryNotifier {
  /** For the webhook's onIngested: calls arrived, so posted reports of this account may need an edit. */
  onIngested(accountId: string): void;
  close(): Promise<void>;
}

/**
 * ROLE=web's side of delivery: after an ingest commits, enqueue a check of the account's delivered
 * reports. It fails fast and only logs when Redis is away; the completion tick checks them all anyway.
 *
 * The check is one job per account and second (its id says so, and it runs once that second is over), so
 * a process that already added this second's job skips Redis for every later batch of the same second:
 * under single-call requests (connectors, a few hundred a second) one Redis round trip a second, not one
 * a request.
 */
export function createDeliveryNotifier(options: {
  config: Config;
  logger: Logger;
  queuePrefix?: string;
  settings?: Partial<JobSettings>;
  now?: () => number;
}): DeliveryNotifier {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const queues = createJobQueues({
    redisUrl: config.redisUrl,
    prefix: options.queuePrefix ?? config.queuePrefix,
    role: 'producer',
    settings: jobSettings(options.settings),
    logger,
  });
  const enqueuedSecond = new Map<string, number>();
  return {
    onIngested(accountId) {
      const nowMs = now();
      const second = Math.floor(nowMs / 1000);
      if (enqueuedSecond.get(accountId) === second) return;
      enqueuedSecond.set(accountId, second);
      enqueueUpdateCheck(queues, accountId, nowMs).catch((err: unknown) => {
        if (enqueuedSecond.get(accountId) === second) enqueuedSecond.delete(accountId);
        logger.warn(
          { err: (err as Error).message, accountId },
          'could not enqueue the update check; the next completion tick will do it',
        );
      });
    },
    close: () => queues.close(),
  };
}
