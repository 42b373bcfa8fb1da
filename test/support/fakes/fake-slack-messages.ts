/** The fake Slack's channels: messages posted, updated and deleted, ephemerals, and history. */
import type { FakeSlackTeam } from './fake-slack-oauth';
import {
  bool,
  checkMessageContent,
  compact,
  num,
  requireChannel,
  SlackApiError,
  str,
  type BlockRuleOptions,
  type SlackArgs,
} from './fake-slack-rules';

export interface SlackMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  reply_broadcast?: boolean;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** Slack timestamps compare as (seconds, microseconds), not as floats. */
function tsKey(ts: string): bigint {
  const [sec = '0', frac = ''] = ts.split('.');
  return BigInt(sec) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6) || '0');
}

export class SlackChannels {
  private messages: SlackMessage[] = [];
  private ephemerals: SlackEphemeral[] = [];
  private tsSeq = 0;

  constructor(
    private readonly appId: string,
    /** What this workspace refuses beyond Slack's fixed rules (FakeSlack.refuseBlockTypes). */
    private readonly rules: () => BlockRuleOptions = () => ({}),
  ) {}

  list(channel?: string): SlackMessage[] {
    return this.messages.filter((m) => channel === undefined || m.channel === channel);
  }

  listEphemeral(channel?: string): SlackEphemeral[] {
    return this.ephemerals.filter((m) => channel === undefined || m.channel === channel);
  }

  /** chat.postMessage */
  post(args: SlackArgs, team: FakeSlackTeam): SlackArgs {
    const channel = requireChannel(args.channel);
    checkMessageContent(args, this.rules());
    const message: SlackMessage = compact({
      type: 'message' as const,
      channel,
      ts: this.nextTs(),
      text: str(args.text) ?? '',
      blocks: args.blocks as unknown[] | undefined,
      attachments: args.attachments as unknown[] | undefined,
      metadata: args.metadata as SlackMessage['metadata'],
      thread_ts: str(args.thread_ts),
      reply_broadcast: args.reply_broadcast === undefined ? undefined : bool(args.reply_broadcast),
      user: team.botUserId,
      bot_id: team.botId,
      app_id: this.appId,
      team: team.teamId,
    });
    this.messages.push(message);
    return { channel, ts: message.ts, message: publicMessage(message) };
  }

  /** chat.update: what is given replaces what was there; what is not given stays. */
  update(args: SlackArgs, team: FakeSlackTeam): SlackArgs {
    const message = this.find(args);
    checkMessageContent(args, this.rules());
    if (args.text !== undefined) message.text = String(args.text);
    if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
    if (args.attachments !== undefined) message.attachments = args.attachments as unknown[];
    if (args.metadata !== undefined) message.metadata = args.metadata as SlackMessage['metadata'];
    message.edited = { user: team.botUserId, ts: this.nextTs() };
    return { channel: message.channel, ts: message.ts, text: message.text, message: publicMessage(message) };
  }

  /** chat.delete */
  delete(args: SlackArgs): SlackArgs {
    const message = this.find(args);
    this.messages = this.messages.filter((m) => m !== message);
    return { channel: message.channel, ts: message.ts };
  }

  /** chat.postEphemeral */
  postEphemeral(args: SlackArgs): SlackArgs {
    const channel = requireChannel(args.channel);
    const user = str(args.user);
    if (!user) throw new SlackApiError('user_not_in_channel');
    checkMessageContent(args, this.rules());
    const text = str(args.text) ?? '';
    const ephemeral: SlackEphemeral = compact({
      channel,
      user,
      message_ts: this.nextTs(),
      text,
      blocks: args.blocks as unknown[] | undefined,
      thread_ts: str(args.thread_ts),
    });
    this.ephemerals.push(ephemeral);
    return { message_ts: ephemeral.message_ts };
  }

  /** conversations.history: top-level messages newest first; metadata only with include_all_metadata. */
  history(args: SlackArgs): SlackArgs {
    const channel = requireChannel(args.channel);
    const inclusive = bool(args.inclusive);
    const oldest = str(args.oldest);
    const latest = str(args.latest);
    const limit = Math.min(num(args.limit) || 100, 999);
    const offset = args.cursor
      ? Number(Buffer.from(String(args.cursor), 'base64').toString('utf8').replace('offset:', ''))
      : 0;
    const all = this.list(channel)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
      .filter((m) => !oldest || (inclusive ? tsKey(m.ts) >= tsKey(oldest) : tsKey(m.ts) > tsKey(oldest)))
      .filter((m) => !latest || (inclusive ? tsKey(m.ts) <= tsKey(latest) : tsKey(m.ts) < tsKey(latest)))
      .reverse();
    const hasMore = offset + limit < all.length;
    const withMetadata = bool(args.include_all_metadata);
    return {
      messages: all.slice(offset, offset + limit).map((m) => {
        const out = publicMessage(m);
        if (!withMetadata) delete out.metadata;
        return out;
      }),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '' },
    };
  }

  /** conversations.replies: the parent and its replies, oldest first; metadata only with include_all_metadata. */
  replies(args: SlackArgs): SlackArgs {
    const channel = requireChannel(args.channel);
    const ts = str(args.ts);
    const thread = this.list(channel).filter((m) => m.ts === ts || (m.thread_ts === ts && m.ts !== ts));
    if (!thread.some((m) => m.ts === ts)) throw new SlackApiError('thread_not_found');
    const withMetadata = bool(args.include_all_metadata);
    return {
      messages: thread.map((m) => {
        const out = publicMessage(m);
        if (!withMetadata) delete out.metadata;
        return out;
      }),
      has_more: false,
      response_metadata: { next_cursor: '' },
    };
  }

  clear(): void {
    this.messages = [];
    this.ephemerals = [];
  }

  private find(args: SlackArgs): SlackMessage {
    const channel = requireChannel(args.channel);
    const message = this.messages.find((m) => m.channel === channel && m.ts === str(args.ts));
    if (!message) throw new SlackApiError('message_not_found');
    return message;
  }

  /** Unique and increasing: 1700000000.000100, 1700000000.000200, ... */
  private nextTs(): string {
    this.tsSeq += 1;
    const micros = this.tsSeq * 100;
    return `${1700000000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }
}

/** A message as Slack returns it (no `channel` field), detached from the store. */
function publicMessage(message: SlackMessage): Partial<SlackMessage> {
  const { channel: _channel, ...rest } = message;
  return structuredClone(rest);
}
