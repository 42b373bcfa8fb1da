import { COMMAND_GRAMMAR, MAX_COMMAND_LENGTH, parseChatCommand } from '../../../src/domain/command-grammar';

/** The chat grammar (interfaces.md §3), text in, command out: every form, and every refusal with its reason. */
const notUnderstood = (text: string, reason: string) => ({ kind: 'not-understood', text, reason });

describe('chat command grammar', () => {
  it.each(['', '   ', 'help', 'HELP', '?', '<@U0BOT>', '<@U0BOT|campaign-report> help', '<at>Campaign Report</at>', '<AT>Bot</AT> Help'])(
    '"%s" is help',
    (text) => expect(parseChatCommand(text)).toEqual({ kind: 'help' }),
  );

  it('reads one word as a campaign, mentions and extra spaces removed', () => {
    expect(parseChatCommand('cmp-1-000')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parseChatCommand('  <@U0BOT>\t cmp-1-000 \n')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parseChatCommand('<at>Campaign Report</at>&cmp')).toEqual({ kind: 'campaign', ref: '&cmp' });
    expect(parseChatCommand('Đợt 2')).toEqual(notUnderstood('Đợt 2', '"Đợt" is not a command, and a campaign is one word'));
  });

  it('list takes running, complete or all, and nothing more', () => {
    expect(parseChatCommand('list')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('LIST Running')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('list complete')).toEqual({ kind: 'list', state: 'complete' });
    expect(parseChatCommand('list all')).toEqual({ kind: 'list', state: 'all' });
    const reason = 'list takes running or complete, e.g. "list running"';
    expect(parseChatCommand('list done')).toEqual(notUnderstood('list done', reason));
    expect(parseChatCommand('list running complete')).toEqual(notUnderstood('list running complete', reason));
  });

  it('calls takes a campaign, one status and one code, in any order', () => {
    expect(parseChatCommand('calls cmp-1')).toEqual({ kind: 'calls', ref: 'cmp-1' });
    expect(parseChatCommand('calls cmp-1 Unsuccessful code= na ')).toEqual(
      notUnderstood('calls cmp-1 Unsuccessful code= na', '"code=" is not a filter; use successful, unsuccessful, error or code=X'),
    );
    expect(parseChatCommand('calls cmp-1 code=na error')).toEqual({ kind: 'calls', ref: 'cmp-1', status: 'error', resultCode: 'NA' });
    expect(parseChatCommand('calls cmp-1 SUCCESSFUL CODE=paid')).toEqual({ kind: 'calls', ref: 'cmp-1', status: 'successful', resultCode: 'PAID' });
    expect(parseChatCommand('calls')).toEqual(notUnderstood('calls', 'calls needs a campaign, e.g. "calls cmp-1-000"'));
    expect(parseChatCommand('calls cmp-1 error error')).toEqual(
      notUnderstood('calls cmp-1 error error', '"error" is not a filter; use successful, unsuccessful, error or code=X'),
    );
    expect(parseChatCommand('calls cmp-1 code=A code=B')).toEqual(
      notUnderstood('calls cmp-1 code=A code=B', '"code=B" is not a filter; use successful, unsuccessful, error or code=X'),
    );
    expect(parseChatCommand('calls cmp-1 loud').kind).toBe('not-understood');
  });

  it('usage takes a month and a bot, in any order, and says what a bad month should look like', () => {
    expect(parseChatCommand('usage')).toEqual({ kind: 'usage' });
    expect(parseChatCommand('usage 2026-10')).toEqual({ kind: 'usage', month: '2026-10' });
    expect(parseChatCommand('usage bot-debt 2026-10')).toEqual({ kind: 'usage', month: '2026-10', bot: 'bot-debt' });
    expect(parseChatCommand('usage 2026-13')).toEqual(notUnderstood('usage 2026-13', '"2026-13" is not a month; write it as 2026-10'));
    expect(parseChatCommand('usage 2026-1')).toEqual(notUnderstood('usage 2026-1', '"2026-1" is not a month; write it as 2026-10'));
    // A second month is never read as a bot.
    expect(parseChatCommand('usage 2026-10 2026-11').kind).toBe('not-understood');
    expect(parseChatCommand('usage a b')).toEqual(notUnderstood('usage a b', 'usage takes a month (2026-10) and one bot, e.g. "usage 2026-10 bot-debt"'));
  });

  it('subscribe takes a target and summaries and/or digest (both when neither is named)', () => {
    expect(parseChatCommand('subscribe all')).toEqual({ kind: 'subscribe', target: { kind: 'all' }, summaries: true, digest: true });
    expect(parseChatCommand('subscribe ALL summary')).toEqual({ kind: 'subscribe', target: { kind: 'all' }, summaries: true, digest: false });
    expect(parseChatCommand('subscribe bot-debt Digest')).toEqual({ kind: 'subscribe', target: { kind: 'ref', ref: 'bot-debt' }, summaries: false, digest: true });
    expect(parseChatCommand('subscribe cmp-1 summaries digest')).toEqual({ kind: 'subscribe', target: { kind: 'ref', ref: 'cmp-1' }, summaries: true, digest: true });
    expect(parseChatCommand('subscribe')).toEqual(notUnderstood('subscribe', 'subscribe needs a bot, a campaign or all, e.g. "subscribe all"'));
    expect(parseChatCommand('subscribe all daily')).toEqual(
      notUnderstood('subscribe all daily', '"daily" is not an option of subscribe; use summaries and/or digest'),
    );
  });

  it('unsubscribe takes exactly one target; subscriptions takes nothing', () => {
    expect(parseChatCommand('unsubscribe All')).toEqual({ kind: 'unsubscribe', target: { kind: 'all' } });
    expect(parseChatCommand('unsubscribe bot-debt')).toEqual({ kind: 'unsubscribe', target: { kind: 'ref', ref: 'bot-debt' } });
    const reason = 'unsubscribe needs one bot, campaign or all, e.g. "unsubscribe all"';
    expect(parseChatCommand('unsubscribe')).toEqual(notUnderstood('unsubscribe', reason));
    expect(parseChatCommand('unsubscribe a b')).toEqual(notUnderstood('unsubscribe a b', reason));
    expect(parseChatCommand('subscriptions')).toEqual({ kind: 'subscriptions' });
    expect(parseChatCommand('subscriptions here')).toEqual(notUnderstood('subscriptions here', 'subscriptions takes nothing after it'));
  });

  it(`refuses a command longer than ${MAX_COMMAND_LENGTH} characters, before and after mentions are removed`, () => {
    const reason = `the command is longer than ${MAX_COMMAND_LENGTH} characters`;
    const long = `calls ${'x'.repeat(MAX_COMMAND_LENGTH)}`;
    expect(parseChatCommand(long)).toEqual(notUnderstood(long.slice(0, 60), reason));
    expect(parseChatCommand(`${'<@U0BOT> '.repeat(10)}list`)).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand(`calls ${'x'.repeat(MAX_COMMAND_LENGTH - 6)}`).kind).toBe('calls');
    const huge = ' '.repeat(10 * MAX_COMMAND_LENGTH + 1);
    expect(parseChatCommand(huge)).toEqual(notUnderstood(huge.slice(0, 60), reason));
    expect(parseChatCommand(' '.repeat(10 * MAX_COMMAND_LENGTH))).toEqual({ kind: 'help' });
  });

  it('documents every verb it reads, each example parsing as what it documents', () => {
    const kinds = COMMAND_GRAMMAR.map((entry) => parseChatCommand(entry.example).kind);
    expect(kinds).toEqual(['campaign', 'list', 'calls', 'usage', 'subscribe', 'unsubscribe', 'subscriptions', 'help']);
  });
});
