import { Logger } from 'pino';

/**
 * What runs after Slack got its ack (computing and posting the answer). Tracked so that shutdown and
 * tests can wait for it; a failure is logged, never thrown into Bolt.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(label: string, task: () => Promise<void>): Promise<void> {
    const promise = task()
      .catch((err: unknown) => this.logger.error({ err, task: label }, 'slack background work failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
    return promise;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once everything started so far (and anything it starts) has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
