import { CampaignIdentity, computeCampaignOverview } from '../domain/campaign-overview';
import { buildCampaignReport } from '../domain/report-builders';
import { CampaignReport } from '../domain/report-model';
import { Campaign } from '../storage/campaigns';
import { ReadingAt } from '../domain/campaign-state';
import { CampaignFacts, loadCampaignFacts } from '../storage/campaign-facts';
import { campaignComparison } from './campaign-comparison';
import { campaignStateNow } from './campaign-state-now';
import { loadLiveProgress } from './live-progress';
import { ReportDeps, accountOf, readingAt } from './report-context';
import { campaignOfRef } from './resolve-campaign';

/** Facts a caller read together with other campaigns' (a batch of deliveries), and the instant they were read at. */
export interface ReadFacts {
  at: ReadingAt;
  facts: CampaignFacts;
}

/**
 * The campaign overview report (docs/metrics.md), from the rollups: indexed reads whatever the size, in two
 * statements (the account, then the campaign's facts with the previous campaign and its rollup).
 */
export async function loadCampaignReport(
  deps: ReportDeps,
  accountId: string,
  campaignRef: string | Campaign,
  options: { updated?: boolean; read?: ReadFacts } = {},
): Promise<CampaignReport> {
  const { db } = deps;
  const account = await accountOf(deps, accountId);
  const campaign = await campaignOfRef(deps, accountId, campaignRef);
  // One instant for the campaign's state and for which campaigns count as complete in its comparison.
  const at = options.read?.at ?? readingAt(deps);
  const state = campaignStateNow(deps, campaign, at);
  const facts = options.read?.facts ?? (await loadCampaignFacts(db, accountId, campaign, at));
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
  const overview = { ...figures, comparison: campaignComparison(figures, facts.previous) };
  overview.progress = state === 'complete' ? null : await loadLiveProgress(db, campaign, aggregates);
  return buildCampaignReport(overview, facts.timeline, account.locale, options.updated ?? false, facts.unmappedReasons);
}
