import { Router } from 'express';
import { InstallProvider, InstallURLOptions } from '@slack/oauth';
import { Logger } from 'pino';
import { Db } from '../../storage/connection';
import { boltLogger } from './bolt-logger';
import { PostgresInstallationStore } from './installation-store';
import { REDIRECT_PATH, oauthRoutes } from './oauth-routes';
import { SlackAuth, installationAuth, tokenAuth } from './slack-auth';
import { SLACK_BOT_SCOPES } from './slack-scopes';
import { SlackSettings, usesOAuth } from './slack-settings';

/** Slack's authorize page lives beside its Web API (slack.com/api/ → slack.com/oauth/v2/authorize). */
function authorizationUrl(apiUrl: string): string {
  return new URL('/oauth/v2/authorize', apiUrl).toString();
}

/**
 * How the app finds a workspace's token: installations in PostgreSQL (OAuth, its routes mounted on
 * `router`) or the one SLACK_BOT_TOKEN. `store` is null in the one-token mode.
 */
export function slackAppAuth(
  config: SlackSettings,
  db: Db,
  router: Router,
  logger: Logger,
): { auth: SlackAuth; store: PostgresInstallationStore | null } {
  const slack = config.slack;
  if (!usesOAuth(config)) {
    const auth = tokenAuth({
      botToken: slack.botToken as string,
      botId: slack.botId,
      botUserId: slack.botUserId,
      apiUrl: slack.apiUrl,
      logger,
    });
    return { auth, store: null };
  }
  const forgetLater: { forget?: SlackAuth['forget'] } = {};
  const store = new PostgresInstallationStore(db, config.encryptionKey as Buffer, (key) =>
    forgetLater.forget?.({
      teamId: key.teamId || undefined,
      enterpriseId: key.enterpriseId || undefined,
      isEnterpriseInstall: !key.teamId,
    }),
  );
  const installUrlOptions: InstallURLOptions = {
    scopes: [...SLACK_BOT_SCOPES],
    redirectUri: `${config.publicBaseUrl}${REDIRECT_PATH}`,
  };
  const installer = new InstallProvider({
    clientId: slack.clientId as string,
    clientSecret: slack.clientSecret as string,
    stateSecret: slack.stateSecret,
    installationStore: store,
    authorizationUrl: authorizationUrl(slack.apiUrl),
    directInstall: true,
    installUrlOptions,
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  const auth = installationAuth({ installer, apiUrl: slack.apiUrl, logger });
  forgetLater.forget = auth.forget;
  router.use(oauthRoutes(installer, installUrlOptions, logger));
  if (slack.botToken)
    logger.warn('SLACK_BOT_TOKEN is ignored: SLACK_CLIENT_ID selects the multi-workspace (OAuth) install');
  return { auth, store };
}
