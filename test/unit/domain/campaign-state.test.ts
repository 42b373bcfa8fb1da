import { DEFAULT_COMPLETION_WINDOWS, campaignStateAt, completionWindows } from '../../../src/domain/campaign-state';

/** docs/metrics.md "Campaign state and completion", decided at the moment of reading. */
const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const state = (completedEventMsAgo: number | null, lastCallMsAgo: number | null, storedState = 'running') =>
  campaignStateAt(
    {
      storedState,
      completedEventReceivedAt: completedEventMsAgo === null ? null : ago(completedEventMsAgo),
      lastReceivedAt: lastCallMsAgo === null ? null : ago(lastCallMsAgo),
    },
    NOW,
    DEFAULT_COMPLETION_WINDOWS,
  );

describe('campaignStateAt', () => {
  it('is settling within the settle window after the completion event, complete from its end', () => {
    expect(state(119_999, 300_000)).toBe('settling');
    expect(state(120_000, 300_000)).toBe('complete');
  });

  it('restarts the settle window with a call that came after the completion event', () => {
    expect(state(600_000, 60_000)).toBe('settling');
    expect(state(600_000, 120_000)).toBe('complete');
  });

  it('without a completion event: running until the idle timeout after the last call', () => {
    expect(state(null, 6 * 3_600_000 - 1)).toBe('running');
    expect(state(null, 6 * 3_600_000)).toBe('complete');
    expect(state(null, null)).toBe('running');
  });

  it('stays complete once recorded, whatever the windows say', () => {
    expect(state(null, 1_000, 'complete')).toBe('complete');
  });

  it('takes the windows from the configuration in seconds', () => {
    expect(completionWindows({ settleSeconds: 30, idleTimeoutSeconds: 1800 })).toEqual({
      settleMs: 30_000,
      idleTimeoutMs: 1_800_000,
    });
  });
});
