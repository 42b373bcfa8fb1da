import { parseChatCommand } from '../../../src/domain/command-grammar';
import { normalizeCommand } from '../../../src/domain/normalize-command';

/**
 * Commands are read as they look: composed Unicode (NFC), and without the invisible format characters that
 * copy and paste or a phone keyboard leave in them (zero-width spaces and joiners, soft hyphens, byte order
 * marks, direction marks and overrides).
 */
describe('normalizeCommand', () => {
  it('composes to NFC and removes every Unicode format character, leaving the rest as typed', () => {
    expect(normalizeCommand('list\u200b')).toBe('list');
    expect(normalizeCommand('\ufeffli\u00adst\u200c\u200d\u2060')).toBe('list');
    expect(normalizeCommand('cmp\u202e-1\u2066-000\u200e\u200f\u061c')).toBe('cmp-1-000');
    expect(normalizeCommand('danh sa\u0301ch')).toBe('danh s\u00e1ch');
    expect(normalizeCommand('danh sa\u200b\u0301ch')).toBe('danh s\u00e1ch');
    expect(normalizeCommand('  usage 2026-10  Bot-Debt ')).toBe('  usage 2026-10  Bot-Debt ');
    expect(normalizeCommand('tag\u{e0041}s')).toBe('tags');
  });
});

describe('the grammar reads commands normalized', () => {
  it('reads list followed by a zero-width space as list, not as a campaign', () => {
    expect(parseChatCommand('list\u200b')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('<@U0BOT> \u200blist running\u200b')).toEqual({ kind: 'list', state: 'running' });
    expect(parseChatCommand('<at>Bot</at> l\u00adist complete')).toEqual({ kind: 'list', state: 'complete' });
  });

  it('reads campaigns, filters and Vietnamese keywords with format characters in them as typed without them', () => {
    expect(parseChatCommand('cmp\u200b-1-000')).toEqual({ kind: 'campaign', ref: 'cmp-1-000' });
    expect(parseChatCommand('calls cmp-1-000 \ufeffunsuccessful code=NA\u2060')).toEqual({
      kind: 'calls',
      ref: 'cmp-1-000',
      status: 'unsuccessful',
      resultCode: 'NA',
    });
    expect(parseChatCommand('danh\u200b sa\u0301ch')).toEqual({ kind: 'list', state: 'all' });
    expect(parseChatCommand('\u200b')).toEqual({ kind: 'help' });
  });
});
