/**
 * The largest n in 0..max for which fits(n) holds, by bisection: how many rows, codes or bots a message
 * can show within its platform's size limit. fits must be monotonic (true up to some n, false after).
 */
export function largestFitting(max: number, fits: (n: number) => boolean): number {
  if (fits(max)) return max;
  let low = 0;
  let high = max;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}
