import { randomBytes } from 'node:crypto';
import knex from 'knex';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeEmail,
  subscribeSlack,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { TEST_DATABASE_URL } from '../support/test-db';

/**
 * PostgreSQL drops the worker's connections again and again while reports go out (what a server
 * restart does to a client, without restarting the server other suites use): jobs fail, retry on new
 * connections and finish, and every destination still gets its report exactly once.
 */
const APP = `cr-worker-${randomBytes(4).toString('hex')}`;
const CAMPAIGNS = ['pg-1', 'pg-2', 'pg-3', 'pg-4'];
let h: DeliveryHarness;
const admin = knex({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });

beforeAll(async () => {
  h = await startDeliveryHarness({
    label: 'pgterm',
    settings: { channelIntervalMs: 200 },
    // The worker's own pool, named so that its connections can be found; knex's reconnect notices muted.
    workerDb: (t) =>
      knex({
        client: 'pg',
        connection: { connectionString: `${t.url}&application_name=${APP}` },
        pool: { min: 0, max: 12 },
        log: { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined },
      }),
  });
}, 30_000);
afterAll(async () => {
  await h?.stop();
  await admin.destroy();
}, 30_000);

async function terminateWorkerConnections(): Promise<number> {
  const result = await admin.raw(
    'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = ?',
    [APP],
  );
  return Number((result.rows as { n: string }[])[0].n);
}

describe('PostgreSQL connections of the worker terminated mid-run', () => {
  it('retries the jobs that failed and finishes every delivery exactly once', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0PGA');
    await subscribeSlack(h.t.db, 'default', 'C0PGB');
    await subscribeEmail(h.t.db, 'default', 'pg@example.com');
    for (const campaignId of CAMPAIGNS) {
      const shape = { campaignId, calls: 3, reportEmails: ['ops-pg@example.com'] };
      await ingestEvents(
        h.t.db,
        'default',
        [...callEvents(shape), completionEvent(shape)],
        new Date(Date.now() - 60_000),
      );
    }
    await h.slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);
    let terminated = 0;
    for (let round = 0; round < 15; round += 1) {
      terminated += await terminateWorkerConnections();
      await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 80));
    }
    expect(terminated).toBeGreaterThan(0);

    const expected = CAMPAIGNS.length * 4;
    await waitUntil(
      async () => {
        const rows = await ledger(h.t.db);
        return rows.length === expected && rows.every((r) => r.status === 'done');
      },
      40_000,
      'every delivery done',
    );
    for (const channel of ['C0PGA', 'C0PGB']) {
      const reports = h.slack
        .messages(channel)
        .map((m) => m.metadata?.event_payload.report_ref)
        .sort();
      expect({ channel, reports }).toEqual({ channel, reports: [...CAMPAIGNS].sort() });
    }
    for (const recipient of ['pg@example.com', 'ops-pg@example.com']) {
      const ids = h.smtp.received.filter((m) => m.envelopeTo[0] === recipient).map((m) => m.messageId);
      expect({ recipient, emails: ids.length, distinct: new Set(ids).size }).toEqual({
        recipient,
        emails: CAMPAIGNS.length,
        distinct: CAMPAIGNS.length,
      });
    }
  }, 60_000);
});
