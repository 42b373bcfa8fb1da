import { CampaignState } from './campaign-overview';

export interface CompletionTimes {
  storedState: string;
  completedEventReceivedAt: Date | null;
  lastReceivedAt: Date | null;
}

export interface CompletionWindows {
  settleMs: number;
  idleTimeoutMs: number;
}

/** The state a report shows: complete once the completion job says so, settling after the completion event. */
export function campaignState(times: CompletionTimes): CampaignState {
  if (times.storedState === 'complete') return 'complete';
  return times.completedEventReceivedAt ? 'settling' : 'running';
}

/**
 * metrics.md "Campaign completion": complete when the completion event has arrived and no call for the
 * settle window, or no call for the idle timeout after its last call.
 */
export function isCompleteAt(times: CompletionTimes, now: Date, windows: CompletionWindows): boolean {
  if (times.storedState === 'complete') return true;
  const quietSince = times.lastReceivedAt ?? times.completedEventReceivedAt;
  if (!quietSince) return false;
  const quietMs = now.getTime() - quietSince.getTime();
  if (times.completedEventReceivedAt) {
    const settleFrom = Math.max(quietSince.getTime(), times.completedEventReceivedAt.getTime());
    return now.getTime() - settleFrom >= windows.settleMs;
  }
  return quietMs >= windows.idleTimeoutMs;
}
