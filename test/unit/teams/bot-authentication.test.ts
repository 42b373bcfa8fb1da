import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import {
  botFrameworkAuthenticationOptions,
  createBotFrameworkAuthentication,
  credentialsFactoryFor,
  isTeamsEnabled,
} from '../../../src/adapters/teams/bot-authentication';
import { PlainHttpLoginCredentialsFactory } from '../../../src/adapters/teams/plain-http-login-credentials';
import { loadConfig } from '../../../src/config';

const teamsOf = (env: Record<string, string>) => loadConfig(env).teams;

describe('Bot Framework authentication from Config', () => {
  it('is on only with MICROSOFT_APP_ID (and config.ts asks for the password with it)', () => {
    expect(isTeamsEnabled(loadConfig({}))).toBe(false);
    expect(isTeamsEnabled(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' }))).toBe(true);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'app' })).toThrow(/MICROSOFT_APP_PASSWORD/);
  });

  it("uses Bot Framework's public cloud when no endpoint is overridden", () => {
    const options = botFrameworkAuthenticationOptions(
      teamsOf({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'tenant' }),
    );
    expect(options).toEqual({ MicrosoftAppId: 'app', MicrosoftAppTenantId: 'tenant' });
  });

  it('fills every endpoint once one is overridden, keeping the public values for the others', () => {
    const options = botFrameworkAuthenticationOptions(
      teamsOf({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        BOTFRAMEWORK_TOKEN_ISSUER: 'https://issuer.example',
      }),
    );
    expect(options).toEqual({
      MicrosoftAppId: 'app',
      MicrosoftAppTenantId: undefined,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: 'https://issuer.example',
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    });
  });

  it('points at a sovereign cloud or a local fake', () => {
    const options = botFrameworkAuthenticationOptions(
      teamsOf({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:9/.well-known/openidconfiguration',
        BOTFRAMEWORK_TOKEN_ISSUER: 'http://127.0.0.1:9',
        BOTFRAMEWORK_LOGIN_URL: 'http://127.0.0.1:9/botframework.com/',
      }),
    );
    expect(options).toMatchObject({
      ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/botframework.com',
      ToBotFromChannelTokenIssuer: 'http://127.0.0.1:9',
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration',
      ValidateAuthority: false,
    });
    expect(createBotFrameworkAuthentication(teamsOf({ BOTFRAMEWORK_TOKEN_ISSUER: 'x' }))).toBeDefined();
  });

  it("gets the bot's own tokens with botbuilder's factory, or MSAL fed by hand for a plain-http login URL", async () => {
    const publicCloud = credentialsFactoryFor(
      teamsOf({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'MultiTenant' }),
    );
    expect(publicCloud).toBeInstanceOf(ConfigurationServiceClientCredentialFactory);
    await expect(publicCloud.isValidAppId('app')).resolves.toBe(true);

    const local = credentialsFactoryFor(
      teamsOf({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        BOTFRAMEWORK_LOGIN_URL: 'http://127.0.0.1:9/botframework.com',
      }),
    );
    expect(local).toBeInstanceOf(PlainHttpLoginCredentialsFactory);
    await expect(local.isAuthenticationDisabled()).resolves.toBe(false);
    await expect(local.isValidAppId('other')).resolves.toBe(false);
    await expect(
      local.createCredentials('other', undefined, 'http://127.0.0.1:9/botframework.com', false),
    ).rejects.toThrow('Invalid appId.');
    expect(JSON.stringify(local)).not.toContain('pw');

    const none = credentialsFactoryFor(teamsOf({}));
    await expect(none.isAuthenticationDisabled()).resolves.toBe(true);
  });

  it('reports an unreachable login authority instead of hanging', async () => {
    const fetchImpl = (async () => new Response('nope', { status: 503 })) as typeof fetch;
    const factory = new PlainHttpLoginCredentialsFactory('app', 'pw', fetchImpl);
    await expect(
      factory.createCredentials('app', 'https://api.botframework.com', 'http://127.0.0.1:9/botframework.com'),
    ).rejects.toThrow(/answered 503/);
  });
});
