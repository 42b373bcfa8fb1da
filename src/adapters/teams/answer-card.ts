import { alertsOverviewLines } from '../../render/alerts-overview';
import { CampaignReport, UsageReport } from '../../domain/report-model';
import { chartsOf } from '../../render/chart-words';
import { Subscription } from '../../domain/subscription';
import { messagesFor } from '../../render/i18n/messages';
import { saidText } from '../../render/said';
import { subscriptionLines } from '../../render/subscriptions';
import { renderCallsCard } from '../../render/teams/calls';
import { renderCampaignCard } from '../../render/teams/campaign';
import { AdaptiveCard } from '../../render/teams/card';
import { TEAMS_BOT_NAME, renderHelpCard } from '../../render/teams/help';
import { renderCampaignListCard } from '../../render/teams/list';
import { renderTextCard } from '../../render/teams/text';
import { renderUsageCard } from '../../render/teams/usage';
import type { ChatAnswer } from '../../reports/chat-command-service';
import { ChartImageSettings, chartImagesFor } from './chart-images';
import { describeTeamsReason } from './delivery-errors';

export interface TeamsCardSettings {
  quickchartBaseUrl: string;
  quickchartPublic?: boolean;
  /**
   * The "Open full report" link of a campaign card (the delivery pipeline's ReportLinks.fullReportUrl
   * fits); no button when unset or when it gives null.
   */
  fullReportUrlFor?: (accountId: string, campaignId: string) => string | null | undefined;
}

/** The card settings of the configuration (src/config.ts Config fits): the web process's and each answer thread's. */
export function teamsCardSettings(
  config: { quickchartBaseUrl: string; quickchartPublic?: boolean },
  fullReportUrlFor?: TeamsCardSettings['fullReportUrlFor'],
): TeamsCardSettings {
  return {
    quickchartBaseUrl: config.quickchartBaseUrl,
    quickchartPublic: config.quickchartPublic,
    ...(fullReportUrlFor ? { fullReportUrlFor } : {}),
  };
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
  const chartImages = await chartImagesFor(
    chartsOf(report),
    chartSettings(settings, report.usage.timeZone, report.locale),
  );
  return renderUsageCard(report, { chartImages });
}

/** The subscriptions of this conversation, in the account's language. */
export function describeSubscriptions(subscriptions: readonly Subscription[], locale?: string): string {
  const m = messagesFor(locale);
  return subscriptionLines(subscriptions, m, {
    subscribeCommand: 'subscribe all',
    reasonOf: (reason) => describeTeamsReason(reason, m),
  }).join('\n');
}

/**
 * One chat answer as one Adaptive Card, in the account's language; every card comes from src/render/teams.
 * `accountId` signs the "Open full report" link of campaign and calls cards.
 */
export async function renderTeamsAnswer(
  answer: ChatAnswer,
  settings: TeamsCardSettings,
  accountId?: string,
): Promise<AdaptiveCard> {
  switch (answer.kind) {
    case 'help':
      return renderHelpCard({ notUnderstood: answer.notUnderstood, locale: answer.locale });
    case 'campaign':
      return renderTeamsCampaignCard(answer.report, settings, { accountId });
    case 'calls': {
      // Each row's recordingLink is a fresh signed /r/<token> link (ReportDeps.recordingLinkFor at load time).
      const fullReportUrl = accountId ? settings.fullReportUrlFor?.(accountId, answer.report.campaign.id) : null;
      return renderCallsCard(answer.report, { fullReportUrl });
    }
    case 'usage':
      return renderTeamsUsageCard(answer.report, settings);
    case 'list':
      return renderCampaignListCard(answer.report);
    case 'subscriptions':
      return renderTextCard(describeSubscriptions(answer.subscriptions, answer.locale));
    case 'message':
      return renderTextCard(
        saidText(answer.said, messagesFor(answer.locale), answer.text, { command: `@${TEAMS_BOT_NAME}` }),
      );
    case 'alerts':
      return renderTextCard(
        alertsOverviewLines(answer.overview, messagesFor(answer.locale), answer.timeZone).join('\n'),
      );
    case 'unlinked': {
      const m = messagesFor(undefined);
      return renderTextCard(
        answer.workspaceId
          ? m.t('teams.unlinked', { tenant: answer.workspaceId, command: answer.howToLink })
          : m.t('teams.noTenant'),
      );
    }
  }
}
