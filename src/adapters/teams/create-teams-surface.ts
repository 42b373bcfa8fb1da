import { Router } from 'express';
import { Logger } from 'pino';
import { ReportDeps } from '../../reports/report-context';
import { Db } from '../../storage/connection';
import { TeamsCardSettings, teamsCardSettings } from './answer-card';
import { TeamsSettings, createBotFrameworkAuthentication } from './bot-authentication';
import { TeamsRetryPolicy } from './delivery-retry';
import { DeliveryChannel } from '../../domain/delivery';
import { LinkSettings, linkSecretsOf } from '../../reports/recording-links';
import { CampaignReportMessageExtension } from './message-extension';
import { TeamsCloudAdapter } from './teams-cloud-adapter';
import { TeamsDelivery, createTeamsDelivery } from './teams-delivery';
import { createTeamsDeliveryChannel } from './teams-delivery-channel';
import { teamsMessagesRouter } from './teams-router';
import { TeamsTurnDeps, createTeamsTurnHandler } from './teams-turn';
import { createTurnErrorHandler } from './turn-error';

export interface TeamsSurfaceOptions {
  /**
   * The whole Config fits: `teams`, the QuickChart settings, and PUBLIC_BASE_URL with the link secrets
   * (report links unfurl only with them) are read.
   */
  config: {
    teams: TeamsSettings;
    quickchartBaseUrl: string;
    quickchartPublic?: boolean;
    publicBaseUrl?: string;
  } & Partial<Pick<LinkSettings, 'encryptionKey' | 'recordingLinks'>>;
  db: Db;
  logger: Logger;
  /** The same deps as every report; recordingLinkFor makes the fresh signed /r/ links of "Listen". */
  reportDeps: ReportDeps;
  fullReportUrlFor?: TeamsCardSettings['fullReportUrlFor'];
  retry?: TeamsRetryPolicy;
  now?: () => Date;
  /** Answer threads (ANSWER_THREADS): the cards of commands are computed there (teams-answer.ts). */
  answerInThread?: TeamsTurnDeps['answerInThread'];
}

export interface TeamsSurface {
  /** POST /api/messages, for the one HTTP server. */
  router: Router;
  /** Proactive posts and in-place updates by conversation key (what `channel` is built on). */
  deliver: TeamsDelivery;
  /** The delivery pipeline's channel of kind 'teams' (domain/delivery DeliveryChannel). */
  channel: DeliveryChannel;
  /** The settings answer cards are rendered with, for the pipeline's own Teams cards. */
  cards: TeamsCardSettings;
}

/** The Teams bot: botbuilder's CloudAdapter authenticated from Config, the command turn, and delivery. */
export function createTeamsSurface(options: TeamsSurfaceOptions): TeamsSurface {
  const { config, db, reportDeps } = options;
  const logger = options.logger.child({ surface: 'teams' });
  const adapter = new TeamsCloudAdapter(createBotFrameworkAuthentication(config.teams));
  adapter.onTurnError = createTurnErrorHandler(logger);
  const cards = teamsCardSettings(config, options.fullReportUrlFor);
  const turnReportDeps = { ...reportDeps, db };
  const invokes = new CampaignReportMessageExtension({
    reportDeps: turnReportDeps,
    logger,
    publicBaseUrl: config.publicBaseUrl,
    linkSecrets: config.recordingLinks
      ? linkSecretsOf({ encryptionKey: config.encryptionKey, recordingLinks: config.recordingLinks })
      : undefined,
    now: options.now,
  });
  const logic = createTeamsTurnHandler({
    reportDeps: turnReportDeps,
    cards,
    logger,
    now: options.now,
    invokes,
    ...(options.answerInThread ? { answerInThread: options.answerInThread } : {}),
  });
  const deliver = createTeamsDelivery({ adapter, db, appId: config.teams.appId ?? '', logger, retry: options.retry });
  return {
    router: teamsMessagesRouter({ adapter, logic, logger }),
    deliver,
    channel: createTeamsDeliveryChannel({ deliver, cards, db, logger }),
    cards,
  };
}
