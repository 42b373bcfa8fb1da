import { Said } from '../../../src/domain/errors';
import { messagesFor } from '../../../src/render/i18n/messages';
import { SAID_KEYS_MATCH_CATALOG, saidText } from '../../../src/render/said';

describe('saidText', () => {
  it("words a Said and the Saids in its values in the reader's language", () => {
    const said: Said = { key: 'unsubscribed', values: { target: { key: 'target.bot', values: { id: 'bot-1' } } } };
    expect(saidText(said, messagesFor('en'), 'fallback')).toBe('Unsubscribed here from bot bot-1.');
    expect(saidText(said, messagesFor('vi'), 'fallback')).toContain('bot-1');
    expect(saidText(undefined, messagesFor('en'), 'fallback')).toBe('fallback');
  });

  it('names a command as the surface types it: no Slack command in a Teams answer', () => {
    const said: Said = { key: 'noCampaignMatches', values: { text: 'x' } };
    expect(saidText(said, messagesFor('en'), '', { command: '/campaign-report' })).toBe(
      'no campaign matches "x"; list the campaigns with: /campaign-report list',
    );
    const teams = saidText(said, messagesFor('en'), '', { command: '@Campaign Report' });
    expect(teams).toBe('no campaign matches "x"; list the campaigns with: @Campaign Report list');
    expect(saidText(said, messagesFor('vi'), '', { command: '@Campaign Report' })).toContain(
      '@Campaign Report danh sách',
    );
  });

  it('takes only keys of the catalog (checked by tsc, which compiles the tests)', () => {
    // @ts-expect-error a mistyped key is a type error, not a silent fall back to English
    const mistyped: Said = { key: 'noAcount' };
    expect(mistyped.key).toBe('noAcount');
    expect(SAID_KEYS_MATCH_CATALOG).toBe(true);
  });
});
