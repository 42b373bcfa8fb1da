import { ConfidentialClientApplication } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  ConnectorClient,
  MicrosoftAppCredentials,
  MsalAppCredentials,
  MsalServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Activity } from 'botframework-schema';
import { startFakeBotConnector, type FakeBotConnector } from '../../support/fakes/fake-bot-connector';

const SCOPE = 'https://api.botframework.com';
const TEAMS_CHANNEL = '19:abc@thread.tacv2;messageid=1700000000000';
const message = (text: string): Partial<Activity> => ({ type: 'message', text });

describe('fake Bot Framework connector, driven by botframework-connector', () => {
  let bot: FakeBotConnector;

  beforeAll(async () => {
    bot = await startFakeBotConnector();
  });
  afterAll(() => bot.close());
  beforeEach(() => bot.reset());

  /** Each test its own app id: botframework-connector caches tokens per app id for the whole process. */
  function connectorFor(appId: string): ConnectorClient {
    const msal = new ConfidentialClientApplication(bot.msalConfig(appId, 'secret'));
    return new ConnectorClient(new MsalAppCredentials(msal, appId, bot.loginUrl, SCOPE), { baseUri: `${bot.url}/` });
  }

  it('issues a token at the fake token endpoint and sees it on every Connector call', async () => {
    const client = connectorFor('app-send');
    const sent = await client.conversations.sendToConversation(TEAMS_CHANNEL, message('report') as Activity);
    const reply = await client.conversations.replyToActivity(TEAMS_CHANNEL, sent.id, message('details') as Activity);
    await client.conversations.updateActivity(TEAMS_CHANNEL, sent.id, message('report v2') as Activity);
    await client.conversations.deleteActivity(TEAMS_CHANNEL, reply.id);

    expect(bot.calls.map((c) => c.operation)).toEqual(['token', 'send', 'reply', 'update', 'delete']);
    expect(bot.calls[0]?.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: 'app-send',
      scope: `${SCOPE}/.default`,
    });
    for (const call of bot.calls.slice(1)) {
      expect(call).toMatchObject({ conversationId: TEAMS_CHANNEL, appId: 'app-send' });
      expect(call.authorization).toMatch(/^Bearer ey/);
    }
    expect(sent.id).not.toBe(reply.id);
    expect(bot.activities(TEAMS_CHANNEL)).toEqual([
      expect.objectContaining({
        id: sent.id,
        updates: 1,
        deleted: false,
        activity: expect.objectContaining({ text: 'report v2' }),
      }),
      expect.objectContaining({ id: reply.id, replyToId: sent.id, deleted: true }),
    ]);
  });

  it('creates conversations and lists members', async () => {
    const client = connectorFor('app-create');
    const thread = await client.conversations.createConversation({
      isGroup: true,
      bot: { id: '28:bot', name: 'Campaign Report' },
      channelData: { channel: { id: '19:general@thread.tacv2' } },
      activity: message('new thread') as Activity,
    } as never);
    expect(thread.id).toBe(`19:general@thread.tacv2;messageid=${thread.activityId}`);
    expect(bot.activities(thread.id)).toHaveLength(1);

    bot.setMembers('a:1', [{ id: '29:lan', name: 'Lan' }]);
    await expect(client.conversations.getConversationMembers('a:1')).resolves.toEqual([
      expect.objectContaining({ id: '29:lan', name: 'Lan' }),
    ]);
  });

  it('fails the next matching calls with Teams-like errors', async () => {
    const client = connectorFor('app-fail');
    for (const status of [403, 404, 412]) {
      bot.failNext('send', { status });
      await expect(client.conversations.sendToConversation('a:1', message('x') as Activity)).rejects.toMatchObject({
        statusCode: status,
      });
    }
    bot.failNext((call) => call.operation === 'update' && call.conversationId === 'a:2', {
      status: 404,
      code: 'ActivityNotFound',
    });
    await expect(client.conversations.updateActivity('a:2', '1', message('x') as Activity)).rejects.toMatchObject({
      statusCode: 404,
      code: 'ActivityNotFound',
    });

    // The client itself retries a 429 after Retry-After: the fake sees both attempts.
    bot.failNext('send', { status: 429, retryAfter: 0 });
    await expect(client.conversations.sendToConversation('a:1', message('again') as Activity)).resolves.toHaveProperty(
      'id',
    );
    expect(bot.calls.filter((c) => c.operation === 'send').map((c) => c.status)).toEqual([403, 404, 412, 429, 200]);
    expect(bot.calls.find((c) => c.status === 429)?.response).toEqual({
      error: { code: 'Throttled', message: 'Too many requests.' },
    });
  });

  it('signs inbound tokens that botbuilder accepts when pointed at the fake', async () => {
    const appId = 'app-inbound';
    const auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: appId,
        ToChannelFromBotLoginUrl: bot.loginUrl,
        ToChannelFromBotOAuthScope: SCOPE,
        ToBotFromChannelTokenIssuer: bot.issuer,
        ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
        OAuthUrl: bot.url,
        ValidateAuthority: false,
      },
      new MsalServiceClientCredentialsFactory(
        appId,
        new ConfidentialClientApplication(bot.msalConfig(appId, 'secret')),
      ),
    );
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: bot.url,
      conversation: { id: 'a:1' },
    } as Activity;

    const result = await auth.authenticateRequest(
      activity,
      `Bearer ${bot.signInboundToken({ appId, serviceUrl: bot.url })}`,
    );
    if (!result.connectorFactory) throw new Error('botbuilder gave no connector factory');
    const client = await result.connectorFactory.create(bot.url, result.audience);
    await client.conversations.sendToConversation('a:1', message('pong') as Activity);
    expect(bot.calls.at(-1)).toMatchObject({ operation: 'send', appId });

    const otherApp = bot.signInboundToken({ appId: 'someone-else', serviceUrl: bot.url });
    await expect(auth.authenticateRequest(activity, `Bearer ${otherApp}`)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('answers 401 invalid_client for a wrong secret when app passwords are configured', async () => {
    const strict = await startFakeBotConnector({ appPasswords: { 'app-1': 'right' } });
    try {
      const token = (secret: string) =>
        fetch(strict.tokenEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: 'app-1',
            client_secret: secret,
            scope: `${SCOPE}/.default`,
          }),
        });
      expect((await token('wrong')).status).toBe(401);
      await expect((await token('right')).json()).resolves.toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    } finally {
      await strict.close();
    }
  });

  it('documents why msalConfig exists: MSAL refuses an http login URL', async () => {
    const credentials = new MicrosoftAppCredentials('app-plain', 'secret');
    credentials.oAuthEndpoint = bot.loginUrl;
    await expect(credentials.getToken()).rejects.toThrow(/authority_uri_insecure/);
    expect(bot.calls).toHaveLength(0);
  });
});
