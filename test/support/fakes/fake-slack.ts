/**
 * A local Slack: the Web API at `${url}/api/` (what @slack/web-api and Bolt call when SLACK_API_URL
 * points here), file upload URLs, and slash-command response_urls. It keeps channels' messages so
 * that history, updates and metadata behave like Slack's, and records every request.
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
  type ParsedBody,
  type RunningFakeServer,
} from './fake-http-recorder';
import { SlackFileStore, type SlackFile } from './fake-slack-files';
import { SlackChannels, type SlackEphemeral, type SlackMessage } from './fake-slack-messages';
import { SlackInstalls, type FakeSlackTeam } from './fake-slack-oauth';
import { blockProblems, requireChannel, SlackApiError, str, type SlackArgs as Args } from './fake-slack-rules';
import { SlackViews } from './fake-slack-views';

export type { SlackFile } from './fake-slack-files';
export type { SlackEphemeral, SlackMessage } from './fake-slack-messages';
export type { FakeSlackTeam } from './fake-slack-oauth';

export interface SlackCall {
  /** The Web API method (`chat.postMessage`), `upload` (bytes sent to an upload_url) or `response_url`. */
  method: string;
  /** Parsed arguments; JSON-encoded form fields (blocks, metadata, attachments, files) are decoded. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  token: string | undefined;
  /** Only for `response_url`: the id in `${url}/response/<id>`. */
  responseId?: string;
  at: number;
  status: number;
  response: unknown;
}

export interface SlackResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** `status: 429` (or only `retryAfter`) answers HTTP 429 + Retry-After; another status answers it; else 200 `{ok:false,error}`. */
export interface SlackFailure {
  status?: number;
  error?: string;
  /** Slack's details of the error (`invalid_blocks`: which block and why, `… [json-pointer:/blocks/3]`). */
  errors?: string[];
  retryAfter?: number;
  times?: number;
  /** Slack did it and the answer was lost: the method runs (a message is stored), then the failure is answered. */
  applied?: boolean;
}

export interface SlackHold {
  arrived: Promise<Args>;
  release(): void;
}

interface HeldCall {
  arrive(args: Args): void;
  released: Promise<void>;
}

export interface FakeSlackOptions extends Partial<FakeSlackTeam> {
  appId?: string;
  /** oauth.v2.access then issues expiring `xoxe.xoxb-` tokens with a refresh_token. */
  tokenRotation?: boolean;
  /** When set, oauth.v2.access checks them; otherwise any non-empty values pass. */
  clientId?: string;
  clientSecret?: string;
}

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  tz_offset?: number;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: Record<string, unknown>;
}

export interface FakeSlack {
  readonly url: string;
  /** `${url}/api/`: the value for SLACK_API_URL / WebClient's slackApiUrl. */
  readonly apiUrl: string;
  readonly calls: readonly SlackCall[];
  /** Stored messages (thread replies included), oldest first. */
  messages(channel?: string): SlackMessage[];
  ephemerals(channel?: string): SlackEphemeral[];
  files(): SlackFile[];
  /** Posts to response URLs; `id` may be the id or the whole URL. */
  responses(id?: string): SlackResponsePost[];
  newResponseUrl(): string;
  /** A one-time OAuth code that oauth.v2.access exchanges for an install in `team`. */
  oauthCode(team?: Partial<FakeSlackTeam>): string;
  setUser(user: FakeSlackUser): void;
  /** Modals opened, Homes published and links unfurled (fake-slack-views). */
  readonly views: SlackViews;
  failNext(method: string, failure: SlackFailure): void;
  /** The next call of `method` is received (`arrived`: its arguments) and carried out and answered only once released. */
  holdNext(method: string): SlackHold;
  /** From now on (until reset) refuse these block types with invalid_blocks, as an older Slack would. */
  refuseBlockTypes(...types: string[]): void;
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlackServer(options);
  fake.server = await startFakeHttpServer((req, res, raw) => fake.handle(req, res, raw));
  return fake;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string>; text?: string };

const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'files'];
const NO_TOKEN_METHODS = new Set(['oauth.v2.access', 'oauth.v2.exchange']);

class FakeSlackServer implements FakeSlack {
  server!: RunningFakeServer;
  private readonly recorder = new CallRecorder<SlackCall>((c) => `${c.method} (${c.status})`);
  private readonly failures = new FailurePlan<string, SlackFailure>();
  private readonly holds = new FailurePlan<string, HeldCall>();
  private releaseHolds: Array<() => void> = [];
  private readonly installs: SlackInstalls;
  private readonly fileStore = new SlackFileStore(
    () => this.url,
    () => this.next(),
  );
  private readonly channels: SlackChannels;
  private responseStore: SlackResponsePost[] = [];
  private users = new Map<string, FakeSlackUser>();
  private readonly refusedTypes = new Set<string>();
  private seq = 0;
  readonly views = new SlackViews();

  constructor(private readonly options: FakeSlackOptions) {
    const team = {
      teamId: options.teamId ?? 'T0FAKE',
      teamName: options.teamName ?? 'Fake Team',
      botUserId: options.botUserId ?? 'U0FAKEBOT',
      botId: options.botId ?? 'B0FAKEBOT',
    };
    const oauth = {
      appId: this.appId,
      tokenRotation: options.tokenRotation === true,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    };
    this.installs = new SlackInstalls(team, oauth, () => this.next());
    this.channels = new SlackChannels(this.appId, () => ({ refusedTypes: this.refusedTypes }));
  }

  private get appId(): string {
    return this.options.appId ?? 'A0FAKEAPP';
  }

  get url(): string {
    return this.server.url;
  }
  get apiUrl(): string {
    return `${this.server.url}/api/`;
  }
  get calls(): readonly SlackCall[] {
    return this.recorder.calls;
  }

  messages(channel?: string): SlackMessage[] {
    return this.channels.list(channel);
  }
  ephemerals(channel?: string): SlackEphemeral[] {
    return this.channels.listEphemeral(channel);
  }
  files(): SlackFile[] {
    return this.fileStore.list();
  }
  responses(id?: string): SlackResponsePost[] {
    const wanted = id?.split('/response/').pop();
    return this.responseStore.filter((r) => wanted === undefined || r.id === wanted);
  }
  newResponseUrl(): string {
    return `${this.url}/response/R${this.next()}`;
  }
  oauthCode(team: Partial<FakeSlackTeam> = {}): string {
    return this.installs.code(team);
  }
  setUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }
  failNext(method: string, failure: SlackFailure): void {
    this.failures.add((m) => m === method, failure, failure.times ?? 1);
  }
  holdNext(method: string): SlackHold {
    let arrive!: (args: Args) => void;
    let release!: () => void;
    const arrived = new Promise<Args>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.add((m) => m === method, { arrive, released });
    this.releaseHolds.push(release);
    return { arrived, release };
  }
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall> {
    return this.recorder.waitFor(predicate, timeoutMs);
  }
  refuseBlockTypes(...types: string[]): void {
    for (const type of types) this.refusedTypes.add(type);
  }

  reset(): void {
    this.refusedTypes.clear();
    this.recorder.clear();
    this.failures.clear();
    this.holds.clear();
    for (const release of this.releaseHolds.splice(0)) release();
    this.channels.clear();
    this.fileStore.clear();
    this.responseStore = [];
    this.users.clear();
    this.installs.clear();
    this.views.clear();
  }
  close(): Promise<void> {
    return this.server.close();
  }

  handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const parsed = safeParse(raw, req.headers['content-type']);
    const base = { headers: req.headers, at: Date.now() };
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const { args, problem } = decodeArgs(parsed);
      const token = bearerToken(req.headers.authorization) ?? str(args.token);
      const carryOut = () =>
        this.answer(res, { ...base, method, body: args, token }, () => {
          if (problem) throw problem;
          return this.callMethod(method, args, token, req.headers.authorization);
        });
      const held = this.holds.take(method);
      if (!held) return carryOut();
      held.arrive(args);
      void held.released.then(carryOut);
    } else if (path.startsWith('/upload/')) {
      const fileId = path.slice('/upload/'.length);
      const bytes = parsed.files[0]?.data ?? raw;
      this.answer(
        res,
        {
          ...base,
          method: 'upload',
          body: { file_id: fileId, length: bytes.length },
          token: bearerToken(req.headers.authorization),
        },
        () => this.receiveUpload(fileId, bytes),
      );
    } else if (path.startsWith('/response/') && req.method === 'POST') {
      const id = path.slice('/response/'.length);
      const body = asArgs(parsed.value);
      this.answer(res, { ...base, method: 'response_url', responseId: id, body, token: undefined }, () =>
        this.receiveResponse(id, body, base.at),
      );
    } else {
      sendJson(res, 404, { ok: false, error: 'not_found' });
    }
  }

  private answer(res: ServerResponse, call: Omit<SlackCall, 'status' | 'response'>, produce: () => Answer): void {
    const failure = this.failures.take(call.method);
    let out: Answer;
    try {
      if (failure?.applied) produce();
      out = failure ? failureAnswer(failure) : produce();
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      out = {
        status: 200,
        body: { ok: false, error: err.error, ...(err.errors.length ? { errors: err.errors } : {}) },
      };
    }
    this.recorder.record({ ...call, status: out.status, response: out.body });
    if (out.text !== undefined) sendBytes(res, out.status, 'text/plain', out.text, out.headers);
    else sendJson(res, out.status, out.body, out.headers);
  }

  private callMethod(method: string, args: Args, token: string | undefined, authorization: string | undefined): Answer {
    if (!NO_TOKEN_METHODS.has(method)) {
      if (!token) throw new SlackApiError('not_authed');
      if (!/^xox/.test(token)) throw new SlackApiError('invalid_auth');
    }
    const team = this.installs.teamFor(token);
    const result = this.runMethod(method, args, team, authorization);
    return { status: 200, body: { ok: true, ...result } };
  }

  private runMethod(method: string, args: Args, team: FakeSlackTeam, authorization: string | undefined): Args {
    switch (method) {
      case 'auth.test':
        return {
          url: `https://${team.teamId.toLowerCase()}.fake-slack.test/`,
          team: team.teamName,
          user: 'campaign-report',
          team_id: team.teamId,
          user_id: team.botUserId,
          bot_id: team.botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
        this.checkSlackFiles(args.blocks);
        return this.channels.post(args, team);
      case 'chat.update':
        this.checkSlackFiles(args.blocks);
        return this.channels.update(args, team);
      case 'chat.delete':
        return this.channels.delete(args);
      case 'chat.postEphemeral':
        return this.channels.postEphemeral(args);
      case 'conversations.history':
        return this.channels.history(args);
      case 'conversations.replies':
        return this.channels.replies(args);
      case 'conversations.info':
        return { channel: channelInfo(requireChannel(args.channel)) };
      case 'conversations.open':
        return { channel: { id: directMessageId(args.users) } };
      case 'users.info':
        return { user: this.userInfo(args.user, team) };
      case 'files.getUploadURLExternal':
        return this.fileStore.uploadUrl(args);
      case 'files.completeUploadExternal':
        return this.fileStore.complete(args);
      case 'files.delete':
        return this.fileStore.delete(args);
      case 'oauth.v2.access':
        return this.installs.access(args, authorization);
      default: {
        const answered = this.views.run(method, args);
        if (answered) return answered;
        throw new SlackApiError('unknown_method');
      }
    }
  }

  private userInfo(user: unknown, team: FakeSlackTeam): FakeSlackUser & Args {
    const id = str(user);
    if (!id) throw new SlackApiError('user_not_found');
    const known = this.users.get(id);
    const name = known?.name ?? id.toLowerCase();
    return {
      id,
      team_id: team.teamId,
      name,
      real_name: known?.real_name ?? `Fake ${name}`,
      tz: 'Asia/Ho_Chi_Minh',
      tz_label: 'Indochina Time',
      tz_offset: 25200,
      is_bot: false,
      deleted: false,
      ...known,
      profile: {
        real_name: known?.real_name ?? `Fake ${name}`,
        display_name: name,
        email: `${name}@example.com`,
        ...known?.profile,
      },
    };
  }

  /** An image block's slack_file must name a file whose upload was completed, as Slack checks. */
  private checkSlackFiles(blocks: unknown): void {
    const unknown = (Array.isArray(blocks) ? blocks : [])
      .map((block) => (block as { slack_file?: { id?: unknown } }).slack_file?.id)
      .filter((id): id is unknown => id !== undefined)
      .filter((id) => !this.fileStore.list().some((file) => file.id === id && file.completed));
    if (unknown.length > 0)
      throw new SlackApiError(
        'invalid_blocks',
        unknown.map((id) => `invalid slack_file: ${String(id)}`),
      );
  }

  private receiveUpload(fileId: string, bytes: Buffer): Answer {
    const text = this.fileStore.receive(fileId, bytes) ? `OK - ${bytes.length}` : 'not found';
    return { status: text === 'not found' ? 404 : 200, body: text, text };
  }

  private receiveResponse(id: string, body: Args, at: number): Answer {
    if (body.blocks !== undefined) {
      const problems = blockProblems(body.blocks, { refusedTypes: this.refusedTypes });
      if (problems.length) return { status: 400, body: { ok: false, error: 'invalid_blocks', errors: problems } };
      try {
        this.checkSlackFiles(body.blocks);
      } catch (error) {
        return { status: 400, body: { ok: false, error: 'invalid_blocks', errors: (error as SlackApiError).errors } };
      }
    }
    this.responseStore.push({ id, body, at });
    return { status: 200, body: { ok: true } };
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }
}

function safeParse(raw: Buffer, contentType: string | undefined): ParsedBody & { invalid?: boolean } {
  try {
    return parseBody(raw, contentType);
  } catch {
    return { kind: 'raw', value: raw.toString('utf8'), files: [], invalid: true };
  }
}

function asArgs(value: unknown): Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Args) } : {};
}

/** Form fields that Slack takes as JSON arrive as strings; decode them like Slack does. */
function decodeArgs(parsed: ParsedBody & { invalid?: boolean }): { args: Args; problem?: SlackApiError } {
  const args = asArgs(parsed.value);
  if (parsed.invalid) return { args, problem: new SlackApiError('invalid_json') };
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value) as unknown;
    } catch {
      return {
        args,
        problem: new SlackApiError(field === 'blocks' ? 'invalid_blocks_format' : `invalid_${field}_format`),
      };
    }
  }
  return { args };
}

/** conversations.open with one user: the bot's direct message with them, `D` + the user id, always the same. */
export function directMessageId(users: unknown): string {
  const ids = (str(users) ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw new SlackApiError('users_list_not_supplied');
  if (ids.length > 1) throw new SlackApiError('not_enough_users'); // a group DM is not what the bot opens
  if (!/^[UW][A-Z0-9]+$/.test(ids[0])) throw new SlackApiError('user_not_found');
  return `D${ids[0].slice(1)}`;
}

function channelInfo(id: string): Args {
  return {
    id,
    name: id.replace(/^#/, '').toLowerCase(),
    is_channel: /^C/.test(id),
    is_group: /^G/.test(id),
    is_im: /^D/.test(id),
    is_private: /^[GD]/.test(id),
    is_archived: false,
    is_member: true,
    created: 1700000000,
  };
}

function failureAnswer(failure: SlackFailure): Answer {
  if (failure.status === 429 || (failure.status === undefined && failure.retryAfter !== undefined)) {
    return {
      status: 429,
      body: { ok: false, error: failure.error ?? 'ratelimited' },
      headers: { 'retry-after': String(failure.retryAfter ?? 1) },
    };
  }
  const details = failure.errors ? { errors: failure.errors } : {};
  if (failure.status !== undefined && failure.status !== 200) {
    return { status: failure.status, body: { ok: false, error: failure.error ?? 'internal_error', ...details } };
  }
  return { status: 200, body: { ok: false, error: failure.error ?? 'internal_error', ...details } };
}
