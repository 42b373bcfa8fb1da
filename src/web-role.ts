import http from 'node:http';
import { Router } from 'express';
import { Logger } from 'pino';
import { Config } from './config';
import { startWebServer } from './http/web-server';
import { reportPageRouter } from './http/report-page-route';
import { createDeliveryNotifier } from './jobs/delivery-notifier';
import { ReportDeps } from './reports/report-context';
import { linkSecretsOf } from './reports/recording-links';
import { Db } from './storage/connection';
import type { SlackSurface } from './adapters/slack/slack-surface';
import type { TeamsSurface } from './adapters/teams/create-teams-surface';

export interface WebRoleOptions {
  config: Config;
  db: Db;
  logger: Logger;
  reportDeps: ReportDeps;
  slack?: Pick<SlackSurface, 'router' | 'start' | 'stop'> | null;
  teams?: Pick<TeamsSurface, 'router'>;
  /** Further routes on the same server, after the report pages and the chat surfaces. */
  extraRouters?: Router[];
}

export interface RunningWebRole {
  server: http.Server;
  /** Stops taking requests, then what they feed: the chat surfaces' answers, the delivery nudges. */
  stop(): Promise<void>;
}

/**
 * ROLE=web in one process: the one HTTP server with every route that ships (the webhook and connectors,
 * whose ingests nudge delivery; the report pages; Slack and Teams), listening once this resolves.
 */
export async function startWebRole(options: WebRoleOptions): Promise<RunningWebRole> {
  const { config, db, logger, reportDeps, slack, teams } = options;
  const notifier = createDeliveryNotifier({ config, logger });
  let server: http.Server;
  try {
    server = await startWebServer({
      config,
      db,
      logger,
      onIngested: (accountId) => notifier.onIngested(accountId),
      extraRouters: [
        reportPageRouter({ reportDeps, linkSecrets: linkSecretsOf(config), logger }),
        ...(slack ? [slack.router] : []),
        ...(teams ? [teams.router] : []),
        ...(options.extraRouters ?? []),
      ],
    });
  } catch (error) {
    await notifier.close();
    throw error;
  }
  const stop = async () => {
    await closeServer(server);
    await slack?.stop();
    await notifier.close();
  };
  try {
    await slack?.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { server, stop };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
