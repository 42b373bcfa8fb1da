import { Logger } from 'pino';
import { CompletionWindows } from '../domain/campaign-state';
import { CompletedCampaign, completeDueCampaigns, nextCompletionDeadline } from '../storage/completion';
import { Db } from '../storage/connection';
import { sweepAlerts } from './alert-sweep';
import { enqueueCompletionCheckAt, enqueueFanOuts } from './enqueue';
import { FanOutDeps, fanOutCompleted } from './fan-out-job';
import { JobQueues } from './job-queues';
import { JobSettings } from './job-settings';
import { SweepDeps, sweepLostWork } from './sweep';

export interface CompletionDeps extends SweepDeps, FanOutDeps {
  db: Db;
  queues: JobQueues;
  windows: CompletionWindows;
  settings: JobSettings;
  logger: Logger;
  /** COMPLETION_CHECK_SECONDS in ms: deadlines within one period are checked at the deadline itself. */
  checkEveryMs?: number;
  /** Campaigns completed (and fanned out) per transaction (500); a tick takes batches until fewer are due. */
  completionBatch?: number;
  now?: () => Date;
}

export interface CompletionTick {
  completed: number;
  reEnqueued: number;
  /** When the next check at a deadline is scheduled (epoch ms), if one falls before the next period. */
  nextCheckAt: number | null;
}

const DEFAULT_CHECK_EVERY_MS = 30_000;
const MAX_ROUNDS = 20;

/**
 * The `detect-completion` job (every COMPLETION_CHECK_SECONDS, and at each completion deadline that falls
 * between two periods): campaigns complete by docs/metrics.md move to complete with their outbox row in one
 * transaction and are fanned out together; then (periodic ticks only) work whose queue job may have been
 * lost (Redis restarted empty) is enqueued again; then the next deadline within one period is scheduled.
 */
export async function processCompletionTick(
  deps: CompletionDeps,
  options: { sweep?: boolean } = {},
): Promise<CompletionTick> {
  const now = deps.now?.() ?? new Date();
  const started = Date.now();
  const size = deps.completionBatch ?? 500;
  let completed = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const batch = await completeDueCampaigns(deps.db, now, deps.windows, size);
    await fanOut(deps, batch);
    completed += batch.length;
    if (batch.length < size) break; // else more are due now: do not leave them to the next period
  }
  if (completed > 0) deps.logger.info({ campaigns: completed }, 'campaigns completed');
  await sweepAlerts(deps, now).catch((err: unknown) =>
    deps.logger.warn({ err: (err as Error).message }, 'the alert sweep failed; the next tick tries again'),
  );
  const reEnqueued = options.sweep === false ? 0 : await sweepLostWork(deps, now);
  const nextCheckAt = await scheduleNextDeadline(deps, now);
  deps.logger.debug({ completed, reEnqueued, nextCheckAt, ms: Date.now() - started }, 'completion tick');
  return { completed, reEnqueued, nextCheckAt };
}

/** Fanned out in this job; if that fails, one fan-out job each (retried by BullMQ, swept if lost). */
async function fanOut(deps: CompletionDeps, completed: CompletedCampaign[]): Promise<void> {
  if (completed.length === 0) return;
  try {
    await fanOutCompleted(deps, completed);
  } catch (error) {
    deps.logger.warn(
      { err: (error as Error).message, campaigns: completed.length },
      'fan-out in the completion tick failed; enqueueing fan-out jobs',
    );
    await enqueueFanOuts(deps.queues, completed);
  }
}

/**
 * A campaign whose window ends before the next period gets a check at that instant (rounded up to the
 * next millisecond: the database keeps microseconds). That check schedules the following one, so every
 * deadline is checked when it falls, however many fall in one period.
 */
async function scheduleNextDeadline(deps: CompletionDeps, now: Date): Promise<number | null> {
  const horizon = new Date(now.getTime() + (deps.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS));
  const deadline = await nextCompletionDeadline(deps.db, now, horizon, deps.windows);
  if (!deadline) return null;
  const at = deadline.getTime() + 1;
  await enqueueCompletionCheckAt(deps.queues, at, now.getTime());
  return at;
}
