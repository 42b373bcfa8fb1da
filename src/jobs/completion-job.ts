import { Logger } from 'pino';
import { CompletionWindows } from '../domain/campaign-state';
import { completeDueCampaigns } from '../storage/completion';
import { Db } from '../storage/connection';
import { sweepAlerts } from './alert-sweep';
import { enqueueFanOuts } from './enqueue';
import { JobQueues } from './job-queues';
import { JobSettings } from './job-settings';
import { SweepDeps, sweepLostWork } from './sweep';

export interface CompletionDeps extends SweepDeps {
  db: Db;
  queues: JobQueues;
  windows: CompletionWindows;
  settings: JobSettings;
  logger: Logger;
  now?: () => Date;
}

export interface CompletionTick {
  completed: number;
  reEnqueued: number;
}

/**
 * The `detect-completion` job (every COMPLETION_CHECK_SECONDS): campaigns complete by docs/metrics.md move to
 * complete with their outbox row in one transaction, each gets its fan-out job; then work whose queue
 * job may have been lost (Redis restarted empty) is enqueued again.
 */
export async function processCompletionTick(deps: CompletionDeps): Promise<CompletionTick> {
  const now = deps.now?.() ?? new Date();
  const started = Date.now();
  const completed = await completeDueCampaigns(deps.db, now, deps.windows);
  await enqueueFanOuts(deps.queues, completed);
  if (completed.length > 0) deps.logger.info({ campaigns: completed.length }, 'campaigns completed');
  await sweepAlerts(deps, now).catch((err: unknown) =>
    deps.logger.warn({ err: (err as Error).message }, 'the alert sweep failed; the next tick tries again'),
  );
  const reEnqueued = await sweepLostWork(deps, now);
  deps.logger.debug({ completed: completed.length, reEnqueued, ms: Date.now() - started }, 'completion tick');
  return { completed: completed.length, reEnqueued };
}
