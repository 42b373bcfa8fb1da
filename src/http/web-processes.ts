import cluster, { Worker } from 'node:cluster';
import { Logger } from 'pino';

/**
 * More than one web process (WEB_CONCURRENCY): node:cluster forks copies of this program that share the
 * port, so that parsing and validating large webhook batches uses more than one core. The primary keeps the
 * other roles, migrates before forking, and replaces a copy that dies.
 */
const LISTENING = 'campaign-report:web-listening';

/** True in a forked web process: it runs the web role only, and the primary has migrated already. */
export function isForkedWebProcess(): boolean {
  return cluster.isWorker;
}

/** Called by a forked web process once its server listens. */
export function reportWebListening(): void {
  process.send?.({ type: LISTENING });
}

export interface WebProcesses {
  /** Stops every copy (SIGTERM, then SIGKILL after the grace period) and stops replacing them. */
  stop(): Promise<void>;
}

/** Forks count web processes with env added to theirs; resolves once all listen. */
export async function forkWebProcesses(count: number, env: Record<string, string>, logger: Logger, graceMs = 25_000): Promise<WebProcesses> {
  let stopping = false;
  const live = new Set<Worker>();

  const fork = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(env);
      live.add(worker);
      let listening = false;
      worker.on('message', (message: { type?: string }) => {
        if (message?.type !== LISTENING) return;
        listening = true;
        resolve();
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (!listening) {
          reject(new Error(`a web process exited (code ${code}, signal ${signal}) before listening; see its log above`));
          return;
        }
        if (stopping || code === 0) return; // 0: it shut down cleanly (a signal to the whole group)
        logger.error({ webProcess: worker.process.pid, code, signal }, 'a web process died; starting another');
        fork().catch((err) => logger.error({ err }, 'could not replace a web process'));
      });
    });

  try {
    await Promise.all(Array.from({ length: count }, fork));
  } catch (error) {
    stopping = true;
    for (const worker of live) worker.process.kill('SIGKILL');
    throw error;
  }
  logger.info({ processes: count }, 'web processes listening');

  return {
    async stop() {
      stopping = true;
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
