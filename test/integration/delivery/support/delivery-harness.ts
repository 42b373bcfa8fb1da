import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Config } from '../../../../src/config';
import { createHttpApp } from '../../../../src/http/create-app';
import { reportPageRouter } from '../../../../src/http/report-page-route';
import { webhookRouter } from '../../../../src/http/webhook-route';
import { recordingRouter } from '../../../../src/http/recording-route';
import { DeliveryNotifier, createDeliveryNotifier } from '../../../../src/jobs/delivery-notifier';
import { JobSettings } from '../../../../src/jobs/job-settings';
import { deliveryReportDeps } from '../../../../src/jobs/report-deps';
import { linkSecretsOf } from '../../../../src/reports/recording-links';
import { RunningSchedulerRole, startSchedulerRole } from '../../../../src/jobs/scheduler-role';
import { RunningWorkerRole, startWorkerRole } from '../../../../src/jobs/worker-role';
import { Db } from '../../../../src/storage/connection';
import { TestDb, createTestDb } from '../../../support/test-db';
import { FakeSlack, startFakeSlack } from '../../../support/fakes/fake-slack';
import { FakeSmtp, startFakeSmtp } from './fake-smtp';
import { BOT_TOKEN, FAST_SETTINGS, clearQueuePrefix, testConfig, testLogger, uniquePrefix } from './delivery-env';

/**
 * Everything automatic delivery needs, in this process: a schema, the fake Slack, an SMTP peer, the
 * web app (webhook with onIngested, report pages, /r/ links) on a random port, a worker and a scheduler
 * with their own queue prefix.
 */
export interface DeliveryHarness {
  t: TestDb;
  slack: FakeSlack;
  smtp: FakeSmtp;
  config: Config;
  prefix: string;
  baseUrl: string;
  worker: RunningWorkerRole | null;
  scheduler: RunningSchedulerRole | null;
  notifier: DeliveryNotifier;
  startWorker(settings?: Partial<JobSettings>): Promise<RunningWorkerRole>;
  startScheduler(): Promise<RunningSchedulerRole>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  label: string;
  env?: Record<string, string>;
  settings?: Partial<JobSettings>;
  worker?: boolean;
  scheduler?: boolean;
  /** The worker's own database handle (e.g. with an application_name to find its connections). */
  workerDb?: (t: TestDb) => Db;
}

export async function startDeliveryHarness(options: HarnessOptions): Promise<DeliveryHarness> {
  const t = await createTestDb();
  const slack = await startFakeSlack();
  const smtp = await startFakeSmtp();
  const prefix = uniquePrefix(options.label);
  const config = testConfig({
    SLACK_API_URL: slack.apiUrl,
    SMTP_URL: smtp.url,
    APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...options.env,
  });
  const notifier = createDeliveryNotifier({ config, logger: testLogger, queuePrefix: prefix });
  const reportDeps = deliveryReportDeps(config, t.db);
  const workerDb = options.workerDb?.(t) ?? t.db;
  const app = createHttpApp(
    [
      webhookRouter({
        db: t.db,
        encryptionKey: config.encryptionKey,
        logger: testLogger,
        onIngested: notifier.onIngested,
      }),
      recordingRouter({ db: t.db, linkSecrets: linkSecretsOf(config) }),
      reportPageRouter({ reportDeps, linkSecrets: linkSecretsOf(config), logger: testLogger }),
    ],
    testLogger,
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const harness: DeliveryHarness = {
    t,
    slack,
    smtp,
    config,
    prefix,
    baseUrl,
    worker: null,
    scheduler: null,
    notifier,
    async startWorker(settings) {
      harness.worker = await startWorkerRole({
        config,
        db: workerDb,
        logger: testLogger,
        slackTokenFor: async () => BOT_TOKEN,
        queuePrefix: prefix,
        settings: { ...FAST_SETTINGS, ...options.settings, ...settings },
        slackTimeoutMs: 2_000,
      });
      return harness.worker;
    },
    async startScheduler() {
      harness.scheduler = await startSchedulerRole({
        config,
        db: t.db,
        logger: testLogger,
        queuePrefix: prefix,
        settings: { ...FAST_SETTINGS, ...options.settings },
        schedulerCheckMs: 500,
      });
      return harness.scheduler;
    },
    async stop() {
      await harness.scheduler?.stop();
      await harness.worker?.stop();
      await notifier.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.close();
      await smtp.close();
      await clearQueuePrefix(prefix);
      if (workerDb !== t.db) await workerDb.destroy();
      await t.drop();
    },
  };
  if (options.worker !== false) await harness.startWorker();
  if (options.scheduler !== false) await harness.startScheduler();
  return harness;
}
