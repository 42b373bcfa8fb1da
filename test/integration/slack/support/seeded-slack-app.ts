import { FakeSlack, startFakeSlack } from '../../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../../support/test-db';
import { SlackHarness, startSlackHarness } from './slack-harness';
import { seedTwoAccounts } from './two-accounts';

export interface SeededSlackApp {
  t: TestDb;
  fake: FakeSlack;
  h: SlackHarness;
}

/**
 * Registers the suite's beforeAll/afterAll: a fresh schema with two linked accounts, the fake Slack, and
 * the real app on 127.0.0.1 pointed at it. Read the fields inside tests (they are set once beforeAll ran).
 */
export function useSeededSlackApp(): SeededSlackApp {
  const app = {} as SeededSlackApp;
  beforeAll(async () => {
    app.t = await createTestDb();
    await seedTwoAccounts(app.t.db);
    app.fake = await startFakeSlack();
    app.h = await startSlackHarness({ db: app.t.db, fake: app.fake });
  });
  afterAll(async () => {
    await app.h?.close();
    await app.fake?.close();
    await app.t?.drop();
  });
  return app;
}
