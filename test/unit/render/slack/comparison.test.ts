import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { comparisonBlocks, monthToDateBlocks } from '../../../../src/render/slack/comparison';
import { MAX_BLOCKS } from '../../../../src/render/slack/limits';
import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { buildUsageReport } from '../../../../src/domain/report-builders';
import { withMonthToDate } from '../../../../src/domain/month-to-date';
import { buildMonthlyUsage } from '../../../../src/domain/usage';
import { botUsage } from '../slack-test-support';
import { comparedReport, monthToDateUsageReport, uncomparedReport } from '../comparison-fixture';
import { sampleUsageReport } from '../fixtures-cmp-1-000';

const blockText = (block: unknown) => (block as { text?: { text: string } }).text?.text ?? '';
const contextTexts = (block: unknown) => (block as { elements: { text: string }[] }).elements.map((e) => e.text);

describe('the comparison in Slack', () => {
  it('is one section with a line a figure, the hostile previous name escaped, and its note as context', () => {
    const [section, context] = comparisonBlocks(comparedReport());
    expect(blockText(section)).toBe(
      '*Compared with the previous campaign: &lt;!channel&gt; *Đợt* trước &amp; &lt;b&gt; (cmp-0-900)*\n' +
        'Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%)\n' +
        'Contact rate 66.7% — up 16.7 points on cmp-0-900 (50.0%)\n' +
        'Average call duration 0:03:02 — up 0:00:12 on cmp-0-900 (0:02:50)\n' +
        'Cost per approached customer 7,119 ₫ — down 381 ₫ on cmp-0-900 (7,500 ₫)',
    );
    expect(contextTexts(context)[0]).toContain('Cost per approached customer = total cost / approached customers.');
  });

  it('follows the figures in the campaign report and ends the fallback text with the answer rate line', () => {
    const message = renderSlackCampaignReport(comparedReport());
    const texts = message.blocks.map(blockText);
    const at = texts.findIndex((text) => text.startsWith('*Compared with the previous campaign'));
    expect(at).toBeGreaterThan(0);
    expect(texts.findIndex((text) => text.startsWith('*Result codes*'))).toBe(at + 2);
    expect(message.text.endsWith(' Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%).')).toBe(true);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });

  it('says there is nothing to compare with, without touching the fallback text', () => {
    const message = renderSlackCampaignReport(uncomparedReport());
    expect(message.blocks.map(blockText)).toContain(
      '*Compared with the previous campaign*\nNo earlier complete campaign of voicebot bot-debt to compare with yet.',
    );
    expect(message.text.endsWith('total cost 128,138 ₫.')).toBe(true);
  });
});

describe('the month to date in Slack', () => {
  it('is one section: marker, blocks so far → projected per bot and in total, the formula', () => {
    expect(monthToDateBlocks(monthToDateUsageReport(), 20).map(blockText)).toEqual([
      '*Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.*\n' +
        "Blocks projected to the month's end (Blocks so far → Projected):\n" +
        'Nhắc nợ "Tháng", vòng 1 (bot-debt): 80 → 413\n' +
        'Khảo sát (bot-survey): 79 → 408\n' +
        '*Total: 159 → 822*\n' +
        '_Projected = blocks so far × 31 days in the month / 6 days elapsed (today included), rounded half up._',
    ]);
  });

  it('is in the usage message of the running month only', () => {
    const running = renderSlackUsageReport(monthToDateUsageReport());
    expect(running.blocks.map(blockText).some((text) => text.startsWith('*Month to date'))).toBe(true);
    const ended = renderSlackUsageReport(sampleUsageReport());
    expect(JSON.stringify(ended)).not.toContain('Month to date');
  });

  it('keeps the message within 50 blocks with many voicebots', () => {
    const bots = Array.from({ length: 80 }, (_, i) => botUsage(`bot-${String(i).padStart(2, '0')}`, `Bot ${i}`));
    const usage = withMonthToDate(
      buildMonthlyUsage('default', '2026-10', 'Asia/Ho_Chi_Minh', bots),
      new Date('2026-10-06T03:00:00Z'),
    );
    const message = renderSlackUsageReport(buildUsageReport(usage, null, 'en-US'), { maxBots: 80 });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(message.blocks.map(blockText).some((text) => text.startsWith('*Month to date'))).toBe(true);
  });
});
