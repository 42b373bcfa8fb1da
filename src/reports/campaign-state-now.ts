import { CampaignState } from '../domain/campaign-overview';
import { DEFAULT_COMPLETION_WINDOWS, campaignStateAt } from '../domain/campaign-state';
import { Campaign } from '../storage/campaigns';
import { ReportDeps } from './report-context';

/** A campaign's state as every report shows it: docs/metrics.md "Campaign state and completion" applied at the time of reading. */
export function campaignStateNow(deps: ReportDeps, campaign: Campaign): CampaignState {
  const now = deps.now?.() ?? new Date();
  return campaignStateAt(
    {
      storedState: campaign.recordedState,
      completedEventReceivedAt: campaign.completedEventReceivedAt,
      lastReceivedAt: campaign.lastReceivedAt,
    },
    now,
    deps.completion ?? DEFAULT_COMPLETION_WINDOWS,
  );
}
