import { jobIds } from '../../../src/jobs/queues';
import { nextLiveEditDelayMs } from '../../../src/jobs/live-messages';
import { CAMPAIGN_WATCHERS } from '../../../src/jobs/watch-job';
import { refreshLiveMessages } from '../../../src/jobs/live-messages';

describe('watch and live edit job ids', () => {
  it('are derived from what they do, without ":" (BullMQ), one per campaign and second', () => {
    expect(jobIds.watch('acme', 'cmp-1', 1796569800)).toBe('watch-acme-cmp-1-1796569800');
    const hostile = jobIds.watch('a:b', 'c:d/é', 1);
    expect(hostile).not.toContain(':');
    expect(hostile).not.toBe(jobIds.watch('a_b', 'c_d_é', 1));
    expect(jobIds.liveEdit('c-acme-cmp-1-slack-3f2a9c01b4', 4)).toBe('live-c-acme-cmp-1-slack-3f2a9c01b4-e4');
  });
});

describe('nextLiveEditDelayMs', () => {
  const at = new Date('2026-12-06T10:00:00.000Z');
  it('waits LIVE_UPDATE_SECONDS from the last post or edit, and not at all once they have passed', () => {
    expect(nextLiveEditDelayMs({ liveEditedAt: at }, 30_000, at.getTime() + 12_000)).toBe(18_000);
    expect(nextLiveEditDelayMs({ liveEditedAt: at }, 30_000, at.getTime() + 31_000)).toBe(0);
    expect(nextLiveEditDelayMs({ liveEditedAt: null }, 30_000, at.getTime())).toBe(0);
  });
});

describe('CAMPAIGN_WATCHERS', () => {
  it('runs the live messages first', () => {
    expect(CAMPAIGN_WATCHERS[0]).toBe(refreshLiveMessages);
  });
});
