import { CampaignState } from '../domain/campaign-overview';
import { ReadingAt, campaignStateAt } from '../domain/campaign-state';
import { Campaign } from '../storage/campaigns';
import { ReportDeps, readingAt } from './report-context';

/** A campaign's state as every report shows it: docs/metrics.md "Campaign state and completion" applied at the time of reading. */
export function campaignStateNow(deps: ReportDeps, campaign: Campaign, at: ReadingAt = readingAt(deps)): CampaignState {
  return campaignStateAt(
    {
      storedState: campaign.recordedState,
      completedEventReceivedAt: campaign.completedEventReceivedAt,
      lastReceivedAt: campaign.lastReceivedAt,
    },
    at.now,
    at.windows,
  );
}
