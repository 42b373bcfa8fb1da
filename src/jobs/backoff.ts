import type { BackoffStrategy } from 'bullmq';
import { retryAfterMsOf } from '../domain/delivery-errors';
import { JobSettings } from './job-settings';

/**
 * BullMQ owns the waiting between attempts. A platform that said how long to wait (HTTP 429
 * Retry-After, a busy ledger row) is obeyed to the millisecond; anything else backs off exponentially
 * with jitter, capped.
 */
export function deliveryBackoff(settings: JobSettings, random: () => number = Math.random): BackoffStrategy {
  return (attemptsMade: number, _type?: string, err?: Error) => {
    const asked = retryAfterMsOf(err);
    if (asked !== undefined) return Math.max(asked, 1);
    const exponential = Math.min(settings.backoffBaseMs * 2 ** Math.max(attemptsMade - 1, 0), settings.backoffMaxMs);
    return Math.round(exponential * (0.75 + 0.25 * random()));
  };
}
