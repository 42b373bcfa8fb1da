import { CampaignEvent } from './call-record';

/** What campaign.started / campaign.completed events set on a campaign. */
export interface CampaignEventFields {
  botId: string;
  name: string | null;
  customersTotal: number | null;
  reportEmails: string[];
  startedEventAt: Date | null;
  completedEventAt: Date | null;
  completedEventReceivedAt: Date | null;
}

export type EventOutcome = 'accepted' | 'duplicate' | 'updated';

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Applies one event to a campaign's fields. The same event again is a duplicate; a second event of the
 * same type that changes anything is an update; absent optional fields keep what the campaign had.
 */
export function mergeCampaignEvent(
  current: CampaignEventFields | null,
  event: CampaignEvent,
  receivedAt: Date,
): { next: CampaignEventFields; outcome: EventOutcome } {
  const isCompletion = event.type === 'campaign.completed';
  const next: CampaignEventFields = {
    botId: event.botId,
    name: event.campaignName ?? current?.name ?? null,
    customersTotal: event.customersTotal ?? current?.customersTotal ?? null,
    reportEmails: event.reportEmails ?? current?.reportEmails ?? [],
    startedEventAt: isCompletion ? (current?.startedEventAt ?? null) : event.at,
    completedEventAt: isCompletion ? event.at : (current?.completedEventAt ?? null),
    completedEventReceivedAt: isCompletion
      ? (current?.completedEventReceivedAt ?? receivedAt)
      : (current?.completedEventReceivedAt ?? null),
  };
  if (!current) return { next, outcome: 'accepted' };
  const previousEventAt = isCompletion ? current.completedEventAt : current.startedEventAt;
  const unchanged =
    sameTime(previousEventAt, event.at) &&
    current.botId === next.botId &&
    current.name === next.name &&
    current.customersTotal === next.customersTotal &&
    JSON.stringify(current.reportEmails) === JSON.stringify(next.reportEmails);
  if (unchanged) return { next: current, outcome: 'duplicate' };
  return { next, outcome: previousEventAt ? 'updated' : 'accepted' };
}
