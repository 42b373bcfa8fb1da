import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { SlackHarness, startSlackHarness } from './support/slack-harness';
import { signedHeaders, slackSignature, slashCommandBody } from './support/slack-signing';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

describe('Slack request signatures', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    h = await startSlackHarness({ db: t.db, fake });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });

  function body(): string {
    return slashCommandBody({ text: 'help', teamId: TEAM_A, responseUrl: fake.newResponseUrl() });
  }

  async function expectRefused(headers: Record<string, string>, raw = body()): Promise<void> {
    await h.surface.idle();
    const before = fake.calls.length;
    const result = await h.post('/slack/events', raw, headers);
    expect(result.status).toBe(401);
    await h.surface.idle();
    expect(fake.calls.length).toBe(before);
  }

  it('accepts a correct signature', async () => {
    const raw = body();
    expect((await h.post('/slack/events', raw, signedHeaders(raw))).status).toBe(200);
  });

  it('refuses a forged signature', async () => {
    await expectRefused(signedHeaders(body(), { secret: 'not-the-signing-secret' }));
  });

  it('refuses a body changed after signing', async () => {
    const raw = body();
    await expectRefused(signedHeaders(raw), raw.replace('help', 'list'));
  });

  it('refuses a missing signature', async () => {
    const raw = body();
    const headers = signedHeaders(raw);
    delete (headers as Record<string, string | undefined>)['x-slack-signature'];
    await expectRefused(headers, raw);
  });

  it.each([
    ['stale by 5 min 1 s', -301],
    ['an hour old', -3600],
    ['future-dated by 5 min 1 s', 301],
    ['future-dated by a day', 86400],
  ])('refuses a correctly signed request %s', async (_label, offset) => {
    const raw = body();
    const timestamp = now() + offset;
    await expectRefused(signedHeaders(raw, { timestamp, signature: slackSignature(raw, timestamp) }), raw);
  });

  it('refuses a non-numeric timestamp', async () => {
    const raw = body();
    await expectRefused({ ...signedHeaders(raw), 'x-slack-request-timestamp': 'soon' }, raw);
  });

  it.each([-290, 290])('accepts a signature %i s off (inside the window)', async (offset) => {
    const raw = body();
    const timestamp = now() + offset;
    expect((await h.post('/slack/events', raw, signedHeaders(raw, { timestamp }))).status).toBe(200);
  });
});
