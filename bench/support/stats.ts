/** Timing and summary statistics. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);

/**
 * Latencies of a fixed-rate load with the requests a slow answer held back counted in (coordinated
 * omission, as HdrHistogram's recordValueWithExpectedInterval): a connection that sends one request every
 * `expectedIntervalMs` and waited `t` for an answer would have sent the next ones at t − interval,
 * t − 2 × interval, …; those waits are added as samples.
 */
export function withCoordinatedOmission(latencies: readonly number[], expectedIntervalMs: number): number[] {
  const out = [...latencies];
  if (!(expectedIntervalMs > 0)) return out;
  for (const latency of latencies) {
    for (let missed = latency - expectedIntervalMs; missed >= expectedIntervalMs; missed -= expectedIntervalMs)
      out.push(missed);
  }
  return out;
}

export interface Timings {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** The arithmetic mean; 0 of nothing. */
export function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
}

export function summarize(samples: number[]): Timings {
  return {
    runs: samples.length,
    medianMs: median(samples),
    p95Ms: quantile(samples, 0.95),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
  };
}

/**
 * Runs fn `warmup` times unmeasured, then at least minRuns times (up to maxRuns while under budgetMs),
 * one after another, and returns the wall time of each measured run.
 */
export async function timeRuns(
  fn: () => Promise<unknown>,
  options: { minRuns: number; maxRuns?: number; budgetMs?: number; warmup?: number },
): Promise<Timings> {
  for (let i = 0; i < (options.warmup ?? 3); i += 1) await fn();
  const samples: number[] = [];
  const begin = nowMs();
  const maxRuns = options.maxRuns ?? options.minRuns;
  while (samples.length < maxRuns) {
    if (samples.length >= options.minRuns && options.budgetMs !== undefined && nowMs() - begin > options.budgetMs)
      break;
    const start = nowMs();
    await fn();
    samples.push(nowMs() - start);
  }
  return summarize(samples);
}

export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}
