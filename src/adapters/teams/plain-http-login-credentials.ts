import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationConstants,
  MsalAppCredentials,
  ServiceClientCredentials,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';

/**
 * Outbound credentials when BOTFRAMEWORK_LOGIN_URL is plain http: a local Bot Framework (the test fake,
 * a development stand-in). MSAL refuses a non-https authority, so this reads the authority's OpenID
 * configuration itself (`<login url>/v2.0/.well-known/openid-configuration`, as MSAL would) and hands it
 * to MSAL as a known authority; MSAL then asks that document's token_endpoint for the token.
 * Never used with an https login URL: those go through botbuilder's own factory.
 */
export class PlainHttpLoginCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly applications = new Map<string, Promise<ConfidentialClientApplication>>();

  constructor(
    private readonly appId: string,
    private readonly password: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    super();
  }

  /** Keeps the password out of logs and JSON. */
  toJSON(): Record<string, string> {
    return { name: 'PlainHttpLoginCredentialsFactory', appId: this.appId };
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
  ): Promise<ServiceClientCredentials> {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    const application = await this.applicationFor(loginEndpoint);
    return new MsalAppCredentials(
      application,
      appId,
      loginEndpoint,
      audience || AuthenticationConstants.ToChannelFromBotOAuthScope,
    );
  }

  private applicationFor(loginEndpoint: string): Promise<ConfidentialClientApplication> {
    const key = loginEndpoint.replace(/\/+$/, '');
    let application = this.applications.get(key);
    if (!application) {
      application = this.createApplication(key);
      application.catch(() => this.applications.delete(key));
      this.applications.set(key, application);
    }
    return application;
  }

  private async createApplication(loginUrl: string): Promise<ConfidentialClientApplication> {
    const url = new URL(loginUrl);
    const metadataUrl = `${loginUrl}/v2.0/.well-known/openid-configuration`;
    const response = await this.fetchImpl(metadataUrl);
    if (!response.ok)
      throw new Error(`the login authority's OpenID configuration answered ${response.status}: ${metadataUrl}`);
    const metadata = await response.text();
    return new ConfidentialClientApplication({
      auth: {
        clientId: this.appId,
        clientSecret: this.password,
        authority: `https://${url.host}${url.pathname}`,
        knownAuthorities: [url.host],
        authorityMetadata: metadata,
      },
    });
  }
}
