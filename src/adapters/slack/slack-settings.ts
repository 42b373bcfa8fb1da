/** The part of the configuration (src/config.ts Config) the Slack app reads; adapters do not import config. */
export interface SlackSettings {
  slack: {
    signingSecret?: string;
    botToken?: string;
    botId?: string;
    botUserId?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    appToken?: string;
    apiUrl: string;
  };
  publicBaseUrl: string;
  quickchartBaseUrl: string;
  quickchartPublic?: boolean;
  encryptionKey: Buffer | undefined;
  recordingLinks: { secret: string | undefined; ttlSeconds: number };
  completion: { settleSeconds: number; idleTimeoutSeconds: number };
}

/** OAuth (many workspaces) when the client id, secret and encryption key are all set; else one bot token. */
export function usesOAuth(config: SlackSettings): boolean {
  return Boolean(config.slack.clientId && config.slack.clientSecret && config.encryptionKey);
}
