import {
  COMMAND_GRAMMAR,
  COMMAND_KEYWORDS,
  ChatCommand,
  MAX_COMMAND_LENGTH,
  parseChatCommand,
} from '../../../src/domain/command-grammar';
import { messagesFor } from '../../../src/render/i18n/messages';

/** The chat grammar (docs/chat.md), text in, command out: every form, and every refusal with its reason. */
const notUnderstood = (text: string, reason: string) => ({ kind: 'not-understood', text, reason });

/** The command with its reason, if any, as an English reader gets it from the catalog. */
function readable(command: ChatCommand): ChatCommand | { kind: 'not-understood'; text: string; reason: string } {
  if (command.kind !== 'not-understood') return command;
  return {
    ...command,
    reason: messagesFor('en').t(`reason.${command.reason.key}`, { value: command.reason.value ?? '' }),
  };
}

const parse = (text: string) => readable(parseChatCommand(text));

describe('chat command grammar', () => {
  it.each([
    '',
    '   ',
    'help',
    'HELP',
    '?',
    '<@U0BOT>',
    '<@U0BOT|campaign-report> help',
    '<at>Campaign Report</at>',
    '<AT>Bot</AT> Help',
  ])('"%s" is help', (text) => expect(parse(text)).toEqual({ kind: 'help' }));

  it('reads one word as a campaign, mentions and extra spaces removed', () => {
    expect(parse('cmp-1-000')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parse('  <@U0BOT>\t cmp-1-000 \n')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parse('<at>Campaign Report</at>&cmp')).toEqual({ kind: 'campaign', ref: '&cmp' });
    expect(parse('Đợt 2')).toEqual(notUnderstood('Đợt 2', '"Đợt" is not a command, and a campaign is one word'));
  });

  it('list takes running, complete or all, and nothing more', () => {
    expect(parse('list')).toEqual({ kind: 'list', state: 'all' });
    expect(parse('LIST Running')).toEqual({ kind: 'list', state: 'running' });
    expect(parse('list complete')).toEqual({ kind: 'list', state: 'complete' });
    expect(parse('list all')).toEqual({ kind: 'list', state: 'all' });
    const reason = 'list takes running or complete, e.g. "list running"';
    expect(parse('list done')).toEqual(notUnderstood('list done', reason));
    expect(parse('list running complete')).toEqual(notUnderstood('list running complete', reason));
  });

  it('calls takes a campaign, one status and one code, in any order', () => {
    expect(parse('calls cmp-1')).toEqual({ kind: 'calls', ref: 'cmp-1' });
    expect(parse('calls cmp-1 Unsuccessful code= na ')).toEqual(
      notUnderstood(
        'calls cmp-1 Unsuccessful code= na',
        '"code=" is not a filter; use successful, unsuccessful, error or code=X',
      ),
    );
    expect(parse('calls cmp-1 code=na error')).toEqual({
      kind: 'calls',
      ref: 'cmp-1',
      status: 'error',
      resultCode: 'NA',
    });
    expect(parse('calls cmp-1 SUCCESSFUL CODE=paid')).toEqual({
      kind: 'calls',
      ref: 'cmp-1',
      status: 'successful',
      resultCode: 'PAID',
    });
    expect(parse('calls')).toEqual(notUnderstood('calls', 'calls needs a campaign, e.g. "calls cmp-1-000"'));
    expect(parse('calls cmp-1 error error')).toEqual(
      notUnderstood(
        'calls cmp-1 error error',
        '"error" is not a filter; use successful, unsuccessful, error or code=X',
      ),
    );
    expect(parse('calls cmp-1 code=A code=B')).toEqual(
      notUnderstood(
        'calls cmp-1 code=A code=B',
        '"code=B" is not a filter; use successful, unsuccessful, error or code=X',
      ),
    );
    expect(parse('calls cmp-1 loud').kind).toBe('not-understood');
  });

  it('usage takes a month and a bot, in any order, and says what a bad month should look like', () => {
    expect(parse('usage')).toEqual({ kind: 'usage' });
    expect(parse('usage 2026-10')).toEqual({ kind: 'usage', month: '2026-10' });
    expect(parse('usage bot-debt 2026-10')).toEqual({ kind: 'usage', month: '2026-10', bot: 'bot-debt' });
    expect(parse('usage 2026-13')).toEqual(
      notUnderstood('usage 2026-13', '"2026-13" is not a month; write it as 2026-10'),
    );
    expect(parse('usage 2026-1')).toEqual(
      notUnderstood('usage 2026-1', '"2026-1" is not a month; write it as 2026-10'),
    );
    // A second month is never read as a bot.
    expect(parse('usage 2026-10 2026-11').kind).toBe('not-understood');
    expect(parse('usage a b')).toEqual(
      notUnderstood('usage a b', 'usage takes a month (2026-10) and one bot, e.g. "usage 2026-10 bot-debt"'),
    );
  });

  it('subscribe takes a target and any of summaries, digest, live and alerts (all four when none is named)', () => {
    expect(parse('subscribe all')).toEqual({
      kind: 'subscribe',
      target: { kind: 'all' },
      summaries: true,
      digest: true,
      live: true,
      alerts: true,
    });
    expect(parse('subscribe bot-debt LIVE alert')).toEqual({
      kind: 'subscribe',
      target: { kind: 'ref', ref: 'bot-debt' },
      summaries: false,
      digest: false,
      live: true,
      alerts: true,
    });
    expect(parse('subscribe ALL summary')).toEqual({
      kind: 'subscribe',
      target: { kind: 'all' },
      summaries: true,
      digest: false,
      live: false,
      alerts: false,
    });
    expect(parse('subscribe bot-debt Digest')).toEqual({
      kind: 'subscribe',
      target: { kind: 'ref', ref: 'bot-debt' },
      summaries: false,
      digest: true,
      live: false,
      alerts: false,
    });
    expect(parse('subscribe cmp-1 summaries digest')).toEqual({
      kind: 'subscribe',
      target: { kind: 'ref', ref: 'cmp-1' },
      summaries: true,
      digest: true,
      live: false,
      alerts: false,
    });
    expect(parse('subscribe')).toEqual(
      notUnderstood('subscribe', 'subscribe needs a bot, a campaign or all, e.g. "subscribe all"'),
    );
    expect(parse('subscribe all daily')).toEqual(
      notUnderstood(
        'subscribe all daily',
        '"daily" is not an option of subscribe; use summaries, digest, live or alerts',
      ),
    );
  });

  it('unsubscribe takes exactly one target; subscriptions takes nothing', () => {
    expect(parse('unsubscribe All')).toEqual({ kind: 'unsubscribe', target: { kind: 'all' } });
    expect(parse('unsubscribe bot-debt')).toEqual({ kind: 'unsubscribe', target: { kind: 'ref', ref: 'bot-debt' } });
    const reason = 'unsubscribe needs one bot, campaign or all, e.g. "unsubscribe all"';
    expect(parse('unsubscribe')).toEqual(notUnderstood('unsubscribe', reason));
    expect(parse('unsubscribe a b')).toEqual(notUnderstood('unsubscribe a b', reason));
    expect(parse('subscriptions')).toEqual({ kind: 'subscriptions' });
    expect(parse('subscriptions here')).toEqual(
      notUnderstood('subscriptions here', 'subscriptions takes nothing after it'),
    );
  });

  it(`refuses a command longer than ${MAX_COMMAND_LENGTH} characters, before and after mentions are removed`, () => {
    const reason = `the command is longer than ${MAX_COMMAND_LENGTH} characters`;
    const long = `calls ${'x'.repeat(MAX_COMMAND_LENGTH)}`;
    expect(parse(long)).toEqual(notUnderstood(long.slice(0, 60), reason));
    expect(parse(`${'<@U0BOT> '.repeat(10)}list`)).toEqual({ kind: 'list', state: 'all' });
    expect(parse(`calls ${'x'.repeat(MAX_COMMAND_LENGTH - 6)}`).kind).toBe('calls');
    const huge = ' '.repeat(10 * MAX_COMMAND_LENGTH + 1);
    expect(parse(huge)).toEqual(notUnderstood(huge.slice(0, 60), reason));
    expect(parse(' '.repeat(10 * MAX_COMMAND_LENGTH))).toEqual({ kind: 'help' });
  });

  it('documents every verb it reads, each example parsing as what it documents', () => {
    const typed = (entry: (typeof COMMAND_GRAMMAR)[number]) =>
      [entry.verb ? COMMAND_KEYWORDS[entry.verb].en : '', entry.example].join(' ');
    const kinds = COMMAND_GRAMMAR.map((entry) => parse(typed(entry)).kind);
    expect(kinds).toEqual([
      'campaign',
      'list',
      'calls',
      'usage',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'alerts',
      'alert',
      'budget',
      'help',
    ]);
  });
});

describe('chat command grammar in Vietnamese, and reasons as catalog keys', () => {
  it('reads every English command', () => {
    expect(parseChatCommand('')).toEqual({ kind: 'help' });
    expect(parseChatCommand('help')).toEqual({ kind: 'help' });
    expect(parseChatCommand('cmp-1-000')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parseChatCommand('list running')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('calls cmp-1-000 unsuccessful code=na')).toEqual({
      kind: 'calls',
      ref: 'cmp-1-000',
      status: 'unsuccessful',
      resultCode: 'NA',
    });
    expect(parseChatCommand('usage 2026-10 bot-debt')).toEqual({ kind: 'usage', month: '2026-10', bot: 'bot-debt' });
    expect(parseChatCommand('subscribe all digest')).toEqual({
      kind: 'subscribe',
      target: { kind: 'all' },
      summaries: false,
      digest: true,
      live: false,
      alerts: false,
    });
    expect(parseChatCommand('unsubscribe bot-debt')).toEqual({
      kind: 'unsubscribe',
      target: { kind: 'ref', ref: 'bot-debt' },
    });
    expect(parseChatCommand('subscriptions')).toEqual({ kind: 'subscriptions' });
  });

  it('reads the same commands with Vietnamese keywords, in any case, Unicode form or spacing', () => {
    expect(parseChatCommand('trợ giúp')).toEqual({ kind: 'help' });
    expect(parseChatCommand('danh sách running')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('Danh   Sách')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('danh sách'.normalize('NFD'))).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('cuộc gọi cmp-1-000 error')).toEqual({ kind: 'calls', ref: 'cmp-1-000', status: 'error' });
    expect(parseChatCommand('sử dụng 2026-10')).toEqual({ kind: 'usage', month: '2026-10' });
    expect(parseChatCommand('đăng ký all summaries')).toEqual({
      kind: 'subscribe',
      target: { kind: 'all' },
      summaries: true,
      digest: false,
      live: false,
      alerts: false,
    });
    // The longer keyword wins: "hủy đăng ký" is not "hủy" followed by "đăng ký".
    expect(parseChatCommand('hủy đăng ký all')).toEqual({ kind: 'unsubscribe', target: { kind: 'all' } });
    expect(parseChatCommand('các đăng ký')).toEqual({ kind: 'subscriptions' });
    expect(parseChatCommand('<@U0BOT> danh sách complete')).toEqual({ kind: 'list', state: 'complete' });
  });

  it('reads the options in Vietnamese too, a campaign or a bot never taken for one', () => {
    expect(parseChatCommand('danh sách đang chạy')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('danh sách Đã Hoàn Thành')).toEqual({ kind: 'list', state: 'complete' });
    expect(parseChatCommand('danh sách tất cả')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('cuộc gọi cmp-1-000 không thành công code=NA')).toEqual({
      kind: 'calls',
      ref: 'cmp-1-000',
      status: 'unsuccessful',
      resultCode: 'NA',
    });
    expect(parseChatCommand('cuộc gọi cmp-1-000 thành công')).toEqual({
      kind: 'calls',
      ref: 'cmp-1-000',
      status: 'successful',
    });
    expect(parseChatCommand('calls lỗi lỗi')).toEqual({ kind: 'calls', ref: 'lỗi', status: 'error' });
    expect(parseChatCommand('đăng ký tất cả tóm tắt')).toEqual({
      kind: 'subscribe',
      target: { kind: 'all' },
      summaries: true,
      digest: false,
      live: false,
      alerts: false,
    });
    expect(parseChatCommand('đăng ký bot-debt bản tin')).toEqual({
      kind: 'subscribe',
      target: { kind: 'ref', ref: 'bot-debt' },
      summaries: false,
      digest: true,
      live: false,
      alerts: false,
    });
    expect(parseChatCommand('đăng ký bot-debt trực tiếp cảnh báo')).toEqual({
      kind: 'subscribe',
      target: { kind: 'ref', ref: 'bot-debt' },
      summaries: false,
      digest: false,
      live: true,
      alerts: true,
    });
    expect(parseChatCommand('hủy đăng ký tất cả')).toEqual({ kind: 'unsubscribe', target: { kind: 'all' } });
    expect(parseChatCommand('sử dụng 2026-10 lỗi')).toEqual({ kind: 'usage', month: '2026-10', bot: 'lỗi' });
  });

  it('keeps a one-word campaign that only starts like a keyword', () => {
    expect(parseChatCommand('danh')).toEqual({ kind: 'campaign', ref: 'danh' });
    expect(parseChatCommand('sử')).toEqual({ kind: 'campaign', ref: 'sử' });
  });

  it('says why, as a catalog key with the word at fault, when it does not understand', () => {
    expect(parseChatCommand('cuộc gọi')).toEqual({
      kind: 'not-understood',
      text: 'cuộc gọi',
      reason: { key: 'callsNeedsCampaign' },
    });
    expect(parseChatCommand('calls cmp-1 loud')).toEqual({
      kind: 'not-understood',
      text: 'calls cmp-1 loud',
      reason: { key: 'notAFilter', value: 'loud' },
    });
    expect(parseChatCommand('usage 2026-13')).toMatchObject({ reason: { key: 'notAMonth', value: '2026-13' } });
    expect(parseChatCommand('x'.repeat(501))).toMatchObject({
      kind: 'not-understood',
      reason: { key: 'tooLong', value: '500' },
    });
  });

  it('has a keyword in both languages for every command of the grammar', () => {
    for (const entry of COMMAND_GRAMMAR) {
      if (!entry.verb) continue;
      const { en, vi } = COMMAND_KEYWORDS[entry.verb];
      const example = entry.example ? ` ${entry.example}` : '';
      const english = parseChatCommand(`${en}${example}`);
      expect(english.kind).toBe(entry.command);
      expect(parseChatCommand(`${vi}${example}`)).toEqual(english);
    }
  });
});
