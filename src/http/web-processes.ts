import cluster, { Worker } from 'node:cluster';
import { Logger } from 'pino';

/**
 * More than one web process (WEB_CONCURRENCY): node:cluster forks copies of this program that share the
 * port, so that parsing and validating large webhook batches uses more than one core. The primary keeps the
 * other roles, migrates before forking, and replaces a copy that dies.
 */
const LISTENING = 'campaign-report:web-listening';
/** Set in the environment of the copies this module forks (an outside cluster manager does not set it). */
const FORKED_MARK = 'CAMPAIGN_REPORT_FORKED_WEB_PROCESS';
const MAX_RESTART_DELAY_MS = 30_000;
/** Deaths in a row (none listening in between) after which the primary stops trying. */
export const MAX_FAILURES_IN_A_ROW = 8;

/** True in a forked web process: it runs the web role only, and the primary has migrated already. */
export function isForkedWebProcess(): boolean {
  return cluster.isWorker && process.env[FORKED_MARK] === '1';
}

/** Called by a forked web process once its server listens. */
export function reportWebListening(): void {
  process.send?.({ type: LISTENING });
}

export interface WebProcesses {
  /** Stops every copy (SIGTERM, then SIGKILL after the grace period) and stops replacing them. */
  stop(): Promise<void>;
}

export interface WebProcessOptions {
  /** Added to the copies' environment. */
  env: Record<string, string>;
  logger: Logger;
  /** Called once web processes keep dying before they listen: the caller should shut down and exit non-zero. */
  onGiveUp: () => void;
  graceMs?: number;
  /** Wait before the first restart; it doubles with each death in a row, up to 30 s. */
  restartDelayMs?: number;
}

/** Forks count web processes; resolves once all listen. */
export async function forkWebProcesses(count: number, options: WebProcessOptions): Promise<WebProcesses> {
  const { logger, graceMs = 25_000, restartDelayMs = 500 } = options;
  // Each copy accepts its own connections, so the primary, busy with the worker and scheduler roles, is
  // not on the path of every request.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let failuresInARow = 0;
  const live = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();

  const fork = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ ...options.env, [FORKED_MARK]: '1' });
      live.add(worker);
      let listening = false;
      worker.on('message', (message: { type?: string }) => {
        if (message?.type !== LISTENING) return;
        listening = true;
        failuresInARow = 0;
        resolve();
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (!listening)
          reject(
            new Error(`a web process exited (code ${code}, signal ${signal}) before listening; see its log above`),
          );
        if (stopping || (listening && code === 0)) return; // 0: it shut down cleanly (a signal to the whole group)
        if (listening)
          logger.error({ webProcess: worker.process.pid, code, signal }, 'a web process died; starting another');
        replace();
      });
    });

  const replace = () => {
    failuresInARow += 1;
    if (failuresInARow > MAX_FAILURES_IN_A_ROW) {
      logger.fatal({ failuresInARow }, 'web processes keep dying before they listen; giving up');
      options.onGiveUp();
      return;
    }
    const delay = Math.min(MAX_RESTART_DELAY_MS, restartDelayMs * 2 ** (failuresInARow - 1));
    // Not unref'd: while it waits, this timer may be all that keeps a primary with no live copy running.
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (stopping) return;
      fork().catch((err) => logger.error({ err, retryInMs: delay * 2 }, 'a new web process did not start'));
    }, delay);
    restarts.add(timer);
  };

  try {
    await Promise.all(Array.from({ length: count }, fork));
  } catch (error) {
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    for (const worker of live) worker.process.kill('SIGKILL');
    throw error;
  }
  logger.info({ processes: count }, 'web processes listening');

  return {
    async stop() {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      await Promise.all(
        [...live].map(
          (worker) =>
            new Promise<void>((resolve) => {
              const kill = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
              worker.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
