import { Router } from 'express';
import { App } from '@slack/bolt';
import { Logger } from 'pino';
import { reportDepsFor } from '../../reports/recording-links';
import { ReportDeps } from '../../reports/report-context';
import { Db } from '../../storage/connection';
import { AnswerOffload } from './answer-threads';
import { BackgroundWork } from './background-work';
import { boltLogger } from './bolt-logger';
import { registerNativeSurfaces } from './listeners/register-native-surfaces';
import { registerSlackListeners } from './listeners/register-listeners';
import { slackAppAuth } from './slack-app-auth';
import { SLACK_EVENTS_PATH, slackReceiver } from './slack-receiver';
import { SlackRuntime } from './slack-runtime';
import { SlackSettings, usesOAuth } from './slack-settings';
import { webClientOptions } from './web-client';

export { SLACK_EVENTS_PATH };
export type { SlackSettings };

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

/**
 * The Slack app: Bolt on the shared HTTP server (or Socket Mode when SLACK_APP_TOKEN is set), one
 * workspace by SLACK_BOT_TOKEN or many by OAuth. Null when Slack is not configured.
 */
export function createSlackSurface(options: SlackSurfaceOptions): SlackSurface | null {
  const { config, db } = options;
  const slack = config.slack;
  const logger = options.logger.child({ surface: 'slack' });
  if (!usesOAuth(config) && !slack.botToken) return null;
  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) return null;

  const router = Router();
  const { auth, store } = slackAppAuth(config, db, router, logger);
  const receiver = slackReceiver(config, router, logger, options.now);

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
  registerSlackListeners(app, runtime, store);
  registerNativeSurfaces(app, runtime, config);

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
