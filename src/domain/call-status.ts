/** docs/metrics.md "Result codes and call status": three codes are reserved, every other code is an answered call. */
export type CallStatus = 'successful' | 'unsuccessful' | 'error';

export const BUSY = 'BS';
export const NO_ANSWER = 'NA';
export const CONNECTION_ERROR = 'CU';

export function normalizeResultCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function classifyResultCode(code: string): CallStatus {
  if (code === BUSY || code === NO_ANSWER) return 'unsuccessful';
  if (code === CONNECTION_ERROR) return 'error';
  return 'successful';
}
