import { Knex } from 'knex';
import { createDb, Db } from '../../../src/storage/connection';
import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import { SlackHarness, startSlackHarness } from './support/slack-harness';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

/** Slack gives up on a command after 3 s; we want the ack far inside that whatever PostgreSQL does. */
const ACK_BUDGET_MS = 1000;
const LOCK_HELD_MS = 3500;

describe('the ack does not wait for the database', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;
  let locker: Db;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    h = await startSlackHarness({ db: t.db, fake });
    locker = createDb({ databaseUrl: TEST_DATABASE_URL, schema: t.schema, poolMax: 1 });
  });
  afterAll(async () => {
    await h?.close();
    await locker?.destroy();
    await fake?.close();
    await t?.drop();
  });

  it('acks every command at once while another connection holds a lock on what the answer reads', async () => {
    const trx: Knex.Transaction = await locker.transaction();
    // Every answer starts by finding the workspace's account: nothing can read workspace_links now.
    await trx.raw('lock table workspace_links in access exclusive mode');
    const lockedAt = Date.now();
    let released = 0;
    try {
      const texts = ['cmp-1-000', 'list', 'calls cmp-1-000', 'usage 2026-10', 'subscriptions', 'subscribe all'];
      const acks = await Promise.all(texts.map((text) => h.command(text, TEAM_A, { channelId: 'C0SLOW' })));
      for (const ack of acks) {
        expect(ack.status).toBe(200);
        expect(ack.ms).toBeLessThan(ACK_BUDGET_MS);
      }
      expect(Date.now() - lockedAt).toBeLessThan(LOCK_HELD_MS);
      // Nothing could be answered yet: the answers really do need the locked table.
      expect(fake.calls.filter((c) => c.method === 'response_url')).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, LOCK_HELD_MS - (Date.now() - lockedAt)));
      released = Date.now();
      await trx.rollback();
      const answers = await Promise.all(acks.map((ack) => h.answerAt(ack.responseUrl, 15_000)));
      for (const answer of answers) {
        expect(answer.at).toBeGreaterThanOrEqual(released);
        expect(String(answer.body.text)).not.toContain('something went wrong');
      }
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
  }, 30_000);
});
