import http from 'node:http';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectorRouter } from '../../../../src/http/connector-route';
import { createHttpApp } from '../../../../src/http/create-app';
import { healthRouter } from '../../../../src/http/health-route';
import { BodyBudget, DEFAULT_BODY_BUDGET_BYTES } from '../../../../src/http/request-body';
import { webhookRouter } from '../../../../src/http/webhook-route';
import { createLogger } from '../../../../src/logger';
import { createDb } from '../../../../src/storage/connection';

/**
 * A server process for the hostile-input and fuzz suites: the webhook, connector and health routes over real
 * HTTP (one body budget, as the web server has), with the event loop's delay measured in this process
 * (perf_hooks). Prints {"port": n} when it listens; answers the IPC message "loop-delay" with the largest
 * delay since the last one, then starts afresh.
 */
export interface WebhookChildSpec {
  databaseUrl: string;
  schema: string;
  encryptionKey: string;
  bodyBudgetBytes?: number;
  /** PUBLIC_BASE_URL: what Twilio signs. */
  publicBaseUrl: string;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.CHILD_SPEC ?? '{}') as WebhookChildSpec;
  const logger = createLogger('silent', false);
  const db = createDb({ databaseUrl: spec.databaseUrl, schema: spec.schema, poolMax: 5 });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const encryptionKey = Buffer.from(spec.encryptionKey, 'base64');
  const bodyBudget = new BodyBudget(spec.bodyBudgetBytes ?? DEFAULT_BODY_BUDGET_BYTES);
  const app = createHttpApp(
    [
      healthRouter(db),
      webhookRouter({ db, encryptionKey, logger, bodyBudget }),
      connectorRouter({ db, encryptionKey, publicBaseUrl: spec.publicBaseUrl, logger, bodyBudget }),
    ],
    logger,
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (message) => {
    if (message !== 'loop-delay') return;
    process.send?.({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, rssBytes: process.memoryUsage().rss });
    delay.reset();
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void db.destroy().finally(() => process.exit(0));
  });
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
