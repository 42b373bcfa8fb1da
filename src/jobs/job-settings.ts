/**
 * The knobs of the job system, with production defaults. Tests and benchmarks shorten the timings
 * (a stalled job is noticed after lockDurationMs, so a kill -9 test waits that long).
 */
export interface JobSettings {
  /**
   * Delivery jobs run at once per worker process. Each holds one database connection for its lock and
   * needs another for its queries, so the pool must be larger (startWorkerRole lowers it when not).
   */
  deliveryConcurrency: number;
  controlConcurrency: number;
  /** BullMQ lock of an active job; a worker that stops renewing it (killed) loses the job after this. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** A job may be recovered from a dead worker this many times; delivery is idempotent, so be generous. */
  maxStalledCount: number;
  deliveryAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a job waits for a ledger row another attempt holds. */
  busyRetryMs: number;
  /** At most one message per this many milliseconds in one chat channel. */
  channelIntervalMs: number;
  /** A job waits in place for its channel slot up to this long; longer waits go back to the queue delayed. */
  maxInlineThrottleWaitMs: number;
  /** Ledger rows and outbox rows untouched this long are enqueued again by the completion tick (lost jobs). */
  sweepAfterMs: number;
  /** Completed jobs kept (by count) so that re-adding the same id within that window is a no-op. */
  keepCompleted: number;
  keepFailed: number;
  /** At most one edit of a live message per this long (LIVE_UPDATE_SECONDS). */
  liveUpdateMs: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  deliveryConcurrency: 6,
  controlConcurrency: 8,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  deliveryAttempts: 10,
  backoffBaseMs: 2_000,
  backoffMaxMs: 10 * 60_000,
  busyRetryMs: 1_000,
  channelIntervalMs: 1_000,
  maxInlineThrottleWaitMs: 1_500,
  sweepAfterMs: 60_000,
  keepCompleted: 1_000,
  keepFailed: 5_000,
  liveUpdateMs: 30_000,
};

export function jobSettings(overrides: Partial<JobSettings> = {}): JobSettings {
  return { ...DEFAULT_JOB_SETTINGS, ...overrides };
}
