import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { Config } from '../../src/config';
import { encryptSecret } from '../../src/domain/secret-box';
import { createJobQueues } from '../../src/jobs/job-queues';
import { jobSettings } from '../../src/jobs/job-settings';
import { deliveryReportDeps, deliveryReportLinks } from '../../src/jobs/report-deps';
import { RunningWebRole, startWebRole } from '../../src/web-role';
import { TestDb, createTestDb } from '../support/test-db';
import { freePort } from '../support/free-port';
import { postEvents } from './webhook/support/webhook-server';
import {
  PUBLIC_BASE_URL,
  TEST_REDIS_URL,
  callEvents,
  clearQueuePrefix,
  createAccount,
  testConfig,
  testLogger,
  uniquePrefix,
  waitUntil,
} from './delivery/support/delivery-env';

const ACCOUNT = 'web-role-acct';
const SECRET = 'web-role-ingest-secret';

let t: TestDb;
let config: Config;
let web: RunningWebRole;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestDb();
  config = testConfig({
    PORT: String(await freePort()),
    QUEUE_PREFIX: uniquePrefix('web-role'),
    APP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  });
  await createAccount(t.db, ACCOUNT, { ingestSecretSealed: encryptSecret(SECRET, config.encryptionKey as Buffer) });
  const extra = Router();
  extra.get('/extra', (_req, res) => void res.send('extra route'));
  web = await startWebRole({
    config,
    db: t.db,
    logger: testLogger,
    reportDeps: deliveryReportDeps(config, t.db),
    extraRouters: [extra],
  });
  baseUrl = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await web?.stop();
  if (config) await clearQueuePrefix(config.queuePrefix);
  await t?.drop();
});

describe('the web role, as ROLE=web starts it', () => {
  it('stores a signed batch and nudges delivery: the account’s update check waits in Redis', async () => {
    const body = JSON.stringify(callEvents({ campaignId: 'camp-web-role', name: 'Web role <b>campaign</b>' }));
    const res = await postEvents(baseUrl, body, { account: ACCOUNT, secret: SECRET });
    expect(res.status).toBe(202);
    const queues = createJobQueues({
      redisUrl: TEST_REDIS_URL,
      prefix: config.queuePrefix,
      role: 'producer',
      settings: jobSettings(),
      logger: testLogger,
    });
    try {
      const delayed = await waitUntil(
        async () => {
          const jobs = await queues.control.getDelayed();
          return jobs.length > 0 && jobs;
        },
        5_000,
        'the update check queued',
      );
      expect(delayed.map((job) => job.data)).toEqual([{ accountId: ACCOUNT }]);
    } finally {
      await queues.close();
    }
  });

  it('serves the full report page of a campaign it stored, and the routes given besides', async () => {
    const url = deliveryReportLinks(config).fullReportUrl(ACCOUNT, 'camp-web-role');
    expect(url?.startsWith(PUBLIC_BASE_URL)).toBe(true);
    const page = await fetch(`${baseUrl}${new URL(url as string).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Web role &lt;b&gt;campaign&lt;/b&gt;');
    expect(await (await fetch(`${baseUrl}/extra`)).text()).toBe('extra route');
  });

  it('stops taking requests when stopped', async () => {
    await web.stop();
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });
});
