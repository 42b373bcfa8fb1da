import { CampaignComparison, compareCampaigns } from '../domain/campaign-comparison';
import { CampaignOverview, computeCampaignOverview } from '../domain/campaign-overview';
import { PreviousCampaign } from '../storage/previous-campaign';

/** The overview's `comparison`: the previous campaign's figures from its rollups (read with it), against these. */
export function campaignComparison(
  overview: CampaignOverview,
  previous: PreviousCampaign | null,
): CampaignComparison | null {
  if (!previous) return null;
  const firstCallAt = previous.firstCallAt.toISOString();
  const figures = computeCampaignOverview(
    { ...overview.campaign, id: previous.id, name: previous.name, state: 'complete', final: true, firstCallAt },
    previous.aggregates,
    previous.customersTotal,
    overview.costs.currency,
  );
  return compareCampaigns(overview, { ...figures, id: previous.id, name: previous.name, firstCallAt });
}
