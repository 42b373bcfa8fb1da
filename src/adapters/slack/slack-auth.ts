import { Authorize, AuthorizeResult, AuthorizeSourceData } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { createWebClient } from './web-client';

export interface SlackTeamRef {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/**
 * Tokens for the workspaces we serve. Bolt's `authorize` never waits long (no ack behind a slow
 * database or a token refresh); listeners ask `clientFor` after they acked.
 */
export interface SlackAuth {
  mode: 'token' | 'oauth';
  authorize: Authorize<boolean>;
  clientFor(team: SlackTeamRef): Promise<WebClient | null>;
  /** Drops what is cached about a workspace (uninstall, revoked tokens, a re-install). */
  forget(team: SlackTeamRef): void;
}

/** One workspace, SLACK_BOT_TOKEN: the bot ids come from configuration, so nothing calls auth.test on a request. */
export function tokenAuth(options: {
  botToken: string;
  botId?: string;
  botUserId?: string;
  apiUrl: string;
  logger: Logger;
}): SlackAuth {
  const client = createWebClient(options.botToken, options.apiUrl, options.logger);
  const ids = { botId: options.botId, botUserId: options.botUserId };
  if (!ids.botId || !ids.botUserId) {
    // Learnt once in the background; until then events about ourselves are simply not filtered by id.
    client.auth
      .test()
      .then((result) => {
        ids.botId ??= result.bot_id;
        ids.botUserId ??= result.user_id;
      })
      .catch((err: unknown) =>
        options.logger.warn({ err }, 'slack auth.test failed; set SLACK_BOT_ID and SLACK_BOT_USER_ID'),
      );
  }
  return {
    mode: 'token',
    authorize: async () => ({ botToken: options.botToken, botId: ids.botId, botUserId: ids.botUserId }),
    clientFor: async () => client,
    forget: () => undefined,
  };
}

/** How long Bolt's authorize may wait for the installation store before letting the listener ack anyway. */
export const AUTHORIZE_BUDGET_MS = 250;
const CACHE_MS = 60_000;
/** InstallProvider refreshes a rotating token that expires within 2 hours; never cache one that close. */
const REFRESH_WINDOW_MS = 2 * 60 * 60 * 1000;

interface CachedAuth {
  result: AuthorizeResult;
  until: number;
}

/**
 * Many workspaces (OAuth): InstallProvider reads the installation (and refreshes rotating tokens); one
 * lookup per workspace at a time, cached for a minute.
 */
export function installationAuth(options: {
  installer: InstallProvider;
  apiUrl: string;
  logger: Logger;
  now?: () => number;
}): SlackAuth {
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedAuth>();
  const inFlight = new Map<string, Promise<AuthorizeResult>>();
  const clients = new Map<string, { token: string; client: WebClient }>();
  const keyOf = (team: SlackTeamRef) =>
    `${team.enterpriseId ?? ''}:${team.isEnterpriseInstall ? '' : (team.teamId ?? '')}`;

  const lookup = (team: SlackTeamRef): Promise<AuthorizeResult> => {
    const key = keyOf(team);
    const cached = cache.get(key);
    if (cached && cached.until > now()) return Promise.resolve(cached.result);
    const running = inFlight.get(key);
    if (running) return running;
    const source = {
      teamId: team.isEnterpriseInstall ? undefined : team.teamId,
      enterpriseId: team.enterpriseId,
      isEnterpriseInstall: team.isEnterpriseInstall === true,
    } as AuthorizeSourceData<boolean>;
    const promise = options.installer
      .authorize(source)
      .then((result) => {
        const expiresAt = result.botTokenExpiresAt ? result.botTokenExpiresAt * 1000 : Number.POSITIVE_INFINITY;
        const until = Math.min(now() + CACHE_MS, expiresAt - REFRESH_WINDOW_MS);
        if (until > now()) cache.set(key, { result, until });
        return result;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  return {
    mode: 'oauth',
    authorize: async (source) => {
      const team = {
        teamId: source.teamId,
        enterpriseId: source.enterpriseId,
        isEnterpriseInstall: source.isEnterpriseInstall,
      };
      const lookedUp = lookup(team).catch(() => null);
      const found = await Promise.race([lookedUp, delay(AUTHORIZE_BUDGET_MS)]);
      return found ?? { teamId: source.teamId, enterpriseId: source.enterpriseId };
    },
    clientFor: async (team) => {
      const result = await lookup(team).catch((err: unknown) => {
        options.logger.warn({ err, teamId: team.teamId }, 'no usable slack installation');
        return null;
      });
      if (!result?.botToken) return null;
      const key = keyOf(team);
      const known = clients.get(key);
      if (known?.token === result.botToken) return known.client;
      const client = createWebClient(result.botToken, options.apiUrl, options.logger);
      clients.set(key, { token: result.botToken, client });
      return client;
    },
    forget: (team) => {
      const key = keyOf(team);
      clients.delete(key);
      cache.delete(key);
    },
  };
}

function delay(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms).unref());
}
