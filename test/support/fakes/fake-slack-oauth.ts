/** The fake Slack's installs: one-time OAuth codes, the bot tokens they become, token rotation. */
import { compact, SlackApiError, str, type SlackArgs } from './fake-slack-rules';

export interface FakeSlackTeam {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
}

export interface SlackOAuthOptions {
  appId: string;
  /** Issue expiring `xoxe.xoxb-` tokens with a refresh_token. */
  tokenRotation: boolean;
  /** When set, oauth.v2.access checks them; otherwise any non-empty values pass. */
  clientId?: string;
  clientSecret?: string;
}

export class SlackInstalls {
  private codes = new Map<string, FakeSlackTeam>();
  private usedCodes = new Set<string>();
  private tokens = new Map<string, FakeSlackTeam>();
  private refreshTokens = new Map<string, FakeSlackTeam>();

  constructor(
    readonly defaultTeam: FakeSlackTeam,
    private readonly options: SlackOAuthOptions,
    private readonly nextId: () => number,
  ) {}

  code(team: Partial<FakeSlackTeam> = {}): string {
    const code = `code-${this.nextId()}`;
    this.codes.set(code, { ...this.defaultTeam, ...team });
    return code;
  }

  /** The team a token was issued for; tokens the fake did not issue belong to the default team. */
  teamFor(token: string | undefined): FakeSlackTeam {
    return (token && this.tokens.get(token)) || this.defaultTeam;
  }

  /** oauth.v2.access: a code (once) or, with rotation, a refresh token (once) for a new token pair. */
  access(args: SlackArgs, authorization: string | undefined): SlackArgs {
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic[1] ?? '', 'base64')
          .toString('utf8')
          .split(':')
      : [];
    const clientId = str(args.client_id) ?? basicId;
    const clientSecret = str(args.client_secret) ?? basicSecret;
    if (!clientId || (this.options.clientId && clientId !== this.options.clientId))
      throw new SlackApiError('invalid_client_id');
    if (!clientSecret || (this.options.clientSecret && clientSecret !== this.options.clientSecret))
      throw new SlackApiError('bad_client_secret');
    if (args.grant_type === 'refresh_token') {
      const refreshToken = str(args.refresh_token) ?? '';
      const team = this.refreshTokens.get(refreshToken);
      if (!team) throw new SlackApiError('invalid_refresh_token');
      this.refreshTokens.delete(refreshToken);
      return this.issue(team);
    }
    const code = str(args.code);
    if (!code || this.usedCodes.has(code)) throw new SlackApiError('invalid_code');
    this.usedCodes.add(code);
    return this.issue(this.codes.get(code) ?? this.defaultTeam);
  }

  clear(): void {
    this.codes.clear();
    this.usedCodes.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
  }

  private issue(team: FakeSlackTeam): SlackArgs {
    const n = this.nextId();
    const rotating = this.options.tokenRotation;
    const accessToken = `${rotating ? 'xoxe.' : ''}xoxb-${team.teamId}-${n}-fake`;
    this.tokens.set(accessToken, team);
    const refreshToken = rotating ? `xoxe-1-${team.teamId}-${n}-fake` : undefined;
    if (refreshToken) this.refreshTokens.set(refreshToken, team);
    return compact({
      app_id: this.options.appId,
      authed_user: { id: 'U0FAKEINSTALLER' },
      scope: 'commands,chat:write,files:write,users:read,channels:read,channels:history',
      token_type: 'bot',
      access_token: accessToken,
      bot_user_id: team.botUserId,
      team: { id: team.teamId, name: team.teamName },
      enterprise: null,
      is_enterprise_install: false,
      refresh_token: refreshToken,
      expires_in: rotating ? 43200 : undefined,
    });
  }
}
