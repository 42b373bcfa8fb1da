import { CampaignIdentity, computeCampaignOverview } from '../domain/campaign-overview';
import { buildCampaignReport } from '../domain/report-builders';
import { CampaignReport } from '../domain/report-model';
import { Account } from '../storage/accounts';
import { Campaign } from '../storage/campaigns';
import { loadCampaignFacts } from '../storage/campaign-facts';
import { campaignComparison, findPreviousCampaignNow } from './campaign-comparison';
import { campaignStateNow } from './campaign-state-now';
import { loadLiveProgress } from './live-progress';
import { ReportDeps, requireAccount } from './report-context';
import { resolveCampaign } from './resolve-campaign';

/**
 * The campaign overview report (docs/metrics.md), from the rollups: indexed reads whatever the size, in three
 * statements (the account, then the campaign's facts and the previous campaign with its rollup at once).
 */
export async function loadCampaignReport(
  deps: ReportDeps,
  accountId: string,
  campaignRef: string | Campaign,
  options: { updated?: boolean; account?: Account } = {},
): Promise<CampaignReport> {
  const { db } = deps;
  const account = options.account ?? (await requireAccount(db, accountId));
  const campaign = typeof campaignRef === 'string' ? await resolveCampaign(db, accountId, campaignRef) : campaignRef;
  const state = campaignStateNow(deps, campaign);
  const [facts, previous] = await Promise.all([
    loadCampaignFacts(db, accountId, campaign),
    findPreviousCampaignNow(deps, accountId, campaign),
  ]);
  const { aggregates } = facts;
  const identity: CampaignIdentity = {
    id: campaign.id,
    name: campaign.name,
    botId: campaign.botId,
    state,
    final: state === 'complete',
    firstCallAt: facts.firstCallAt?.toISOString() ?? null,
    lastCallAt: facts.lastCallAt?.toISOString() ?? null,
    timeZone: account.timeZone,
  };
  const figures = computeCampaignOverview(identity, aggregates, campaign.customersTotal, facts.botCurrency ?? 'VND');
  const overview = { ...figures, comparison: campaignComparison(figures, previous) };
  overview.progress = state === 'complete' ? null : await loadLiveProgress(db, campaign, aggregates);
  return buildCampaignReport(overview, facts.timeline, account.locale, options.updated ?? false, facts.unmappedReasons);
}
