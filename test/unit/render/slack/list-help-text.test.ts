import { COMMAND_GRAMMAR } from '../../../../src/domain/command-grammar';
import { messagesFor } from '../../../../src/render/i18n/messages';
import { renderSlackHelp } from '../../../../src/render/slack/help';
import { renderSlackCampaignList } from '../../../../src/render/slack/list';
import { renderSlackText } from '../../../../src/render/slack/text';
import { MAX_BLOCKS, MAX_SECTION_TEXT } from '../../../../src/render/slack/limits';
import { limitViolations, listReport, sectionTexts, textsOf } from '../slack-test-support';

describe('renderSlackCampaignList', () => {
  it('lists campaigns with state, calls, answer rate and last call in the zone', () => {
    const message = renderSlackCampaignList(listReport(2));
    expect(sectionTexts(message)).toEqual([
      '• *Campaign 0* (cmp-0) · Complete · 43 calls · answer rate 41.9% · last call 2026-10-30 22:55:21\n' +
        '• *Campaign 1* (cmp-1) · Complete · 43 calls · answer rate 41.9% · last call 2026-10-30 22:55:21',
    ]);
    expect(message.text).toBe('2 campaigns: Campaign 0, Campaign 1');
  });

  it('names the filter and says so when empty', () => {
    const message = renderSlackCampaignList({ ...listReport(0), filter: 'running' });
    const header = message.blocks[0];
    expect(header.type === 'header' && header.text.text).toBe('Campaigns · Running');
    expect(sectionTexts(message)).toEqual(['No campaigns in state Running.']);
    expect(message.text).toBe('No campaigns in state Running.');
  });

  it(`MAX_BLOCKS and MAX_SECTION_TEXT: 500 campaigns with 300-character names`, () => {
    const message = renderSlackCampaignList(listReport(500, (i) => `${'Ω'.repeat(300)} ${i}`));
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(sectionTexts(message).every((text) => text.length <= MAX_SECTION_TEXT)).toBe(true);
    expect(sectionTexts(message).join('\n')).toContain('… and 460 more');
    expect(limitViolations(message)).toEqual([]);
  });

  it('escapes names', () => {
    const message = renderSlackCampaignList(listReport(1, () => '<!everyone> & <i>'));
    for (const { text } of textsOf(message)) expect(text).not.toMatch(/[<>]/);
    expect(message.text).toBe('1 campaign: &lt;!everyone&gt; &amp; &lt;i&gt;');
  });
});

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
    const message = renderSlackHelp({ notUnderstood: { text: 'frobnicate <!here>', reason: { key: 'notACommand', value: 'frobnicate' } } });
    expect(sectionTexts(message)[0]).toBe(
      'I did not understand "frobnicate &lt;!here&gt;": "frobnicate" is not a command, and a campaign is one word. Here is what I can do:',
    );
    expect(message.text.startsWith('I did not understand')).toBe(true);
    for (const { text } of textsOf(message)) expect(text).not.toMatch(/[<>]/);
  });
});

describe('renderSlackText', () => {
  it('escapes and keeps mrkdwn', () => {
    expect(renderSlackText('No campaign *x* <!channel> & co')).toEqual({
      text: 'No campaign *x* &lt;!channel&gt; &amp; co',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No campaign *x* &lt;!channel&gt; &amp; co', verbatim: true } }],
    });
  });

  it('never gives an empty fallback', () => {
    expect(renderSlackText('  ').text).toBe('(empty message)');
  });

  it('splits a long message over sections within the limits', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i} <x>`).join('\n');
    const message = renderSlackText(long);
    expect(message.blocks.length).toBeGreaterThan(1);
    expect(limitViolations(message)).toEqual([]);
  });
});
