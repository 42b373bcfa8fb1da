import { COMMAND_GRAMMAR, COMMAND_KEYWORDS, parseChatCommand } from '../../../src/domain/command-grammar';

describe('parseChatCommand', () => {
  it('reads every English command', () => {
    expect(parseChatCommand('')).toEqual({ kind: 'help' });
    expect(parseChatCommand('help')).toEqual({ kind: 'help' });
    expect(parseChatCommand('cmp-1-000')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parseChatCommand('list running')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('calls cmp-1-000 unsuccessful code=na')).toEqual({ kind: 'calls', ref: 'cmp-1-000', status: 'unsuccessful', resultCode: 'NA' });
    expect(parseChatCommand('usage 2026-10 bot-debt')).toEqual({ kind: 'usage', month: '2026-10', bot: 'bot-debt' });
    expect(parseChatCommand('subscribe all digest')).toEqual({ kind: 'subscribe', target: { kind: 'all' }, summaries: false, digest: true });
    expect(parseChatCommand('unsubscribe bot-debt')).toEqual({ kind: 'unsubscribe', target: { kind: 'ref', ref: 'bot-debt' } });
    expect(parseChatCommand('subscriptions')).toEqual({ kind: 'subscriptions' });
  });

  it('reads the same commands with Vietnamese keywords, in any case, Unicode form or spacing', () => {
    expect(parseChatCommand('trợ giúp')).toEqual({ kind: 'help' });
    expect(parseChatCommand('danh sách running')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('Danh   Sách')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('danh sách'.normalize('NFD'))).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('cuộc gọi cmp-1-000 error')).toEqual({ kind: 'calls', ref: 'cmp-1-000', status: 'error' });
    expect(parseChatCommand('sử dụng 2026-10')).toEqual({ kind: 'usage', month: '2026-10' });
    expect(parseChatCommand('đăng ký all summaries')).toEqual({ kind: 'subscribe', target: { kind: 'all' }, summaries: true, digest: false });
    // The longer keyword wins: "hủy đăng ký" is not "hủy" followed by "đăng ký".
    expect(parseChatCommand('hủy đăng ký all')).toEqual({ kind: 'unsubscribe', target: { kind: 'all' } });
    expect(parseChatCommand('các đăng ký')).toEqual({ kind: 'subscriptions' });
    expect(parseChatCommand('<@U0BOT> danh sách complete')).toEqual({ kind: 'list', state: 'complete' });
  });

  it('keeps a one-word campaign that only starts like a keyword', () => {
    expect(parseChatCommand('danh')).toEqual({ kind: 'campaign', ref: 'danh' });
    expect(parseChatCommand('sử')).toEqual({ kind: 'campaign', ref: 'sử' });
  });

  it('says why, as a catalog key with the word at fault, when it does not understand', () => {
    expect(parseChatCommand('cuộc gọi')).toEqual({ kind: 'not-understood', text: 'cuộc gọi', reason: { key: 'callsNeedsCampaign' } });
    expect(parseChatCommand('calls cmp-1 loud')).toEqual({ kind: 'not-understood', text: 'calls cmp-1 loud', reason: { key: 'notAFilter', value: 'loud' } });
    expect(parseChatCommand('usage 2026-13')).toMatchObject({ reason: { key: 'notAMonth', value: '2026-13' } });
    expect(parseChatCommand('x'.repeat(501))).toMatchObject({ kind: 'not-understood', reason: { key: 'tooLong', value: '500' } });
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
