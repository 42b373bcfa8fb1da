import express, { Router } from 'express';
import { App, ExpressReceiver, Receiver, SocketModeReceiver } from '@slack/bolt';
import { InstallProvider, InstallURLOptions } from '@slack/oauth';
import { Logger } from 'pino';
import { reportDepsFor } from '../../reports/recording-links';
import { ReportDeps } from '../../reports/report-context';
import { Db } from '../../storage/connection';
import { AnswerOffload } from './answer-threads';
import { BackgroundWork } from './background-work';
import { boltLogger } from './bolt-logger';
import { PostgresInstallationStore } from './installation-store';
import { registerAppEvents } from './listeners/app-events';
import { registerCampaignReportCommand } from './listeners/campaign-report-command';
import { registerDownloadCallsCsv } from './listeners/download-calls-csv-action';
import { registerListenRecording } from './listeners/listen-recording-action';
import { registerOpenCalls } from './listeners/open-calls-action';
import { registerShareReport } from './listeners/share-report-action';
import { REDIRECT_PATH, oauthRoutes } from './oauth-routes';
import { rejectSkewedSlackTimestamps } from './request-freshness';
import { SlackAuth, installationAuth, tokenAuth } from './slack-auth';
import { SLACK_BOT_SCOPES } from './slack-scopes';
import { SlackRuntime } from './slack-runtime';
import { webClientOptions } from './web-client';

export const SLACK_EVENTS_PATH = '/slack/events';

/** The part of the configuration (src/config.ts Config) the Slack app reads; adapters do not import config. */
export interface SlackSettings {
  slack: {
    signingSecret?: string;
    botToken?: string;
    botId?: string;
    botUserId?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    appToken?: string;
    apiUrl: string;
  };
  publicBaseUrl: string;
  quickchartBaseUrl: string;
  quickchartPublic?: boolean;
  encryptionKey: Buffer | undefined;
  recordingLinks: { secret: string | undefined; ttlSeconds: number };
  completion: { settleSeconds: number; idleTimeoutSeconds: number };
}

export interface SlackSurfaceOptions {
  config: SlackSettings;
  db: Db;
  logger: Logger;
  /** Defaults to the database and signed recording links from the configuration. */
  reportDeps?: ReportDeps;
  /** The "Open full report" link of a campaign answer; no button without it. */
  fullReportUrlFor?: SlackRuntime['fullReportUrlFor'];
  /** The clock for request timestamps (tests). */
  now?: () => number;
  /** Answer threads: slash commands are answered there (src/adapters/slack/answer-threads.ts). */
  offload?: AnswerOffload;
}

export interface SlackSurface {
  /** Mount on the one HTTP server: /slack/events (unless Socket Mode), /slack/install, /slack/oauth_redirect. */
  router: Router;
  app: App;
  mode: 'token' | 'oauth';
  socketMode: boolean;
  /** Connects Socket Mode; nothing to do over HTTP. */
  start(): Promise<void>;
  /** Disconnects Socket Mode and waits for answers still being computed. */
  stop(): Promise<void>;
  /** Resolves when no answer is being computed or posted (tests). */
  idle(): Promise<void>;
  /** The bot token of a workspace (refreshed when rotated), for the delivery jobs; null when not installed. */
  tokenFor(workspaceId: string | null): Promise<string | null>;
  /** What the listeners answer with (an answer thread answers with its own). */
  runtime: SlackRuntime;
}

/** Slack's authorize page lives beside its Web API (slack.com/api/ → slack.com/oauth/v2/authorize). */
function authorizationUrl(apiUrl: string): string {
  return new URL('/oauth/v2/authorize', apiUrl).toString();
}

/**
 * The Slack app: Bolt on the shared HTTP server (or Socket Mode when SLACK_APP_TOKEN is set), one
 * workspace by SLACK_BOT_TOKEN or many by OAuth. Null when Slack is not configured.
 */
export function createSlackSurface(options: SlackSurfaceOptions): SlackSurface | null {
  const { config, db } = options;
  const slack = config.slack;
  const logger = options.logger.child({ surface: 'slack' });
  const oauth = Boolean(slack.clientId && slack.clientSecret && config.encryptionKey);
  if (!oauth && !slack.botToken) return null;
  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) return null;

  const router = Router();
  let auth: SlackAuth;
  let store: PostgresInstallationStore | null = null;
  if (oauth) {
    const forgetLater: { forget?: SlackAuth['forget'] } = {};
    store = new PostgresInstallationStore(db, config.encryptionKey as Buffer, (key) =>
      forgetLater.forget?.({
        teamId: key.teamId || undefined,
        enterpriseId: key.enterpriseId || undefined,
        isEnterpriseInstall: !key.teamId,
      }),
    );
    const installUrlOptions: InstallURLOptions = {
      scopes: [...SLACK_BOT_SCOPES],
      redirectUri: `${config.publicBaseUrl}${REDIRECT_PATH}`,
    };
    const installer = new InstallProvider({
      clientId: slack.clientId as string,
      clientSecret: slack.clientSecret as string,
      stateSecret: slack.stateSecret,
      installationStore: store,
      authorizationUrl: authorizationUrl(slack.apiUrl),
      directInstall: true,
      installUrlOptions,
      logger: boltLogger(logger),
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    auth = installationAuth({ installer, apiUrl: slack.apiUrl, logger });
    forgetLater.forget = auth.forget;
    router.use(oauthRoutes(installer, installUrlOptions, logger));
    if (slack.botToken)
      logger.warn('SLACK_BOT_TOKEN is ignored: SLACK_CLIENT_ID selects the multi-workspace (OAuth) install');
  } else {
    auth = tokenAuth({
      botToken: slack.botToken as string,
      botId: slack.botId,
      botUserId: slack.botUserId,
      apiUrl: slack.apiUrl,
      logger,
    });
  }

  let receiver: Receiver;
  if (socketMode) {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken as string,
      logger: boltLogger(logger),
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
  } else {
    router.use(SLACK_EVENTS_PATH, rejectSkewedSlackTimestamps(options.now));
    receiver = new ExpressReceiver({
      signingSecret: slack.signingSecret as string,
      endpoints: SLACK_EVENTS_PATH,
      router,
      app: express(),
      // Every listener acks first and answers through response_url; the HTTP answer must not wait for it.
      processBeforeResponse: false,
      logger: boltLogger(logger),
    });
  }

  const app = new App({
    receiver,
    authorize: auth.authorize,
    logger: boltLogger(logger),
    clientOptions: webClientOptions(slack.apiUrl, logger),
    convoStore: false,
  });
  const work = new BackgroundWork(logger, options.offload?.concurrency);
  const runtime: SlackRuntime = {
    deps: options.reportDeps ?? reportDepsFor(config, db),
    auth,
    work,
    ...(options.offload ? { offload: options.offload } : {}),
    logger,
    quickchartBaseUrl: config.quickchartBaseUrl,
    quickchartPublic: config.quickchartPublic,
    recordingLinkTtlSeconds: config.recordingLinks.ttlSeconds,
    ...(options.fullReportUrlFor ? { fullReportUrlFor: options.fullReportUrlFor } : {}),
  };
  registerCampaignReportCommand(app, runtime);
  registerShareReport(app, runtime);
  registerOpenCalls(app, runtime);
  registerDownloadCallsCsv(app, runtime);
  registerListenRecording(app, runtime);
  registerAppEvents(app, runtime, store);

  return {
    router,
    app,
    mode: auth.mode,
    socketMode,
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
      await work.drain();
    },
    idle: () => work.drain(),
    tokenFor: async (workspaceId) => (await auth.clientFor({ teamId: workspaceId ?? undefined }))?.token ?? null,
    runtime,
  };
}
