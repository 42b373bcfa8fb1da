import { COMMAND_GRAMMAR } from '../../../../src/domain/command-grammar';
import { messagesFor } from '../../../../src/render/i18n/messages';
import { renderSlackHelp } from '../../../../src/render/slack/help';
import { limitViolations, sectionTexts, textsOf } from '../slack-test-support';

describe('renderSlackHelp', () => {
  it('gives the grammar with examples and a fallback text', () => {
    const message = renderSlackHelp();
    const grammar = sectionTexts(message)[0];
    expect(grammar).toContain('`/campaign-report &lt;campaign&gt;`');
    expect(grammar).toContain('`/campaign-report calls &lt;campaign&gt; [successful | unsuccessful | error] [code=X]`');
    expect(grammar).toContain('`/campaign-report usage [YYYY-MM] [bot]`');
    expect(grammar).toContain('subscribe &lt;bot | campaign | all&gt; [summaries] [digest]');
    for (const entry of COMMAND_GRAMMAR) expect(grammar).toContain(messagesFor('en').t(`help.does.${entry.command}`));
    expect(message.text).toMatch(/^Commands: \/campaign-report/);
    expect(limitViolations(message)).toEqual([]);
  });

  it('says back what it did not understand, escaped', () => {
    const message = renderSlackHelp({
      notUnderstood: { text: 'frobnicate <!here>', reason: { key: 'notACommand', value: 'frobnicate' } },
    });
    expect(sectionTexts(message)[0]).toBe(
      'I did not understand "frobnicate &lt;!here&gt;": "frobnicate" is not a command, and a campaign is one word. Here is what I can do:',
    );
    expect(message.text.startsWith('I did not understand')).toBe(true);
    for (const { text } of textsOf(message)) expect(text).not.toMatch(/[<>]/);
  });
});
