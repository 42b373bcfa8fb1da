import { Worker } from 'node:worker_threads';
import { Logger } from 'pino';
import { renderSlackText } from '../../render/slack/text';
import { ResponseUrlPayload, postToResponseUrl } from './response-url';
import { SOMETHING_WENT_WRONG } from './slack-runtime';

/** One answer for a thread: what to answer (a structured-clone-able payload) and where Slack waits for it. */
export interface AnswerTask {
  kind: 'slash-command' | 'download-calls-csv' | 'button' | 'typed' | 'app-home' | 'link-unfurl' | 'teams-message';
  payload: unknown;
  /**
   * Where the asker waits for the answer, and hears sorry when its thread dies. Without one (App Home, link
   * previews, a Teams card the request loop sends) a failure or a dead thread rejects the answer instead.
   */
  responseUrl?: string;
}

/** What the request loop sees of the threads. */
export interface AnswerOffload {
  /** Hands an answer over; resolves once the thread posted it. */
  answer(task: AnswerTask): Promise<void>;
  /** Hands over an answer the request loop sends itself (a Teams card); resolves with what the thread computed. */
  compute(task: AnswerTask): Promise<unknown>;
  /** How many answers the request loop lets wait on the threads at once (its BackgroundWork's concurrency). */
  readonly concurrency: number;
}

/** Answers under way in one thread at once; their statements take turns on the thread's one connection. */
export const ANSWERS_PER_THREAD = 4;

/** Messages between the request loop and a thread (src/answer-thread.ts). */
export type ToThread = { id: number; task: AnswerTask } | { stop: true };
export type FromThread = { id: number; failed?: string; value?: unknown };

export interface AnswerThreadsOptions {
  /** The thread's program (a .ts file runs through tsx, as `npm run dev` and the tests do). */
  entry: string;
  threads: number;
  /** Given to every thread as workerData: how it opens the database and reads its configuration. */
  workerData: unknown;
  logger: Logger;
  /** Posted to the response_url of every answer a thread took with it when it died; default SORRY_ANSWER. */
  sorry?: ResponseUrlPayload;
  /**
   * Answers under way in one thread at once (default 4, one a database connection). More only multiply the
   * PostgreSQL sessions competing with the request loop for the cores: 16 at once gave a worse ack p99.
   */
  perThread?: number;
}

interface Waiting {
  task: AnswerTask;
  done: (value: unknown) => void;
  failed: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Waiting>;
}

/** What a slash command says when its answer failed: one line, only to its caller, as in the request loop. */
export const SORRY_ANSWER: ResponseUrlPayload = (() => {
  const sorry = renderSlackText(SOMETHING_WENT_WRONG);
  return { response_type: 'ephemeral', replace_original: false, text: sorry.text, blocks: sorry.blocks };
})();

/** A thread's node options: the process's CPU profiling (benchmarks) and, for a .ts file, tsx. */
function threadExecArgv(entry: string): string[] {
  const profiling = process.execArgv.flatMap((arg, i, all) =>
    arg === '--cpu-prof' ? [arg] : arg === '--cpu-prof-dir' ? [arg, all[i + 1]] : [],
  );
  return [...profiling, ...(entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [])];
}

/**
 * A pool of worker threads inside the web process that compute and post chat answers, so that the loop
 * that acknowledges requests only reads, verifies and acks them. A thread that dies (a crash, out of
 * memory) takes its answers with it: each of their users gets `sorry` at the response_url instead of
 * silence, and the next answer starts a new thread. `close` waits for the answers under way, then stops.
 */
export class AnswerThreads implements AnswerOffload {
  private readonly slots: Slot[];
  private nextId = 1;
  private closing = false;
  private readonly underWay = new Set<Promise<unknown>>();
  readonly concurrency: number;

  constructor(private readonly options: AnswerThreadsOptions) {
    this.slots = Array.from({ length: Math.max(1, options.threads) }, () => ({ worker: null, pending: new Map() }));
    this.concurrency = this.slots.length * (options.perThread ?? ANSWERS_PER_THREAD);
    for (const slot of this.slots) this.start(slot);
  }

  async answer(task: AnswerTask): Promise<void> {
    await this.compute(task);
  }

  compute(task: AnswerTask): Promise<unknown> {
    if (this.closing) return Promise.reject(new Error('answer threads are stopping'));
    const slot = this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const worker = slot.worker ?? this.start(slot);
    const id = this.nextId++;
    const answered = new Promise<unknown>((resolve, reject) => {
      slot.pending.set(id, { task, done: resolve, failed: reject });
      worker.postMessage({ id, task } satisfies ToThread);
    }).finally(() => this.underWay.delete(answered));
    this.underWay.add(answered);
    return answered;
  }

  private start(slot: Slot): Worker {
    const worker = new Worker(this.options.entry, {
      workerData: this.options.workerData,
      execArgv: threadExecArgv(this.options.entry),
    });
    slot.worker = worker;
    worker.on('message', (message: FromThread) => {
      const waiting = slot.pending.get(message.id);
      if (!waiting) return;
      slot.pending.delete(message.id);
      if (message.failed === undefined) waiting.done(message.value);
      else if (!waiting.task.responseUrl) waiting.failed(new Error(message.failed));
      else {
        this.options.logger.error({ task: waiting.task.kind, error: message.failed }, 'answer failed');
        waiting.done(undefined);
      }
    });
    worker.on('error', (err) => this.options.logger.error({ err }, 'an answer thread crashed'));
    worker.on('exit', (code) => {
      if (slot.worker === worker) slot.worker = null;
      const lost = [...slot.pending.values()];
      slot.pending.clear();
      if (lost.length === 0) return;
      this.options.logger.error({ exitCode: code, answers: lost.length }, 'an answer thread stopped with answers');
      for (const { task, done, failed } of lost) {
        if (!task.responseUrl) {
          failed(new Error(`the answer thread stopped (exit code ${code}) before it answered`));
          continue;
        }
        postToResponseUrl(task.responseUrl, this.options.sorry ?? SORRY_ANSWER)
          .catch((err: unknown) => this.options.logger.error({ err, task: task.kind }, 'could not say sorry'))
          .finally(() => done(undefined));
      }
    });
    worker.unref();
    return worker;
  }

  /**
   * The answers under way are finished (their threads are not cut off), then each thread is asked to stop
   * (it closes its database pool and ends); one that has not ended within `STOP_WAIT_MS` is terminated.
   */
  async close(): Promise<void> {
    this.closing = true;
    while (this.underWay.size > 0) await Promise.allSettled([...this.underWay]);
    await Promise.all(this.slots.map((slot) => (slot.worker ? stopThread(slot.worker) : undefined)));
  }
}

/** How long a thread asked to stop may take to close its pool before it is terminated. */
const STOP_WAIT_MS = 5_000;

async function stopThread(worker: Worker): Promise<void> {
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ stop: true } satisfies ToThread);
  const timer = setTimeout(() => void worker.terminate(), STOP_WAIT_MS);
  await ended;
  clearTimeout(timer);
}
