import { enqueueUpdateCheck, enqueueWatches } from '../jobs/enqueue';
import { createJobQueues } from '../jobs/job-queues';
import { jobSettings } from '../jobs/job-settings';
import { createLogger } from '../logger';
import { listTouchedCampaigns } from '../storage/watched-campaigns';
import { CliContext } from './cli-context';

const NOTIFY_TIMEOUT_MS = 3_000;

/**
 * After `import` into the server's PostgreSQL with REDIS_URL set: the workers are told, as the webhook
 * tells them, so posted reports get their edits and running campaigns their live message (docs/live.md).
 * One watch per campaign the import touched since it started; best effort, the import stays done.
 */
export async function notifyWorkersOfImport(ctx: CliContext, accountId: string, since: Date): Promise<boolean> {
  if (!ctx.config.databaseUrl || !ctx.config.redisConfigured) return false;
  const logger = createLogger('silent', false);
  const queues = createJobQueues({
    redisUrl: ctx.config.redisUrl,
    prefix: ctx.config.queuePrefix,
    role: 'producer',
    settings: jobSettings(),
    logger,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      await enqueueUpdateCheck(queues, accountId);
      const campaigns = await listTouchedCampaigns(ctx.db, accountId, since);
      await enqueueWatches(queues, campaigns, Math.floor(Date.now() / 1000));
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${NOTIFY_TIMEOUT_MS} ms`)),
        NOTIFY_TIMEOUT_MS,
      );
    });
    await Promise.race([work, timeout]);
    return true;
  } catch (error) {
    ctx.err(
      `note: the workers were not told about this import (${(error as Error).message}); the next completion check edits posted reports, and the next call of a running campaign updates its live message`,
    );
    return false;
  } finally {
    clearTimeout(timer);
    await queues.close();
  }
}
