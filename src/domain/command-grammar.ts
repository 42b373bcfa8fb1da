import { CallStatus, normalizeResultCode } from './call-status';
import { parseMonth } from './time-zone';

/**
 * The chat grammar of interfaces.md §3, shared by Slack and Teams. Pure: text in, a command out; it
 * never throws and never says "no" without saying why.
 */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'campaign'; ref: string }
  | { kind: 'list'; state: 'running' | 'complete' | 'all' }
  | { kind: 'calls'; ref: string; status?: CallStatus; resultCode?: string }
  | { kind: 'usage'; month?: string; bot?: string }
  | { kind: 'subscribe'; target: SubscriptionRef; summaries: boolean; digest: boolean }
  | { kind: 'unsubscribe'; target: SubscriptionRef }
  | { kind: 'subscriptions' }
  | { kind: 'not-understood'; text: string; reason: string };

/** `all`, or an id that the service resolves to a bot or a campaign. */
export type SubscriptionRef = { kind: 'all' } | { kind: 'ref'; ref: string };

export const MAX_COMMAND_LENGTH = 500;

export const COMMAND_GRAMMAR: { usage: string; does: string; example: string }[] = [
  { usage: '<campaign>', does: "a campaign's overview with charts (id, or the start of its id or name)", example: 'cmp-1-000' },
  { usage: 'list [running | complete]', does: 'the latest campaigns with state and answer rate', example: 'list running' },
  {
    usage: 'calls <campaign> [successful | unsuccessful | error] [code=X]',
    does: 'the calls, with a button to listen to each recording, and the whole list as CSV',
    example: 'calls cmp-1-000 unsuccessful code=NA',
  },
  { usage: 'usage [YYYY-MM] [bot]', does: 'monthly usage per voicebot (default: last full month)', example: 'usage 2026-10 bot-debt' },
  {
    usage: 'subscribe <bot | campaign | all> [summaries] [digest]',
    does: 'post summaries when campaigns complete, and/or the monthly digest, here',
    example: 'subscribe all summaries digest',
  },
  { usage: 'unsubscribe <bot | campaign | all>', does: 'stop those posts here', example: 'unsubscribe all' },
  { usage: 'subscriptions', does: "this conversation's subscriptions", example: 'subscriptions' },
  { usage: 'help', does: 'this help', example: 'help' },
];

const STATUSES: CallStatus[] = ['successful', 'unsuccessful', 'error'];

function notUnderstood(text: string, reason: string): ChatCommand {
  return { kind: 'not-understood', text, reason };
}

/** Mentions of the bot, removed before reading; neither pattern can scan past the next "<", so both stay linear. */
export const MENTION_PATTERNS = {
  slack: /<@[A-Z0-9]+(\|[^<>]*)?>/g,
  teams: /<at>[^<]*<\/at>/gi,
} as const;

/** Text longer than this (mentions and spaces included) is refused before any pattern reads it. */
const MAX_INPUT_LENGTH = 10 * MAX_COMMAND_LENGTH;

export function parseChatCommand(input: string): ChatCommand {
  const raw = input ?? '';
  if (raw.length > MAX_INPUT_LENGTH) return notUnderstood(raw.slice(0, 60), `the command is longer than ${MAX_COMMAND_LENGTH} characters`);
  const text = raw
    .replace(MENTION_PATTERNS.slack, ' ') // a Slack mention of the bot
    .replace(MENTION_PATTERNS.teams, ' ') // a Teams mention of the bot
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_COMMAND_LENGTH) return notUnderstood(text.slice(0, 60), `the command is longer than ${MAX_COMMAND_LENGTH} characters`);
  const words = text === '' ? [] : text.split(' ');
  const [first, ...rest] = words;
  const verb = first?.toLowerCase();
  if (!verb || verb === 'help' || verb === '?') return { kind: 'help' };

  switch (verb) {
    case 'list': {
      const state = rest[0]?.toLowerCase() ?? 'all';
      if (rest.length > 1 || !['running', 'complete', 'all'].includes(state)) {
        return notUnderstood(text, 'list takes running or complete, e.g. "list running"');
      }
      return { kind: 'list', state: state as 'running' | 'complete' | 'all' };
    }
    case 'calls': {
      const [ref, ...options] = rest;
      if (!ref) return notUnderstood(text, 'calls needs a campaign, e.g. "calls cmp-1-000"');
      const command: ChatCommand & { kind: 'calls' } = { kind: 'calls', ref };
      for (const option of options) {
        const lower = option.toLowerCase();
        if (STATUSES.includes(lower as CallStatus) && !command.status) command.status = lower as CallStatus;
        else if (/^code=.+$/i.test(option) && !command.resultCode) command.resultCode = normalizeResultCode(option.slice(5));
        else return notUnderstood(text, `"${option}" is not a filter; use successful, unsuccessful, error or code=X`);
      }
      return command;
    }
    case 'usage': {
      const command: ChatCommand & { kind: 'usage' } = { kind: 'usage' };
      for (const option of rest) {
        if (parseMonth(option) && !command.month) command.month = option;
        else if (/^\d{4}-\d{1,2}$/.test(option)) return notUnderstood(text, `"${option}" is not a month; write it as 2026-10`);
        else if (!command.bot) command.bot = option;
        else return notUnderstood(text, 'usage takes a month (2026-10) and one bot, e.g. "usage 2026-10 bot-debt"');
      }
      return command;
    }
    case 'subscribe': {
      const [targetWord, ...options] = rest;
      if (!targetWord) return notUnderstood(text, 'subscribe needs a bot, a campaign or all, e.g. "subscribe all"');
      let summaries = false;
      let digest = false;
      for (const option of options) {
        const lower = option.toLowerCase();
        if (lower === 'summaries' || lower === 'summary') summaries = true;
        else if (lower === 'digest') digest = true;
        else return notUnderstood(text, `"${option}" is not an option of subscribe; use summaries and/or digest`);
      }
      if (!summaries && !digest) {
        summaries = true;
        digest = true;
      }
      return { kind: 'subscribe', target: toRef(targetWord), summaries, digest };
    }
    case 'unsubscribe': {
      if (rest.length !== 1) return notUnderstood(text, 'unsubscribe needs one bot, campaign or all, e.g. "unsubscribe all"');
      return { kind: 'unsubscribe', target: toRef(rest[0]) };
    }
    case 'subscriptions':
      return rest.length === 0 ? { kind: 'subscriptions' } : notUnderstood(text, 'subscriptions takes nothing after it');
    default:
      if (words.length === 1) return { kind: 'campaign', ref: first };
      return notUnderstood(text, `"${first}" is not a command, and a campaign is one word`);
  }
}

function toRef(word: string): SubscriptionRef {
  return word.toLowerCase() === 'all' ? { kind: 'all' } : { kind: 'ref', ref: word };
}
