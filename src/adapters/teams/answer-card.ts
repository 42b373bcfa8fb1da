import { CampaignReport, UsageReport } from '../../domain/report-model';
import { chartsOf } from '../../render/chart-words';
import { Subscription, describeSubscribedReports, describeTarget } from '../../domain/subscription';
import {
  AdaptiveCard,
  renderCallsCard,
  renderCampaignCard,
  renderCampaignListCard,
  renderHelpCard,
  renderTextCard,
  renderUsageCard,
} from '../../render/adaptive-card';
import type { ChatAnswer } from '../../reports/chat-command-service';
import { ChartImageSettings, chartImagesFor } from './chart-images';
import { describeTeamsReason } from './delivery-errors';
import { teamsHelpText } from './teams-help';

export interface TeamsCardSettings {
  quickchartBaseUrl: string;
  quickchartPublic?: boolean;
  /**
   * The "Open full report" link of a campaign card (the delivery pipeline's ReportLinks.fullReportUrl
   * fits); no button when unset or when it gives null.
   */
  fullReportUrlFor?: (accountId: string, campaignId: string) => string | null | undefined;
}

const chartSettings = (settings: TeamsCardSettings, timeZone: string, locale: string): ChartImageSettings => ({
  quickchartBaseUrl: settings.quickchartBaseUrl,
  quickchartPublic: settings.quickchartPublic,
  timeZone,
  locale,
});

export interface CampaignCardTarget {
  /** The account the campaign belongs to, for fullReportUrlFor. */
  accountId?: string;
  /** The "Open full report" link when the caller already has one (the delivery pipeline does). */
  fullReportUrl?: string | null;
}

/** The campaign overview card, as answered to a command and as posted when a campaign completes. */
export async function renderTeamsCampaignCard(
  report: CampaignReport,
  settings: TeamsCardSettings,
  target: CampaignCardTarget = {},
): Promise<AdaptiveCard> {
  const { campaign } = report.overview;
  const chartImages = await chartImagesFor(chartsOf(report), chartSettings(settings, campaign.timeZone, report.locale));
  const fullReportUrl =
    target.fullReportUrl ?? (target.accountId ? settings.fullReportUrlFor?.(target.accountId, campaign.id) : undefined);
  return renderCampaignCard(report, { chartImages, ...(fullReportUrl ? { fullReportUrl } : {}) });
}

/** The monthly usage card, as answered to `usage` and as posted as the monthly digest. */
export async function renderTeamsUsageCard(report: UsageReport, settings: TeamsCardSettings): Promise<AdaptiveCard> {
  const chartImages = await chartImagesFor(chartsOf(report), chartSettings(settings, report.usage.timeZone, report.locale));
  return renderUsageCard(report, { chartImages });
}

export function describeSubscriptions(subscriptions: readonly Subscription[]): string {
  if (subscriptions.length === 0) return 'This conversation has no subscriptions. Type: subscribe all';
  const lines = subscriptions.map((subscription) => {
    const what = describeSubscribedReports(subscription);
    const broken = subscription.status === 'broken' ? ` (paused: ${describeTeamsReason(subscription.brokenReason ?? 'delivery failed')}; subscribe again to resume)` : '';
    return `${describeTarget(subscription.target)}: ${what}${broken}`;
  });
  return [`This conversation's subscriptions (${subscriptions.length}):`, ...lines].join('\n');
}

/** One chat answer as one Adaptive Card; every card comes from src/render/adaptive-card. */
export async function renderTeamsAnswer(answer: ChatAnswer, settings: TeamsCardSettings, accountId?: string): Promise<AdaptiveCard> {
  switch (answer.kind) {
    case 'help':
      return renderHelpCard(teamsHelpText(answer.notUnderstood));
    case 'campaign':
      return renderTeamsCampaignCard(answer.report, settings, { accountId });
    case 'calls':
      // Each row's recordingLink is a fresh signed /r/<token> link (ReportDeps.recordingLinkFor at load time).
      return renderCallsCard(answer.report);
    case 'usage':
      return renderTeamsUsageCard(answer.report, settings);
    case 'list':
      return renderCampaignListCard(answer.report);
    case 'subscriptions':
      return renderTextCard(describeSubscriptions(answer.subscriptions));
    case 'message':
      return renderTextCard(answer.text);
    case 'unlinked':
      return renderTextCard(
        answer.workspaceId
          ? `This Microsoft Teams tenant (${answer.workspaceId}) is not linked to an account yet.\nAn operator links it with: ${answer.howToLink}`
          : 'This conversation has no Microsoft Teams tenant, so it cannot be linked to an account. Use the bot from Microsoft Teams.',
      );
  }
}
