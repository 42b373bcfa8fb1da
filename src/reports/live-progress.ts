import { CampaignAggregates } from '../domain/campaign-overview';
import { LiveProgress, computeLiveProgress } from '../domain/live-progress';
import { Campaign } from '../storage/campaigns';
import { Db } from '../storage/connection';
import { loadLiveWindow } from '../storage/live-window';

/** A running campaign's live progress from its rollups (already loaded) and one read of its pace window. */
export async function loadLiveProgress(
  db: Db,
  campaign: Campaign,
  aggregates: Pick<CampaignAggregates, 'total' | 'error' | 'customersCalled'>,
): Promise<LiveProgress> {
  const window = await loadLiveWindow(db, campaign.accountId, campaign.id);
  return computeLiveProgress({
    calls: aggregates.total,
    errorCalls: aggregates.error,
    customersCalled: aggregates.customersCalled,
    customersTotal: campaign.customersTotal,
    ...window,
  });
}
