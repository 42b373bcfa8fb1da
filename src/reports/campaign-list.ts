import { CampaignState } from '../domain/campaign-overview';
import { CampaignListReport } from '../domain/report-model';
import { ratio } from '../domain/rounding';
import { listCampaigns } from '../storage/campaigns';
import { loadCampaignTotals } from '../storage/rollups';
import { campaignStateNow } from './campaign-state-now';
import { ReportDeps, accountOf } from './report-context';

/** The latest campaigns with their state and answer rate (docs/chat.md `list`). */
export async function loadCampaignList(
  deps: ReportDeps,
  accountId: string,
  filter: CampaignState | 'all' = 'all',
  limit = 20,
): Promise<CampaignListReport> {
  const account = await accountOf(deps, accountId);
  const campaigns = (await listCampaigns(deps.db, accountId, filter === 'all' ? limit : limit * 5))
    .map((campaign) => ({ ...campaign, state: campaignStateNow(deps, campaign) }))
    .filter((campaign) => filter === 'all' || campaign.state === filter)
    .slice(0, limit);
  const totals = await loadCampaignTotals(
    deps.db,
    accountId,
    campaigns.map((campaign) => campaign.id),
  );
  const entries = campaigns.map((campaign) => {
    const { total = 0, successful = 0, lastCallAt = null } = totals.get(campaign.id) ?? {};
    return {
      id: campaign.id,
      name: campaign.name,
      botId: campaign.botId,
      state: campaign.state,
      totalCalls: total,
      answerRate: ratio(successful, total),
      lastCallAt: lastCallAt?.toISOString() ?? null,
    };
  });
  return { kind: 'campaign-list', filter, timeZone: account.timeZone, locale: account.locale, campaigns: entries };
}
