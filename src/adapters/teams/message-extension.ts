import {
  AppBasedLinkQuery,
  CardFactory,
  MessagingExtensionAttachment,
  MessagingExtensionQuery,
  MessagingExtensionResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { Logger } from 'pino';
import { LinkSecrets } from '../../domain/recording-token';
import { verifyReportPageToken } from '../../domain/report-page-token';
import { messagesFor } from '../../render/i18n/messages';
import { ComposeResult, renderCampaignChoice, renderCampaignSummary } from '../../render/teams/campaign-preview';
import { loadCampaignReport } from '../../reports/campaign-report';
import { howToLinkWorkspace, linkedAccountOf } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { findAccount } from '../../storage/accounts';
import { findCampaign } from '../../storage/campaigns';
import { searchCampaignChoices, searchText } from './campaign-search';
import { placeOf } from './teams-activity';

/** manifests/teams/manifest.json composeExtensions[0].commands[0]: the campaign picker. */
export const SEARCH_COMMAND_ID = 'searchCampaigns';
export const SEARCH_PARAMETER = 'campaign';
/** A URL longer than this is not one of ours (a report link is ~200 characters). */
const MAX_LINK_CHARS = 2048;

export interface MessageExtensionDeps {
  reportDeps: ReportDeps;
  logger: Logger;
  /** PUBLIC_BASE_URL: only `<it>/reports/<token>` links unfurl. */
  publicBaseUrl?: string;
  /** The report pages' link secrets; without them no link unfurls (pages are off). */
  linkSecrets?: LinkSecrets;
  now?: () => Date;
}

const NOTHING: MessagingExtensionResponse = {
  composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] },
};

function results(items: readonly ComposeResult[]): MessagingExtensionResponse {
  const attachments: MessagingExtensionAttachment[] = items.map((item) => ({
    ...CardFactory.adaptiveCard(item.card),
    preview: CardFactory.thumbnailCard(item.preview.title, [], [], { text: item.preview.text }),
  }));
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** The token of `<base>/reports/<token>` (or its `.csv`), or null when the URL is not a report link of ours. */
export function reportLinkToken(url: unknown, publicBaseUrl: string | undefined): string | null {
  if (typeof url !== 'string' || url.length > MAX_LINK_CHARS || !publicBaseUrl) return null;
  const prefix = `${publicBaseUrl.replace(/\/+$/, '')}/reports/`;
  if (!url.toLowerCase().startsWith(prefix.toLowerCase())) return null;
  const token = url
    .slice(prefix.length)
    .split(/[?#]/)[0]
    .replace(/\.csv$/, '');
  return /^[A-Za-z0-9._~-]+$/.test(token) ? token : null;
}

/**
 * The message extension (botbuilder's TeamsActivityHandler invoke dispatch): the search command lists the
 * campaigns of the account linked to the tenant, and a report link pasted in a tenant linked to that
 * report's account unfurls into a compact summary. Anything else (another tenant, a forged or expired
 * link, a failure) answers an empty result, logged: never someone else's data, never a 500.
 */
export class CampaignReportMessageExtension extends TeamsActivityHandler {
  constructor(private readonly deps: MessageExtensionDeps) {
    super();
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const place = placeOf(context.activity);
    try {
      if (query?.commandId !== SEARCH_COMMAND_ID) {
        this.deps.logger.info({ tenant: place.workspaceId }, 'teams message extension: unknown command');
        return NOTHING;
      }
      const accountId = await linkedAccountOf(this.deps.reportDeps, place);
      if (!accountId) {
        this.deps.logger.info(
          { tenant: place.workspaceId },
          'teams campaign search from a tenant not linked to an account',
        );
        const command = howToLinkWorkspace('teams', place.workspaceId);
        return {
          composeExtension: { type: 'message', text: messagesFor('en').t('teamsSearch.unlinked', { command }) },
        };
      }
      const parameters = Array.isArray(query.parameters) ? query.parameters : [];
      const typed = parameters.find((parameter) => parameter?.name === SEARCH_PARAMETER)?.value;
      const m = messagesFor((await findAccount(this.deps.reportDeps.db, accountId))?.locale);
      const choices = await searchCampaignChoices(this.deps.reportDeps, accountId, searchText(typed), {
        skip: query.queryOptions?.skip,
        count: query.queryOptions?.count,
      });
      return results(choices.map((choice) => renderCampaignChoice(choice, m)));
    } catch (error) {
      this.deps.logger.error({ err: error, tenant: place.workspaceId }, 'teams campaign search failed');
      return NOTHING;
    }
  }

  protected override async handleTeamsAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    const place = placeOf(context.activity);
    const refuse = (reason: string) => {
      // Never the URL: its token is the key to the report.
      this.deps.logger.warn({ tenant: place.workspaceId, reason }, 'teams report link not unfurled');
      return NOTHING;
    };
    try {
      const token = reportLinkToken(query?.url, this.deps.publicBaseUrl);
      if (!token) return refuse('not a report link');
      if (!this.deps.linkSecrets) return refuse('report pages are off');
      const nowSeconds = Math.floor((this.deps.now?.() ?? new Date()).getTime() / 1000);
      const check = verifyReportPageToken(token, this.deps.linkSecrets, nowSeconds);
      if (!check.ok) return refuse(check.reason);
      const accountId = await linkedAccountOf(this.deps.reportDeps, place);
      if (!accountId) return refuse('tenant not linked');
      if (accountId !== check.claim.accountId) return refuse("tenant linked to another account than the report's");
      const campaign = await findCampaign(this.deps.reportDeps.db, accountId, check.claim.campaignId);
      if (!campaign) return refuse('campaign no longer exists');
      const report = await loadCampaignReport(this.deps.reportDeps, accountId, campaign);
      return results([renderCampaignSummary(report, String(query.url))]);
    } catch (error) {
      this.deps.logger.error({ err: error, tenant: place.workspaceId }, 'teams link unfurl failed');
      return NOTHING;
    }
  }
}
