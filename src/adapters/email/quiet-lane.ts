/**
 * A critical section for CPU-bound work in this process. Drawing charts and rendering HTML block the
 * event loop for tens of milliseconds; the moment between committing "sending" to the ledger and writing
 * the SMTP DATA terminator must not wait behind them, or a crash in that wait loses the email (the ledger
 * already says it may be delivered). Heavy rendering and that moment take turns through this lane.
 */
export class QuietLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** One per process: every email rendered and every email gate opened here take turns. */
export const emailLane = new QuietLane();
