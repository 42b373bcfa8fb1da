import { CampaignIdentity, computeCampaignOverview } from '../domain/campaign-overview';
import { buildCampaignReport } from '../domain/report-builders';
import { CampaignReport } from '../domain/report-model';
import { Campaign } from '../storage/campaigns';
import { campaignCallSpan } from '../storage/calls';
import { loadCampaignAggregates, loadCampaignTimeline } from '../storage/rollups';
import { loadUnmappedReasons } from '../storage/connectors';
import { findVoicebot } from '../storage/voicebots';
import { findPreviousCampaignNow, loadCampaignComparison } from './campaign-comparison';
import { campaignStateNow } from './campaign-state-now';
import { loadLiveProgress } from './live-progress';
import { ReportDeps, requireAccount } from './report-context';
import { resolveCampaign } from './resolve-campaign';

/** The campaign overview report (docs/metrics.md), from the rollups: a handful of indexed reads whatever the size. */
export async function loadCampaignReport(
  deps: ReportDeps,
  accountId: string,
  campaignRef: string | Campaign,
  options: { updated?: boolean } = {},
): Promise<CampaignReport> {
  const { db } = deps;
  const account = await requireAccount(db, accountId);
  const campaign = typeof campaignRef === 'string' ? await resolveCampaign(db, accountId, campaignRef) : campaignRef;
  const state = campaignStateNow(deps, campaign);
  const [aggregates, span, bot, timeline, unmapped, previous] = await Promise.all([
    loadCampaignAggregates(db, accountId, campaign.id),
    campaignCallSpan(db, accountId, campaign.id),
    findVoicebot(db, accountId, campaign.botId),
    loadCampaignTimeline(db, accountId, campaign.id),
    loadUnmappedReasons(db, accountId, campaign.id),
    findPreviousCampaignNow(deps, accountId, campaign),
  ]);
  const identity: CampaignIdentity = {
    id: campaign.id,
    name: campaign.name,
    botId: campaign.botId,
    state,
    final: state === 'complete',
    firstCallAt: span.first?.toISOString() ?? null,
    lastCallAt: span.last?.toISOString() ?? null,
    timeZone: account.timeZone,
  };
  const figures = computeCampaignOverview(identity, aggregates, campaign.customersTotal, bot?.currency ?? 'VND');
  const overview = { ...figures, comparison: await loadCampaignComparison(deps, accountId, figures, previous) };
  overview.progress = state === 'complete' ? null : await loadLiveProgress(db, campaign, aggregates);
  const unmappedReasons = unmapped.map(({ platform, reason, calls }) => ({ platform, reason, calls }));
  return buildCampaignReport(overview, timeline, account.locale, options.updated ?? false, unmappedReasons);
}
