import { Logger } from 'pino';

export const REFUSAL_LOG_EVERY_MS = 60_000;

/**
 * Requests a route refused (unknown or malformed account, wrong signature, unreadable call), told to the log at
 * warn at most once a minute as counts per status and reason: anyone can send such requests, so one line each
 * would let anyone fill the log. Only the route's own words go in, never the request's values, SQL or a stack.
 */
export class RefusalLog {
  private counts: Record<string, number> = {};
  private lastLineAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly route: string,
    private readonly everyMs = REFUSAL_LOG_EVERY_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  note(status: number, reason: string): void {
    const key = `${status} ${reason}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    const now = this.clock();
    if (now - this.lastLineAt < this.everyMs) return;
    this.logger.warn(
      { route: this.route, refused: this.counts },
      `${this.route}: requests refused since the last such line (at most one a minute)`,
    );
    this.lastLineAt = now;
    this.counts = {};
  }
}
