/**
 * A local Bot Framework: the Connector REST API that botbuilder calls at an activity's serviceUrl,
 * the AAD token endpoint the bot gets its outbound token from, and the OpenID metadata + JWKS the bot
 * checks inbound tokens against. `signInboundToken` signs what the Teams channel would send.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  bearerToken,
  CallRecorder,
  FailurePlan,
  parseBody,
  sendBytes,
  sendJson,
  startFakeHttpServer,
  type RunningFakeServer,
} from './fake-http-recorder';
import { JwtSigningKey, type JwtClaims } from './fake-jwt';

export type ConnectorOperation =
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  | 'createConversation'
  | 'getMembers'
  | 'getMember'
  | 'token'
  | 'metadata'
  | 'unknown';

export interface ConnectorCall {
  operation: ConnectorOperation;
  method: string;
  path: string;
  /** Decoded from the path, e.g. `19:abc@thread.tacv2;messageid=1700000000000`. */
  conversationId?: string;
  activityId?: string;
  /** For getMember. */
  memberId?: string;
  /** For token: the tenant segment of the token URL. */
  tenant?: string;
  body: unknown;
  authorization?: string;
  /** The appid claim when the Authorization header holds an unexpired token this fake issued. */
  appId?: string;
  headers: IncomingHttpHeaders;
  at: number;
  status: number;
  response: unknown;
}

export type ConnectorCallMatcher = ConnectorOperation | ((call: Omit<ConnectorCall, 'status' | 'response'>) => boolean);

export interface ConnectorFailure {
  /** 429, 403, 404, 412, 502, 504, ... */
  status: number;
  times?: number;
  /** Seconds, sent as Retry-After (429 defaults to 1). */
  retryAfter?: number;
  code?: string;
  message?: string;
}

export interface StoredActivity {
  id: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  updates: number;
  deleted: boolean;
}

export interface InboundTokenOptions {
  appId: string;
  serviceUrl: string;
  /** Defaults to `fake.issuer`. */
  issuer?: string;
  expiresInSeconds?: number;
  claims?: JwtClaims;
}

export interface FakeBotConnectorOptions {
  /** When set, the token endpoint answers 401 invalid_client for any other client_id/secret pair. */
  appPasswords?: Record<string, string>;
  /** Endorsements on the signing key; an inbound activity's channelId must be one of them. */
  endorsements?: string[];
}

/** What @azure/msal-node's ConfidentialClientApplication needs to get tokens from this fake. */
export interface FakeMsalConfiguration {
  auth: {
    clientId: string;
    clientSecret: string;
    authority: string;
    knownAuthorities: string[];
    authorityMetadata: string;
  };
}

export interface FakeBotConnector {
  /** The serviceUrl to put in activities (no trailing slash). */
  readonly url: string;
  /** For BOTFRAMEWORK_TOKEN_ISSUER: the iss of inbound tokens. */
  readonly issuer: string;
  /** For BOTFRAMEWORK_OPENID_METADATA_URL. */
  readonly openIdMetadataUrl: string;
  /** For BOTFRAMEWORK_LOGIN_URL (`${url}/botframework.com`). */
  readonly loginUrl: string;
  readonly tokenEndpoint: string;
  readonly calls: readonly ConnectorCall[];
  activities(conversationId?: string): StoredActivity[];
  setMembers(conversationId: string, members: Array<Record<string, unknown>>): void;
  signInboundToken(options: InboundTokenOptions): string;
  msalConfig(appId: string, password: string, tenant?: string): FakeMsalConfiguration;
  failNext(matcher: ConnectorCallMatcher, failure: ConnectorFailure): void;
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const fake = new FakeBotConnectorServer(options);
  fake.server = await startFakeHttpServer((req, res, raw) => fake.handle(req, res, raw));
  return fake;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const DEFAULT_ERRORS: Record<number, [string, string]> = {
  403: ['BotNotInConversationRoster', 'The bot is not part of the conversation roster.'],
  404: ['ConversationNotFound', 'Conversation not found.'],
  412: ['PreconditionFailed', 'Precondition failed, please try again.'],
  429: ['Throttled', 'Too many requests.'],
  502: ['BadGateway', 'Bad gateway.'],
  504: ['GatewayTimeout', 'Gateway timeout.'],
};

const DEFAULT_MEMBER = {
  id: '29:fake-user',
  name: 'Fake User',
  aadObjectId: '00000000-0000-0000-0000-000000000001',
  givenName: 'Fake',
  surname: 'User',
  email: 'fake.user@example.com',
  userPrincipalName: 'fake.user@example.com',
  tenantId: '00000000-0000-0000-0000-0000000000aa',
  userRole: 'user',
};

let signingKey: JwtSigningKey | undefined;
/**
 * One key for every fake in the process: botframework-connector caches outbound tokens per app id
 * across client instances, so a token from an earlier fake must still verify on a later one.
 */
function sharedSigningKey(): JwtSigningKey {
  signingKey ??= new JwtSigningKey();
  return signingKey;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

class FakeBotConnectorServer implements FakeBotConnector {
  server!: RunningFakeServer;
  private readonly key = sharedSigningKey();
  private readonly recorder = new CallRecorder<ConnectorCall>((c) => `${c.method} ${c.path} (${c.status})`);
  private readonly failures = new FailurePlan<Omit<ConnectorCall, 'status' | 'response'>, ConnectorFailure>();
  private stored: StoredActivity[] = [];
  private members = new Map<string, Array<Record<string, unknown>>>();
  private seq = 0;

  constructor(private readonly options: FakeBotConnectorOptions) {}

  get url(): string {
    return this.server.url;
  }
  get issuer(): string {
    return this.server.url;
  }
  get openIdMetadataUrl(): string {
    return `${this.url}/.well-known/openidconfiguration`;
  }
  get loginUrl(): string {
    return `${this.url}/botframework.com`;
  }
  get tokenEndpoint(): string {
    return `${this.loginUrl}/oauth2/v2.0/token`;
  }
  get calls(): readonly ConnectorCall[] {
    return this.recorder.calls;
  }

  activities(conversationId?: string): StoredActivity[] {
    return this.stored.filter((a) => conversationId === undefined || a.conversationId === conversationId);
  }
  setMembers(conversationId: string, members: Array<Record<string, unknown>>): void {
    this.members.set(conversationId, members);
  }

  signInboundToken({ appId, serviceUrl, issuer, expiresInSeconds = 3600, claims = {} }: InboundTokenOptions): string {
    const now = nowSeconds();
    return this.key.sign({
      serviceurl: serviceUrl,
      nbf: now - 5,
      exp: now + expiresInSeconds,
      iss: issuer ?? this.issuer,
      aud: appId,
      ...claims,
    });
  }

  msalConfig(appId: string, password: string, tenant = 'botframework.com'): FakeMsalConfiguration {
    // MSAL only accepts an https authority; with knownAuthorities and authorityMetadata it never
    // fetches that URL and sends the token request to the (http) token_endpoint below.
    const host = new URL(this.url).host;
    return {
      auth: {
        clientId: appId,
        clientSecret: password,
        authority: `https://${host}/${tenant}`,
        knownAuthorities: [host],
        authorityMetadata: JSON.stringify(this.tenantMetadata(tenant)),
      },
    };
  }

  failNext(matcher: ConnectorCallMatcher, failure: ConnectorFailure): void {
    const matches =
      typeof matcher === 'function' ? matcher : (call: { operation: ConnectorOperation }) => call.operation === matcher;
    this.failures.add(matches, failure, failure.times ?? 1);
  }
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall> {
    return this.recorder.waitFor(predicate, timeoutMs);
  }
  reset(): void {
    this.recorder.clear();
    this.failures.clear();
    this.stored = [];
    this.members.clear();
  }
  close(): Promise<void> {
    return this.server.close();
  }

  handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', this.url).pathname.replace(/\/{2,}/g, '/');
    const body = raw.length ? parseBody(raw, req.headers['content-type']).value : undefined;
    const route = routeOf(method, path);
    const authorization = req.headers.authorization;
    const token = bearerToken(authorization);
    const appId = token ? this.key.verify(token)?.appid : undefined;
    const call = {
      ...route,
      method,
      path,
      body,
      authorization,
      appId: typeof appId === 'string' ? appId : undefined,
      headers: req.headers,
      at: Date.now(),
    };
    const failure = this.failures.take(call);
    const out = failure ? failureAnswer(failure) : this.answer(call);
    this.recorder.record({ ...call, status: out.status, response: out.body });
    if (out.body === undefined) sendBytes(res, out.status, 'text/plain', '', out.headers);
    else sendJson(res, out.status, out.body, out.headers);
  }

  private answer(call: ReturnType<typeof routeOf> & { path: string; body: unknown }): Answer {
    const conversationId = call.conversationId ?? '';
    switch (call.operation) {
      case 'send':
      case 'reply':
        return { status: 200, body: { id: this.store(conversationId, asRecord(call.body), call.activityId).id } };
      case 'update':
      case 'delete': {
        // Teams accepts a channel message's id with the channel id or the thread's (`;messageid=`) id.
        const found = this.stored.find(
          (a) => sameChannel(a.conversationId, conversationId) && a.id === call.activityId && !a.deleted,
        );
        if (!found)
          return { status: 404, body: { error: { code: 'ActivityNotFound', message: 'The activity was not found.' } } };
        if (call.operation === 'delete') found.deleted = true;
        else Object.assign(found, { activity: asRecord(call.body), updates: found.updates + 1 });
        return call.operation === 'delete' ? { status: 200, body: undefined } : { status: 200, body: { id: found.id } };
      }
      case 'createConversation':
        return { status: 201, body: this.createConversation(asRecord(call.body)) };
      case 'getMembers':
        return { status: 200, body: this.members.get(conversationId) ?? [DEFAULT_MEMBER] };
      case 'getMember': {
        const member = (this.members.get(conversationId) ?? [DEFAULT_MEMBER]).find(
          (m) => m.id === call.memberId || m.aadObjectId === call.memberId,
        );
        return member
          ? { status: 200, body: member }
          : {
              status: 404,
              body: { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found.' } },
            };
      }
      case 'token':
        return this.issueToken(asRecord(call.body), call.tenant ?? 'botframework.com');
      case 'metadata':
        return { status: 200, body: this.metadata(call.path) };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No route for ${call.path}` } } };
    }
  }

  private store(conversationId: string, activity: Record<string, unknown>, replyToId?: string): StoredActivity {
    const entry: StoredActivity = {
      id: `${Date.now()}${String(this.next()).padStart(4, '0')}`,
      conversationId,
      activity,
      updates: 0,
      deleted: false,
    };
    if (replyToId) entry.replyToId = replyToId;
    this.stored.push(entry);
    return entry;
  }

  private createConversation(params: Record<string, unknown>): Record<string, unknown> {
    const channelId = asRecord(asRecord(params.channelData).channel).id;
    const activity = params.activity === undefined ? undefined : asRecord(params.activity);
    if (typeof channelId === 'string') {
      // A new thread in a Teams channel: the conversation is the channel plus the first message's id.
      const first = this.store(channelId, activity ?? {});
      first.conversationId = `${channelId};messageid=${first.id}`;
      return { id: first.conversationId, activityId: first.id, serviceUrl: this.url };
    }
    const id = `a:fake-conversation-${this.next()}`;
    const first = activity ? this.store(id, activity) : undefined;
    return { id, activityId: first?.id, serviceUrl: this.url };
  }

  private issueToken(form: Record<string, unknown>, tenant: string): Answer {
    const clientId = typeof form.client_id === 'string' ? form.client_id : '';
    const secret = typeof form.client_secret === 'string' ? form.client_secret : '';
    if (form.grant_type !== 'client_credentials')
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'AADSTS70003: only client_credentials.' },
      };
    if (!clientId || !secret)
      return {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'AADSTS900144: client_id and client_secret are required.',
        },
      };
    const passwords = this.options.appPasswords;
    if (passwords && passwords[clientId] !== secret)
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' },
      };
    const scope = typeof form.scope === 'string' ? (form.scope.split(' ')[0] ?? '') : '';
    const now = nowSeconds();
    const accessToken = this.key.sign({
      aud: scope.replace(/\/\.default$/, ''),
      iss: `${this.url}/${tenant}/v2.0`,
      appid: clientId,
      azp: clientId,
      tid: tenant,
      iat: now,
      nbf: now - 5,
      exp: now + 3600,
      jti: `fake-${this.next()}`,
    });
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken },
    };
  }

  private metadata(path: string): unknown {
    if (path === '/keys')
      return {
        keys: [this.key.jwk({ endorsements: this.options.endorsements ?? ['msteams', 'webchat', 'directline'] })],
      };
    const tenant = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path)?.[1];
    if (tenant) return this.tenantMetadata(tenant);
    return {
      issuer: this.issuer,
      jwks_uri: `${this.url}/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    };
  }

  private tenantMetadata(tenant: string): Record<string, string> {
    const base = `${this.url}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${this.url}/keys`,
    };
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }
}

interface Route {
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  tenant?: string;
}

function routeOf(method: string, path: string): Route {
  const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (method === 'POST' && (token || path.endsWith('/oauth2/v2.0/token')))
    return { operation: 'token', tenant: token?.[1] };
  if (
    method === 'GET' &&
    (path.endsWith('/.well-known/openidconfiguration') ||
      path.endsWith('/.well-known/openid-configuration') ||
      path === '/keys')
  ) {
    return { operation: 'metadata' };
  }
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { operation: 'unknown' };
  const [, , conversationId, collection, itemId] = parts;
  if (conversationId === undefined) return { operation: method === 'POST' ? 'createConversation' : 'unknown' };
  if (collection === 'activities') {
    if (itemId === undefined) return { operation: method === 'POST' ? 'send' : 'unknown', conversationId };
    const byMethod: Record<string, ConnectorOperation> = { POST: 'reply', PUT: 'update', DELETE: 'delete' };
    return { operation: byMethod[method] ?? 'unknown', conversationId, activityId: itemId };
  }
  if (collection === 'members' && method === 'GET') {
    return itemId === undefined
      ? { operation: 'getMembers', conversationId }
      : { operation: 'getMember', conversationId, memberId: itemId };
  }
  return { operation: 'unknown', conversationId };
}

function sameChannel(a: string, b: string): boolean {
  return a.split(';messageid=')[0] === b.split(';messageid=')[0];
}

function failureAnswer(failure: ConnectorFailure): Answer {
  const [code, message] = DEFAULT_ERRORS[failure.status] ?? ['ServiceError', 'The service failed.'];
  const retryAfter = failure.retryAfter ?? (failure.status === 429 ? 1 : undefined);
  return {
    status: failure.status,
    body: { error: { code: failure.code ?? code, message: failure.message ?? message } },
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  };
}
