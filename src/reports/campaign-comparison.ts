import { CampaignComparison, compareCampaigns } from '../domain/campaign-comparison';
import { CampaignOverview, computeCampaignOverview } from '../domain/campaign-overview';
import { DEFAULT_COMPLETION_WINDOWS } from '../domain/campaign-state';
import { PreviousCampaign, findPreviousCampaign } from '../storage/previous-campaign';
import { ReportDeps } from './report-context';

/** The bot's previous campaign at the deps' clock (docs/metrics.md "Comparisons"), or null. */
export function findPreviousCampaignNow(
  deps: ReportDeps,
  accountId: string,
  campaign: { id: string; botId: string },
): Promise<PreviousCampaign | null> {
  const now = deps.now?.() ?? new Date();
  return findPreviousCampaign(deps.db, accountId, campaign, now, deps.completion ?? DEFAULT_COMPLETION_WINDOWS);
}

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
