import { ratio } from './rounding';

/**
 * docs/metrics.md "Live progress of a running campaign", as a pure function of what storage counts: the
 * campaign's rollups (calls, errors, distinct customers) and its pace window, the 10 minutes before its
 * latest `started_at`.
 */

/** The pace window: calls with `started_at` in (latest − 10 min, latest]. */
export const LIVE_WINDOW_MS = 10 * 60_000;
export const LIVE_WINDOW_MINUTES = LIVE_WINDOW_MS / 60_000;

/** The first instant outside the window (exclusive lower bound) for a campaign's latest `started_at`. */
export function liveWindowStart(latestStartedAt: Date): Date {
  return new Date(latestStartedAt.getTime() - LIVE_WINDOW_MS);
}

export interface LiveProgressInput {
  /** Calls stored so far. */
  calls: number;
  /** Of them, error calls (CU). */
  errorCalls: number;
  /** Distinct customers called so far. */
  customersCalled: number;
  /** The campaign's declared `customers_total`; null when unknown. */
  customersTotal: number | null;
  /** Calls whose `started_at` is in the pace window. */
  windowCalls: number;
  /** Distinct customers whose first call of the campaign started in the pace window. */
  windowNewCustomers: number;
}

/** The `progress` object of `report --json` (docs/cli.md). */
export interface LiveProgress {
  calls: number;
  customersCalled: number;
  customersTotal: number | null;
  /** customersCalled / customersTotal, at most 1; null when the total is unknown (or 0). */
  share: number | null;
  callsPerMinute: number;
  /** Minutes left at the current pace, rounded up; null when the total is unknown or nobody new was called. */
  etaMinutes: number | null;
  /** calls.error / calls.total; null before the first call. */
  errorShare: number | null;
}

export function computeLiveProgress(input: LiveProgressInput): LiveProgress {
  const { calls, customersCalled, customersTotal, windowCalls, windowNewCustomers } = input;
  const share = customersTotal === null ? null : ratio(customersCalled, customersTotal);
  let etaMinutes: number | null = null;
  if (customersTotal !== null && windowNewCustomers > 0) {
    const left = Math.max(0, customersTotal - customersCalled);
    // left / (new / 10) rounded up, in integers: ceil(left × 10 / new).
    etaMinutes = Math.ceil((left * LIVE_WINDOW_MINUTES) / windowNewCustomers);
  }
  return {
    calls,
    customersCalled,
    customersTotal,
    share: share === null ? null : Math.min(1, share),
    callsPerMinute: windowCalls / LIVE_WINDOW_MINUTES,
    etaMinutes,
    errorShare: ratio(input.errorCalls, calls),
  };
}

/** A text progress bar of `width` cells ("▰▰▰▱▱▱▱▱▱▱"); all empty when the share is unknown. */
export function progressBar(share: number | null, width = 10): string {
  const filled = share === null ? 0 : Math.min(width, Math.floor(share * width));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}
