import { renderSlackCampaignList } from '../../../../src/render/slack/list';
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
