import { CampaignEvent } from '../../../src/domain/call-record';
import { mergeCampaignEvent } from '../../../src/domain/campaign-event-merge';

const received = new Date('2026-11-26T08:00:00Z');
const completed: CampaignEvent = {
  type: 'campaign.completed',
  campaignId: 'c',
  botId: 'b',
  campaignName: 'Name',
  customersTotal: 27,
  reportEmails: ['ops@example.com'],
  at: new Date('2026-10-30T15:57:21Z'),
};

describe('campaign events', () => {
  it('a first event is accepted and records when the completion arrived', () => {
    const { next, outcome } = mergeCampaignEvent(null, completed, received);
    expect(outcome).toBe('accepted');
    expect(next).toMatchObject({
      customersTotal: 27,
      completedEventAt: completed.at,
      completedEventReceivedAt: received,
    });
  });

  it('the same event again is a duplicate and keeps the first arrival time', () => {
    const first = mergeCampaignEvent(null, completed, received).next;
    const again = mergeCampaignEvent(first, completed, new Date('2026-11-27T00:00:00Z'));
    expect(again.outcome).toBe('duplicate');
    expect(again.next.completedEventReceivedAt).toEqual(received);
  });

  it('a changed completion is an update; absent fields keep what was known', () => {
    const first = mergeCampaignEvent(null, completed, received).next;
    const changed = mergeCampaignEvent(
      first,
      { ...completed, customersTotal: 30, reportEmails: null, campaignName: null },
      received,
    );
    expect(changed.outcome).toBe('updated');
    expect(changed.next).toMatchObject({ customersTotal: 30, reportEmails: ['ops@example.com'], name: 'Name' });
  });

  it('a start after the completion is accepted and keeps the completion', () => {
    const first = mergeCampaignEvent(null, completed, received).next;
    const started = mergeCampaignEvent(
      first,
      { ...completed, type: 'campaign.started', at: new Date('2026-10-30T15:00:00Z') },
      received,
    );
    expect(started.outcome).toBe('accepted');
    expect(started.next.completedEventAt).toEqual(completed.at);
    expect(started.next.startedEventAt).toEqual(new Date('2026-10-30T15:00:00Z'));
  });
});
