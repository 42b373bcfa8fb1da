import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { MAX_BLOCKS } from '../../../../src/render/slack/limits';
import { allFields, botUsage, limitViolations, sectionTexts, textsOf, usageReport } from '../slack-test-support';

describe('renderSlackUsageReport', () => {
  const report = usageReport([botUsage('bot-debt', 'Nhắc nợ'), botUsage('bot-survey', '')]);

  it('gives each voicebot its figures and a total row', () => {
    const message = renderSlackUsageReport(report);
    expect(sectionTexts(message).slice(0, 3)).toEqual(['*Nhắc nợ (bot-debt)*', '*bot-survey*', '*Total*']);
    const total = message.blocks.find((block) => block.type === 'section' && block.text?.text === '*Total*');
    expect(total?.type === 'section' && total.fields?.map((field) => field.text)).toEqual([
      '*Calls*\n86',
      '*Sessions*\n36',
      '*Messages*\n452',
      '*Blocks*\n160',
      '*Call time*\n1:49:17',
      '*Dialing duration*\n0:22:40',
    ]);
    expect(message.text).toBe('Usage 2026-10: 86 calls, 36 sessions, 160 blocks, call time 1:49:17, over 2 voicebots.');
  });

  it('carries the sessions-vs-blocks footnote', () => {
    const texts = textsOf(renderSlackUsageReport(report)).map((entry) => entry.text);
    expect(texts.some((text) => text.startsWith('Sessions are answered conversations'))).toBe(true);
  });

  it('shows the change from the month before; a bot new this month changed from 0, like the total', () => {
    const message = renderSlackUsageReport(
      usageReport([botUsage('bot-debt', 'Nhắc nợ', 2), botUsage('bot-new', 'New')], [botUsage('bot-debt', 'Nhắc nợ')]),
    );
    const fields = allFields(message);
    expect(fields).toContain('*Calls*\n86 (+43)');
    expect(fields).toContain('*Call time*\n1:49:17 (+0:54:38)');
    expect(fields).toContain('*Calls*\n43 (+43)');
    expect(fields.some((field) => field.includes('(new)'))).toBe(false);
    expect(fields).toContain('*Calls*\n129 (+86)');
    expect(textsOf(message).map((entry) => entry.text)).toContain('In brackets: the change from 2026-09.');
  });

  it('shows decreases with a minus sign and no change as 0', () => {
    const message = renderSlackUsageReport(usageReport([botUsage('bot-a', 'A')], [botUsage('bot-a', 'A', 2)]));
    expect(allFields(message)).toContain('*Sessions*\n18 (-18)');
    const same = renderSlackUsageReport(usageReport([botUsage('bot-a', 'A')], [botUsage('bot-a', 'A')]));
    expect(allFields(same)).toContain('*Blocks*\n80 (0)');
  });

  it('uses the chart image when given, else a text table', () => {
    const withImage = renderSlackUsageReport(report, {
      charts: [{ chartId: 'usage-per-bot', imageUrl: 'https://quickchart.io/chart?c=1', altText: 'Usage' }],
    });
    expect(withImage.blocks.filter((block) => block.type === 'image')).toHaveLength(1);
    const table = sectionTexts(renderSlackUsageReport(report)).find((text) => text.includes('```'));
    expect(table).toBe(
      '*Usage per voicebot, 2026-10*\n```\n            Calls  Sessions  Blocks\nNhắc nợ        43        18      80\nbot-survey     43        18      80\n```',
    );
  });

  it(`MAX_BLOCKS (${MAX_BLOCKS}): 200 voicebots stay within the limit and the total counts all`, () => {
    const bots = Array.from({ length: 200 }, (_, i) => botUsage(`bot-${String(i).padStart(3, '0')}`, `Bot ${i}`));
    const message = renderSlackUsageReport(usageReport(bots), { maxBots: 500 });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(limitViolations(message)).toEqual([]);
    expect(
      textsOf(message).some((entry) => /… and \d+ more voicebots; the total counts them all\./.test(entry.text)),
    ).toBe(true);
    expect(allFields(message)).toContain('*Calls*\n8,600');
  });

  it('escapes bot names and ids', () => {
    const message = renderSlackUsageReport(usageReport([botUsage('bot-<x>', '<!channel> & <b>')]));
    for (const { text } of textsOf(message)) expect(text).not.toMatch(/[<>]/);
    expect(sectionTexts(message)[0]).toBe('*&lt;!channel&gt; &amp; &lt;b&gt; (bot-&lt;x&gt;)*');
  });

  it('says so for an empty month', () => {
    const message = renderSlackUsageReport(usageReport([]));
    expect(sectionTexts(message)).toContain('No calls this month.');
    expect(message.text).toBe('Usage 2026-10: 0 calls, 0 sessions, 0 blocks, call time 0:00:00, over 0 voicebots.');
    expect(limitViolations(message)).toEqual([]);
  });
});
