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

/** The instant a campaign's state is read at, and the completion windows that apply then. */
export interface ReadingAt {
  now: Date;
  windows: CompletionWindows;
}

/** docs/metrics.md's defaults: COMPLETION_SETTLE_SECONDS=120, COMPLETION_IDLE_TIMEOUT_SECONDS=21600. */
export const DEFAULT_COMPLETION_WINDOWS: CompletionWindows = { settleMs: 120_000, idleTimeoutMs: 21_600_000 };

/** The windows from the configuration's seconds (COMPLETION_SETTLE_SECONDS, COMPLETION_IDLE_TIMEOUT_SECONDS). */
export function completionWindows(completion: {
  settleSeconds: number;
  idleTimeoutSeconds: number;
}): CompletionWindows {
  return { settleMs: completion.settleSeconds * 1000, idleTimeoutMs: completion.idleTimeoutSeconds * 1000 };
}

/** The state as recorded: complete once the completion job has marked it, settling after the completion event. */
export function recordedCampaignState(times: CompletionTimes): CampaignState {
  if (times.storedState === 'complete') return 'complete';
  return times.completedEventReceivedAt ? 'settling' : 'running';
}

/**
 * The state a report shows at `now`: the rules of docs/metrics.md applied when it is read, so that a campaign
 * is complete once its window has passed whether or not a scheduler has recorded it (the scheduler only
 * triggers the delivery).
 */
export function campaignStateAt(times: CompletionTimes, now: Date, windows: CompletionWindows): CampaignState {
  return isCompleteAt(times, now, windows) ? 'complete' : recordedCampaignState(times);
}

/**
 * docs/metrics.md "Campaign state and completion": complete when the completion event has arrived and no call for the
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
