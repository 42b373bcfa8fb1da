import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { encryptSecret } from '../../src/domain/secret-box';
import { createHttpApp } from '../../src/http/create-app';
import { webhookRouter } from '../../src/http/webhook-route';
import { createDeliveryNotifier } from '../../src/jobs/delivery-notifier';
import { RunningWorkerRole, startWorkerRole } from '../../src/jobs/worker-role';
import { upsertAccount } from '../../src/storage/accounts';
import { createDb } from '../../src/storage/connection';
import { FakeSlack, startFakeSlack } from '../../test/support/fakes/fake-slack';
import { BenchDb } from './bench-db';
import { dropJobQueues } from './job-queues';
import { postSignedEvents } from './signed-webhook';

const SECRET = 'bench-alert-ingest-secret';

export interface AlertStack {
  slack: FakeSlack;
  worker: RunningWorkerRole;
  /** Posts one signed webhook request of the default account; resolves at its 202 (epoch ms). */
  post(events: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

/**
 * What the alert benches run against, in this process: the signed webhook, the watch job and the delivery
 * worker on the bench's PostgreSQL and the real Redis, posting to a fake Slack.
 */
export async function startAlertStack(bench: BenchDb, redisUrl: string, prefix: string): Promise<AlertStack> {
  const slack = await startFakeSlack();
  const logger = pino({ level: 'warn' });
  const config = loadConfig({
    DATABASE_URL: bench.url,
    REDIS_URL: redisUrl,
    SLACK_API_URL: slack.apiUrl,
    QUICKCHART_BASE_URL: 'off',
    APP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    LOG_LEVEL: 'warn',
  });
  const db = createDb({ databaseUrl: config.databaseUrl, poolMax: 12 });
  const worker = await startWorkerRole({
    config,
    db,
    logger,
    slackTokenFor: async () => 'xoxb-bench',
    queuePrefix: prefix,
  });
  const notifier = createDeliveryNotifier({ config, logger, queuePrefix: prefix });
  const server = http.createServer(
    createHttpApp(
      [webhookRouter({ db: bench.db, encryptionKey: config.encryptionKey, logger, onIngested: notifier.onIngested })],
      logger,
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
  await upsertAccount(
    bench.db,
    'default',
    { ingestSecretSealed: encryptSecret(SECRET, config.encryptionKey as Buffer) },
    'Asia/Ho_Chi_Minh',
  );
  return {
    slack,
    worker,
    post: (events) => postSignedEvents(url, SECRET, events),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await notifier.close();
      await worker.stop();
      await db.destroy();
      await slack.close();
      await dropJobQueues(redisUrl, prefix);
    },
  };
}
