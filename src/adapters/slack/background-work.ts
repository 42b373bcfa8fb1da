import { Logger } from 'pino';

/** Answers computed at the same time; more wait their turn, so that acks never queue behind a burst of them. */
export const DEFAULT_ANSWER_CONCURRENCY = 4;

/**
 * What runs after Slack got its ack (computing and posting the answer). At most `concurrency` tasks run
 * at once, each started from a fresh turn of the event loop so that new requests are read (and acked)
 * first; a few seconds' wait is nothing for an answer, while an ack has 3 s in all. Tracked so that
 * shutdown and tests can wait for it; a failure is logged, never thrown into Bolt.
 */
export class BackgroundWork {
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = DEFAULT_ANSWER_CONCURRENCY,
  ) {}

  run(label: string, task: () => Promise<void>): Promise<void> {
    const promise = this.turn()
      .then(task)
      .catch((err: unknown) => this.logger.error({ err, task: label }, 'slack background work failed'))
      .finally(() => {
        this.pending.delete(promise);
        this.running -= 1;
        this.waiting.shift()?.();
      });
    this.pending.add(promise);
    return promise;
  }

  private turn(): Promise<void> {
    return new Promise((resolve) => {
      const start = () => {
        this.running += 1;
        setImmediate(resolve);
      };
      if (this.running < this.concurrency) start();
      else this.waiting.push(start);
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once everything started so far (and anything it starts) has finished. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
