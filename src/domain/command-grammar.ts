import { CallStatus, normalizeResultCode } from './call-status';
import { normalizeCommand } from './normalize-command';
import { parseMonth } from './time-zone';
import { SUBSCRIPTION_OPTIONS, SubscriptionOption, SubscriptionOptions } from './subscription';

/**
 * The chat grammar of docs/chat.md, shared by Slack and Teams. Pure: text in, a command out; it
 * never throws and never says "no" without saying why.
 */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'campaign'; ref: string }
  | { kind: 'list'; state: 'running' | 'complete' | 'all' }
  | { kind: 'calls'; ref: string; status?: CallStatus; resultCode?: string }
  | { kind: 'usage'; month?: string; bot?: string }
  | ({ kind: 'subscribe'; target: SubscriptionRef } & SubscriptionOptions)
  | { kind: 'unsubscribe'; target: SubscriptionRef }
  | { kind: 'subscriptions' }
  | { kind: 'alerts' }
  | { kind: 'alert'; rule?: string; value?: string }
  | { kind: 'budget'; bot?: string; value?: string }
  | { kind: 'not-understood'; text: string; reason: NotUnderstoodReason };

/**
 * Why a command was not understood, as a key the message catalog words (`reason.<key>`, with `value` being
 * the word at fault), so that the answer comes in the reader's language.
 */
export interface NotUnderstoodReason {
  key:
    | 'tooLong'
    | 'listState'
    | 'callsNeedsCampaign'
    | 'notAFilter'
    | 'notAMonth'
    | 'usageArgs'
    | 'subscribeNeedsTarget'
    | 'notASubscribeOption'
    | 'unsubscribeNeedsTarget'
    | 'subscriptionsTakesNothing'
    | 'notACommand';
  value?: string;
}

/** `all`, or an id that the service resolves to a bot or a campaign. */
export type SubscriptionRef = { kind: 'all' } | { kind: 'ref'; ref: string };

export const MAX_COMMAND_LENGTH = 500;

export type CommandVerb =
  'list' | 'calls' | 'usage' | 'subscribe' | 'unsubscribe' | 'subscriptions' | 'alerts' | 'alert' | 'budget' | 'help';

/**
 * Each command's keyword, in English (always understood) and in Vietnamese (understood too, and shown in
 * Vietnamese help). Keys of the message catalog name what each one does (`help.does.<command>`).
 */
export const COMMAND_KEYWORDS: Record<CommandVerb, { en: string; vi: string }> = {
  list: { en: 'list', vi: 'danh sách' },
  calls: { en: 'calls', vi: 'cuộc gọi' },
  usage: { en: 'usage', vi: 'sử dụng' },
  subscribe: { en: 'subscribe', vi: 'đăng ký' },
  unsubscribe: { en: 'unsubscribe', vi: 'hủy đăng ký' },
  subscriptions: { en: 'subscriptions', vi: 'các đăng ký' },
  alerts: { en: 'alerts', vi: 'các cảnh báo' },
  alert: { en: 'alert', vi: 'cảnh báo' },
  budget: { en: 'budget', vi: 'hạn mức' },
  help: { en: 'help', vi: 'trợ giúp' },
};

/**
 * The grammar, one entry per command: `verb` is null for a campaign's overview (no keyword). `args` and
 * `example` follow the keyword; `{campaign}` and `{bot}` in `args` are placeholders a help text names in its
 * language, everything else is typed as shown.
 */
export interface GrammarEntry {
  command: 'campaign' | CommandVerb;
  verb: CommandVerb | null;
  args: string;
  example: string;
}

export const COMMAND_GRAMMAR: readonly GrammarEntry[] = [
  { command: 'campaign', verb: null, args: '<{campaign}>', example: 'cmp-1-000' },
  { command: 'list', verb: 'list', args: '[running | complete]', example: 'running' },
  {
    command: 'calls',
    verb: 'calls',
    args: '<{campaign}> [successful | unsuccessful | error] [code=X]',
    example: 'cmp-1-000 unsuccessful code=NA',
  },
  { command: 'usage', verb: 'usage', args: '[YYYY-MM] [{bot}]', example: '2026-10 bot-debt' },
  {
    command: 'subscribe',
    verb: 'subscribe',
    args: '<{bot} | {campaign} | all> [summaries] [digest] [live] [alerts]',
    example: 'all summaries digest',
  },
  { command: 'unsubscribe', verb: 'unsubscribe', args: '<{bot} | {campaign} | all>', example: 'all' },
  { command: 'subscriptions', verb: 'subscriptions', args: '', example: '' },
  { command: 'alerts', verb: 'alerts', args: '', example: '' },
  { command: 'alert', verb: 'alert', args: '<errors | answer-rate | stalled> <value | off>', example: 'errors 25%' },
  { command: 'budget', verb: 'budget', args: '<{bot}> <blocks | off>', example: 'bot-debt 5000' },
  { command: 'help', verb: 'help', args: '', example: '' },
];

/** Folds case, Unicode form and spacing so that "Danh  Sách" and NFD "danh sách" match the keyword. */
function foldKeyword(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The options of the grammar in Vietnamese (states, call statuses, what to subscribe to), each with its English word. */
export const VIETNAMESE_OPTIONS: Readonly<Record<string, string>> = {
  'đang chạy': 'running',
  'đã hoàn thành': 'complete',
  'hoàn thành': 'complete',
  'tất cả': 'all',
  'thành công': 'successful',
  'không thành công': 'unsuccessful',
  lỗi: 'error',
  'tóm tắt': 'summaries',
  'bản tin': 'digest',
  'trực tiếp': 'live',
  'cảnh báo': 'alerts',
};

interface Phrase {
  english: string;
  words: string[];
}

/** Phrases longest first, so that "hủy đăng ký" wins over "đăng ký" and "không thành công" over "thành công". */
function phrases(entries: [string, string][]): Phrase[] {
  return entries
    .map(([vi, english]) => ({ english, words: foldKeyword(vi).split(' ') }))
    .sort((a, b) => b.words.length - a.words.length);
}

const VIETNAMESE_KEYWORDS = phrases(Object.entries(COMMAND_KEYWORDS).map(([verb, keywords]) => [keywords.vi, verb]));
const VIETNAMESE_OPTION_PHRASES = phrases(Object.entries(VIETNAMESE_OPTIONS));

/** The phrase among `known` that `words` start with, and how many words it took. */
function leadingPhrase(words: readonly string[], known: readonly Phrase[]): Phrase | undefined {
  const folded = words.map(foldKeyword);
  return known.find((phrase) => phrase.words.every((word, i) => folded[i] === word));
}

/** The words of a command with a leading Vietnamese keyword (one or more words) replaced by its English verb. */
function withEnglishVerb(words: string[]): string[] {
  const keyword = leadingPhrase(words, VIETNAMESE_KEYWORDS);
  return keyword ? [keyword.english, ...words.slice(keyword.words.length)] : words;
}

/** Options with every Vietnamese phrase ("không thành công", "tất cả") replaced by its English word. */
function withEnglishOptions(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const option = leadingPhrase(words.slice(i), VIETNAMESE_OPTION_PHRASES);
    out.push(option ? option.english : words[i]);
    i += option ? option.words.length : 1;
  }
  return out;
}

const STATUSES: CallStatus[] = ['successful', 'unsuccessful', 'error'];

function notUnderstood(text: string, key: NotUnderstoodReason['key'], value?: string): ChatCommand {
  return { kind: 'not-understood', text, reason: value === undefined ? { key } : { key, value } };
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
  if (raw.length > MAX_INPUT_LENGTH) return notUnderstood(raw.slice(0, 60), 'tooLong', String(MAX_COMMAND_LENGTH));
  const text = normalizeCommand(raw)
    .replace(MENTION_PATTERNS.slack, ' ') // a Slack mention of the bot
    .replace(MENTION_PATTERNS.teams, ' ') // a Teams mention of the bot
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_COMMAND_LENGTH) return notUnderstood(text.slice(0, 60), 'tooLong', String(MAX_COMMAND_LENGTH));
  const words = withEnglishVerb(text === '' ? [] : text.split(' '));
  const [first, ...given] = words;
  const verb = first?.toLowerCase();
  // A campaign, a bot or a month is never an option: the calls' campaign keeps its words as typed.
  const rest =
    verb === 'calls'
      ? [given[0], ...withEnglishOptions(given.slice(1))].filter((word) => word !== undefined)
      : verb === 'usage' || verb === 'alert' || verb === 'budget'
        ? given
        : withEnglishOptions(given);
  if (!verb || verb === 'help' || verb === '?') return { kind: 'help' };

  switch (verb) {
    case 'list': {
      const state = rest[0]?.toLowerCase() ?? 'all';
      if (rest.length > 1 || !['running', 'complete', 'all'].includes(state)) {
        return notUnderstood(text, 'listState');
      }
      return { kind: 'list', state: state as 'running' | 'complete' | 'all' };
    }
    case 'calls': {
      const [ref, ...options] = rest;
      if (!ref) return notUnderstood(text, 'callsNeedsCampaign');
      const command: ChatCommand & { kind: 'calls' } = { kind: 'calls', ref };
      for (const option of options) {
        const lower = option.toLowerCase();
        if (STATUSES.includes(lower as CallStatus) && !command.status) command.status = lower as CallStatus;
        else if (/^code=.+$/i.test(option) && !command.resultCode)
          command.resultCode = normalizeResultCode(option.slice(5));
        else return notUnderstood(text, 'notAFilter', option);
      }
      return command;
    }
    case 'usage': {
      const command: ChatCommand & { kind: 'usage' } = { kind: 'usage' };
      for (const option of rest) {
        if (parseMonth(option) && !command.month) command.month = option;
        else if (/^\d{4}-\d{1,2}$/.test(option)) return notUnderstood(text, 'notAMonth', option);
        else if (!command.bot) command.bot = option;
        else return notUnderstood(text, 'usageArgs');
      }
      return command;
    }
    case 'subscribe': {
      const [targetWord, ...options] = rest;
      if (!targetWord) return notUnderstood(text, 'subscribeNeedsTarget');
      const chosen: SubscriptionOptions = { summaries: false, digest: false, live: false, alerts: false };
      for (const option of options) {
        const lower = option.toLowerCase();
        const named = lower === 'summary' ? 'summaries' : lower === 'alert' ? 'alerts' : lower;
        if (!(SUBSCRIPTION_OPTIONS as readonly string[]).includes(named)) {
          return notUnderstood(text, 'notASubscribeOption', option);
        }
        chosen[named as SubscriptionOption] = true;
      }
      // No option means all four (docs/chat.md).
      const all = SUBSCRIPTION_OPTIONS.every((option) => !chosen[option]);
      if (all) for (const option of SUBSCRIPTION_OPTIONS) chosen[option] = true;
      return { kind: 'subscribe', target: toRef(targetWord), ...chosen };
    }
    case 'unsubscribe': {
      if (rest.length !== 1) return notUnderstood(text, 'unsubscribeNeedsTarget');
      return { kind: 'unsubscribe', target: toRef(rest[0]) };
    }
    case 'subscriptions':
      return rest.length === 0 ? { kind: 'subscriptions' } : notUnderstood(text, 'subscriptionsTakesNothing');
    case 'alerts':
      return { kind: 'alerts' };
    // The values are checked by the service, which says what to type (domain/alert-thresholds).
    case 'alert':
      return { kind: 'alert', rule: rest[0], value: rest.slice(1).join(' ') || undefined };
    case 'budget':
      return { kind: 'budget', bot: rest[0], value: rest.slice(1).join(' ') || undefined };
    default:
      if (words.length === 1) return { kind: 'campaign', ref: first };
      return notUnderstood(text, 'notACommand', first);
  }
}

function toRef(word: string): SubscriptionRef {
  return word.toLowerCase() === 'all' ? { kind: 'all' } : { kind: 'ref', ref: word };
}
