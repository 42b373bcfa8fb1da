import http from 'node:http';
import { Router } from 'express';
import { Logger } from 'pino';
import { Config } from '../config';
import { linkSecretsOf } from '../reports/recording-links';
import { Db } from '../storage/connection';
import { connectorRouter } from './connector-route';
import { createHttpApp } from './create-app';
import { healthRouter } from './health-route';
import { recordingRouter } from './recording-route';
import { BodyBudget, DEFAULT_BODY_BUDGET_BYTES } from './request-body';
import { webhookRouter } from './webhook-route';

export interface WebServerOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** Routers of the chat surfaces (Slack, Teams) and pages, mounted before the core ones. */
  extraRouters?: Router[];
  onIngested?: (accountId: string) => void;
}

/** Starts the one HTTP server; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<http.Server> {
  const { config, db, logger } = options;
  // One budget for the bodies every ingest route of this process holds at once.
  const bodyBudget = new BodyBudget(DEFAULT_BODY_BUDGET_BYTES);
  const app = createHttpApp(
    [
      healthRouter(db),
      webhookRouter({ db, encryptionKey: config.encryptionKey, logger, onIngested: options.onIngested, bodyBudget }),
      connectorRouter({
        db,
        encryptionKey: config.encryptionKey,
        publicBaseUrl: config.publicBaseUrl,
        logger,
        onIngested: options.onIngested,
        bodyBudget,
      }),
      recordingRouter({
        db,
        linkSecrets: linkSecretsOf(config),
        fetchAllowList: config.recordingFetchAllowList,
        logger,
      }),
      ...(options.extraRouters ?? []),
    ],
    logger,
  );
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info({ port: config.port }, 'http server listening');
  return server;
}
