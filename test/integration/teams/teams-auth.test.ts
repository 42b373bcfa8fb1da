import { listDestinationSubscriptions } from '../../../src/storage/subscriptions';
import { findTeamsConversation } from '../../../src/storage/teams-conversations';
import { startFakeBotConnector, FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { loadSample } from '../../support/sample-data';
import { createTestDb, TestDb } from '../../support/test-db';
import {
  CHANNEL,
  TeamsHarness,
  cardOf,
  cardTexts,
  linkTenant,
  startTeamsHarness,
  teamsActivity,
  teamsMessage,
} from './support/teams-harness';

/** Each suite its own app id: botframework-connector caches outbound tokens per app id for the whole process. */
const APP_ID = 'a1b2c3d4-0000-4000-8000-teams-auth-01';
const APP_PASSWORD = 'not-a-real-secret-teams-auth';

describe('Teams bot with app credentials: Bot Framework tokens checked against the fake', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
    await linkTenant(t.db);
    connector = await startFakeBotConnector({ appPasswords: { [APP_ID]: APP_PASSWORD } });
    harness = await startTeamsHarness(t.db, {
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        BOTFRAMEWORK_OPENID_METADATA_URL: connector.openIdMetadataUrl,
        BOTFRAMEWORK_TOKEN_ISSUER: connector.issuer,
        BOTFRAMEWORK_LOGIN_URL: connector.loginUrl,
        QUICKCHART_BASE_URL: 'https://quickchart.example.com',
      },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await connector?.close();
    await t?.drop();
  });
  beforeEach(() => connector.reset());

  const signed = (claims: Parameters<FakeBotConnector['signInboundToken']>[0]) =>
    `Bearer ${connector.signInboundToken(claims)}`;

  it('answers 401 and runs nothing without a token, with a forged one, or one for another bot', async () => {
    const activity = teamsMessage(connector, 'list');
    const other = await startFakeBotConnector();
    // botbuilder prints refused tokens with console.error; pino has them already.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let refused: (string | undefined)[] = [];
    try {
      refused = [
        undefined,
        'Bearer not-a-jwt',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        signed({ appId: 'some-other-bot', serviceUrl: connector.url }),
        signed({ appId: APP_ID, serviceUrl: 'http://127.0.0.1:9/elsewhere' }),
        signed({ appId: APP_ID, serviceUrl: connector.url, issuer: 'https://issuer.example.com' }),
        signed({ appId: APP_ID, serviceUrl: connector.url, expiresInSeconds: -600 }),
        // Signed by the same process-wide key but carrying a payload we tamper with.
        (() => {
          const [header, , signature] = connector
            .signInboundToken({ appId: APP_ID, serviceUrl: connector.url })
            .split('.');
          const payload = Buffer.from(
            JSON.stringify({ aud: APP_ID, iss: connector.issuer, serviceurl: connector.url, exp: 4102444800 }),
          ).toString('base64url');
          return `Bearer ${header}.${payload}.${signature}`;
        })(),
        `Bearer ${other.signInboundToken({ appId: APP_ID, serviceUrl: connector.url, issuer: other.issuer })}`,
      ];
      for (const authorization of refused) {
        const response = await harness.post(activity, authorization);
        expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
        await expect(response.json()).resolves.toEqual({ error: 'unauthorized' });
      }
    } finally {
      consoleError.mockRestore();
      await other.close();
    }
    expect(connector.calls.filter((call) => call.operation !== 'metadata')).toEqual([]);
    expect(
      harness.logs.filter((line) => line.msg === 'teams request refused: no valid token').length,
    ).toBeGreaterThanOrEqual(refused.length);
    expect(JSON.stringify(harness.logs)).not.toContain(APP_PASSWORD);
  });

  it('accepts a token signed by the channel and answers with its own token from the login URL', async () => {
    const response = await harness.post(
      teamsMessage(connector, '<at>Campaign Report</at> cmp-1-000'),
      signed({ appId: APP_ID, serviceUrl: connector.url }),
    );
    expect(response.status).toBe(200);
    const reply = connector.calls.find((call) => call.operation === 'reply');
    expect(reply).toMatchObject({ status: 200, appId: APP_ID });
    expect(reply?.authorization).toMatch(/^Bearer ey/);
    expect(cardTexts(cardOf(reply?.body as Record<string, unknown>))).toContain('Đợt 0, "Nhắc nợ "Tháng", vòng 1"');
    // The first outbound call of this app id: the token comes from BOTFRAMEWORK_LOGIN_URL (then it is cached).
    const token = connector.calls.find((call) => call.operation === 'token');
    expect(token?.status).toBe(200);
    expect(token?.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: APP_ID,
      scope: 'https://api.botframework.com/.default',
    });
    expect(JSON.stringify(harness.logs)).not.toContain(APP_PASSWORD);
  });

  it('refuses a correctly signed webchat or Direct Line activity naming a linked tenant: it sees nothing and creates nothing', async () => {
    const conversationId = 'webchat-conversation-0001';
    for (const channelId of ['webchat', 'directline']) {
      for (const command of ['list', 'cmp-1-000', 'subscribe all']) {
        // Direct Line passes a client's channelData through: the tenant id is the attacker's choice.
        for (const tenant of [{ tenantInChannelData: true }, {}]) {
          const activity = teamsMessage(connector, command, {
            conversationId,
            conversationType: 'personal',
            channelId,
            ...tenant,
          });
          const response = await harness.post(activity, signed({ appId: APP_ID, serviceUrl: connector.url }));
          expect({ channelId, command, status: response.status }).toEqual({ channelId, command, status: 403 });
          await expect(response.json()).resolves.toEqual({
            error: 'this bot serves Microsoft Teams only (channelId "msteams")',
          });
        }
      }
    }
    expect(connector.calls.filter((call) => call.operation !== 'metadata')).toEqual([]);
    expect(connector.activities()).toEqual([]);
    expect(await findTeamsConversation(t.db, conversationId)).toBeNull();
    expect(await listDestinationSubscriptions(t.db, 'default', 'teams', conversationId)).toEqual([]);
    expect(harness.logs.filter((line) => line.msg === 'teams activity refused')).toHaveLength(12);

    // The same signed message from Teams is served.
    const served = await harness.post(
      teamsMessage(connector, 'list', { conversationId: CHANNEL }),
      signed({ appId: APP_ID, serviceUrl: connector.url }),
    );
    expect(served.status).toBe(200);
    expect(connector.calls.filter((call) => call.operation === 'reply')).toHaveLength(1);
  });

  it('posts and updates proactively with its own token', async () => {
    await harness.post(teamsMessage(connector, 'help'), signed({ appId: APP_ID, serviceUrl: connector.url }));
    connector.reset();
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'hello' }],
      msteams: { width: 'Full' },
    } as const;
    const id = await harness.surface.deliver.post(CHANNEL, card as never);
    await harness.surface.deliver.update(CHANNEL, id, {
      ...card,
      body: [{ type: 'TextBlock', text: 'hello again' }],
    } as never);
    const calls = connector.calls.filter((call) => call.operation === 'send' || call.operation === 'update');
    expect(calls.map((call) => [call.operation, call.status, call.appId])).toEqual([
      ['send', 200, APP_ID],
      ['update', 200, APP_ID],
    ]);
  });

  it("has its token before the ledger's irreversible step, so only the post itself is in that window", async () => {
    const appId = 'a1b2c3d4-0000-4000-8000-teams-auth-02';
    const fresh = await startFakeBotConnector({ appPasswords: { [appId]: APP_PASSWORD } });
    const own = await startTeamsHarness(t.db, {
      env: {
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        BOTFRAMEWORK_OPENID_METADATA_URL: fresh.openIdMetadataUrl,
        BOTFRAMEWORK_TOKEN_ISSUER: fresh.issuer,
        BOTFRAMEWORK_LOGIN_URL: fresh.loginUrl,
      },
    });
    try {
      // A reaction: the reference is saved and nothing is sent back, so no token was needed yet.
      const reaction = teamsActivity(fresh, 'messageReaction', { reactionsAdded: [{ type: 'like' }] });
      expect(
        (await own.post(reaction, `Bearer ${fresh.signInboundToken({ appId, serviceUrl: fresh.url })}`)).status,
      ).toBe(200);
      expect(fresh.calls.filter((call) => call.operation === 'token')).toEqual([]);
      const seenAtIrreversible: string[] = [];
      const card = {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
        body: [],
        msteams: { width: 'Full' },
      } as const;
      await own.surface.deliver.post(CHANNEL, card as never, {
        beforeSend: async () => {
          seenAtIrreversible.push(
            ...fresh.calls.filter((call) => call.operation !== 'metadata').map((call) => call.operation),
          );
        },
      });
      expect(seenAtIrreversible).toEqual(['token']);
      expect(fresh.calls.filter((call) => call.operation !== 'metadata').map((call) => call.operation)).toEqual([
        'token',
        'send',
      ]);
    } finally {
      await own.close();
      await fresh.close();
    }
  });
});
