import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { PlainHttpLoginCredentialsFactory } from './plain-http-login-credentials';

/** Config['teams'] (config.ts), restated so that adapters do not import the configuration layer. */
export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: string;
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  loginUrl?: string;
}

/** Teams is on when MICROSOFT_APP_ID is set (docs/configuration.md); config.ts already requires the password with it. */
export function isTeamsEnabled(config: { teams: TeamsSettings }): boolean {
  return Boolean(config.teams.appId);
}

const isPlainHttp = (url: string | undefined): url is string => Boolean(url && /^http:\/\//i.test(url));
const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The Bot Framework endpoints: Bot Framework's public ones unless BOTFRAMEWORK_OPENID_METADATA_URL,
 * BOTFRAMEWORK_TOKEN_ISSUER or BOTFRAMEWORK_LOGIN_URL say otherwise (a sovereign cloud, a local fake).
 * Once one is given botbuilder wants them all, so the others keep their public values.
 */
export function botFrameworkAuthenticationOptions(
  teams: TeamsSettings,
): ConfigurationBotFrameworkAuthenticationOptions {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppTenantId: teams.appTenantId,
  };
  if (!teams.openIdMetadataUrl && !teams.tokenIssuer && !teams.loginUrl) return options;
  return {
    ...options,
    ToChannelFromBotLoginUrl: teams.loginUrl
      ? withoutTrailingSlash(teams.loginUrl)
      : AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: teams.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl:
      teams.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    // MSAL's authority validation only knows Microsoft's clouds.
    ValidateAuthority: !teams.loginUrl,
  };
}

/** How the bot gets its own tokens to call the Connector: app id and password (or none: no auth, local only). */
export function credentialsFactoryFor(teams: TeamsSettings): ServiceClientCredentialsFactory {
  if (teams.appId && teams.appPassword && isPlainHttp(teams.loginUrl)) {
    return new PlainHttpLoginCredentialsFactory(teams.appId, teams.appPassword);
  }
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.appTenantId,
  });
}

/**
 * Inbound token checks and outbound credentials, from Config (never process.env). Without an app id
 * botbuilder checks no token: only for a local emulator, which is why main wires Teams only with one.
 */
export function createBotFrameworkAuthentication(teams: TeamsSettings): BotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    botFrameworkAuthenticationOptions(teams),
    credentialsFactoryFor(teams),
  );
}
