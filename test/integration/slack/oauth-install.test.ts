import { Knex } from 'knex';
import { decryptSecret } from '../../../src/domain/secret-box';
import { PostgresInstallationStore } from '../../../src/adapters/slack/installation-store';
import { SLACK_BOT_SCOPES } from '../../../src/adapters/slack/slack-scopes';
import { createDb } from '../../../src/storage/connection';
import { findSlackInstallation } from '../../../src/storage/slack-installations';
import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import { SlackHarness, TEST_ENCRYPTION_KEY, startSlackHarness } from './support/slack-harness';
import { SIGNING_SECRET, signedHeaders } from './support/slack-signing';
import { TEAM_A, TEAM_B, seedTwoAccounts } from './support/two-accounts';

const KEY = Buffer.from(TEST_ENCRYPTION_KEY, 'base64');

describe('multi-workspace install (OAuth), tokens sealed in PostgreSQL, token rotation', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack({ tokenRotation: true, clientId: '111.222', clientSecret: 'client-secret' });
    h = await startSlackHarness({
      db: t.db,
      fake,
      env: {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret',
        APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        SLACK_API_URL: fake.apiUrl,
        QUICKCHART_BASE_URL: 'off',
        PUBLIC_BASE_URL: 'https://reports.example.test',
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });

  async function install(teamId: string): Promise<Response> {
    const start = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(new URL('/oauth/v2/authorize', fake.apiUrl).toString());
    expect(location.searchParams.get('client_id')).toBe('111.222');
    expect(location.searchParams.get('scope')?.split(',')).toEqual([...SLACK_BOT_SCOPES]);
    expect(location.searchParams.get('redirect_uri')).toBe('https://reports.example.test/slack/oauth_redirect');
    const cookie = (start.headers.get('set-cookie') as string).split(';')[0];
    const state = location.searchParams.get('state') as string;
    const code = fake.oauthCode({ teamId, teamName: `Team ${teamId}`, botId: `B${teamId}`, botUserId: `U${teamId}` });
    return fetch(`${h.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
  }

  it('installs a workspace and keeps its tokens encrypted at rest', async () => {
    const done = await install(TEAM_A);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`npm run cli -- link slack ${TEAM_A} &lt;account_id&gt;`);
    const row = await t.db('slack_installations').where({ team_id: TEAM_A }).first();
    expect(row).toMatchObject({ enterprise_id: '', bot_id: `B${TEAM_A}`, bot_user_id: `U${TEAM_A}` });
    expect(row.bot_token_expires_at).not.toBeNull();
    expect(row.installation_enc).not.toMatch(/xox/);
    const installation = JSON.parse(decryptSecret(row.installation_enc, KEY));
    expect(installation.bot.token).toMatch(/^xoxe\.xoxb-/);
    expect(installation.bot.refreshToken).toMatch(/^xoxe-1-/);
  });

  it('refuses a callback whose state does not match the browser', async () => {
    const code = fake.oauthCode({ teamId: 'T0MALLORY' });
    const done = await fetch(`${h.url}/slack/oauth_redirect?code=${code}&state=forged`);
    expect(done.status).toBe(400);
    expect(await t.db('slack_installations').where({ team_id: 'T0MALLORY' })).toEqual([]);
  });

  it('refreshes a token about to expire before using it, and stores the new pair', async () => {
    const store = new PostgresInstallationStore(t.db, KEY);
    const before = await store.fetchInstallation({
      teamId: TEAM_A,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    await store.storeInstallation({
      ...before,
      bot: { ...before.bot!, expiresAt: Math.floor(Date.now() / 1000) + 60 },
    });

    const ack = await h.command('subscribe all', TEAM_A, { channelId: 'C0OAUTH' });
    expect(ack.status).toBe(200);
    const answer = await h.answerAt(ack.responseUrl);
    expect(answer.body.text).toBe(
      'Subscribed here to summaries, the monthly digest, live progress and alerts of all campaigns.',
    );

    const refresh = fake.calls.find((c) => c.method === 'oauth.v2.access' && c.body.grant_type === 'refresh_token');
    expect(refresh?.body.refresh_token).toBe(before.bot!.refreshToken);
    const after = await store.fetchInstallation({
      teamId: TEAM_A,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(after.bot!.token).not.toBe(before.bot!.token);
    expect(after.bot!.expiresAt).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3600);
    const info = fake.calls.find((c) => c.method === 'conversations.info' && c.body.channel === 'C0OAUTH');
    expect(info?.token).toBe(after.bot!.token);
  });

  it('uses each workspace its own token', async () => {
    expect((await install(TEAM_B)).status).toBe(200);
    const ack = await h.command('cmp-1-000', TEAM_B, { channelId: 'C0B' }); // not B's campaign: a message, no upload
    await h.answerAt(ack.responseUrl);
    const ackB = await h.command('zeta-secret-campaign', TEAM_B, { channelId: 'C0B' });
    await h.answerAt(ackB.responseUrl);
    await h.surface.idle();
    const uploads = fake.calls.filter((c) => c.method === 'files.getUploadURLExternal');
    expect(uploads.length).toBeGreaterThan(0);
    for (const call of uploads.slice(-1)) expect(call.token).toMatch(new RegExp(`^xoxe\\.xoxb-${TEAM_B}-`));
  });

  it('acks at once even when the installation store is locked', async () => {
    const locker = createDb({ databaseUrl: TEST_DATABASE_URL, schema: t.schema, poolMax: 1 });
    const trx: Knex.Transaction = await locker.transaction();
    try {
      await trx.raw('lock table slack_installations, workspace_links in access exclusive mode');
      const ack = await h.command('cmp-1-000', 'T0COLD'); // no cached install to fall back on
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(1000);
      await trx.rollback();
      const answer = await h.answerAt(ack.responseUrl);
      expect(String(answer.body.text)).toContain('not linked');
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
      await locker.destroy();
    }
  });

  it('forgets a workspace that uninstalls the app', async () => {
    const body = JSON.stringify({
      token: 'x',
      team_id: TEAM_B,
      api_app_id: 'A0FAKEAPP',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_uninstalled', event_ts: '1700000000.000100' },
    });
    const result = await h.post('/slack/events', body, { ...signedHeaders(body), 'content-type': 'application/json' });
    expect(result.status).toBe(200);
    // The event is acked before it is handled: wait until the install is gone (or fail after 5 s).
    for (const deadline = Date.now() + 5000; await findSlackInstallation(t.db, { enterpriseId: '', teamId: TEAM_B });) {
      if (Date.now() > deadline) throw new Error('the installation was not deleted within 5 s');
      await h.surface.idle();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await findSlackInstallation(t.db, { enterpriseId: '', teamId: TEAM_A })).not.toBeNull();
  });

  it("answers Slack's URL verification challenge", async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const result = await h.post('/slack/events', body, { ...signedHeaders(body), 'content-type': 'application/json' });
    expect(result).toMatchObject({ status: 200 });
    expect(JSON.parse(result.body)).toEqual({ challenge: 'abc123' });
  });
});
