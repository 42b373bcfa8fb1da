import { messagesFor } from '../../../../src/render/i18n/messages';
import { renderUsageCard } from '../../../../src/render/teams/usage';
import { sampleUsageReport } from '../fixtures-cmp-1-000';
import { elements, unescape, texts, facts, expectCardShape } from './card-test-support';

const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');

describe('renderUsageCard', () => {
  const card = renderUsageCard(sampleUsageReport());

  it('has facts per bot, the total with its change, and the footnote', () => {
    expectCardShape(card);
    const all = texts(card).map(unescape);
    expect(all).toContain('Nhắc nợ "Tháng", vòng 1 (bot-debt)');
    expect(all).toContain('Khảo sát (bot-survey)');
    const list = facts(card);
    expect(list.slice(0, 6)).toEqual([
      ['Calls', '43'],
      ['Sessions', '18'],
      ['Messages', '226'],
      ['Blocks', '80'],
      ['Call time', '0:54:38'],
      ['Dialing duration', '0:11:20'],
    ]);
    expect(list).toContainEqual(['Calls', '79 (+29, +58.0% vs 2026-09)']);
    expect(list).toContainEqual(['Dialing duration', '0:20:52 (+0:10:52, +108.6% vs 2026-09)']);
    expect(all.some((text) => text.includes(USAGE_FOOTNOTE))).toBe(true);
  });

  it('shows plain totals without a previous month, and charts when given', () => {
    const plain = renderUsageCard(sampleUsageReport(false), {
      chartImages: [{ chartId: 'usage-per-bot', url: 'https://c.example/u.png', altText: 'usage' }],
    });
    expect(facts(plain)).toContainEqual(['Calls', '79']);
    const [chart] = elements(plain).filter((e) => e.type.startsWith('Chart.'));
    expect(chart).toMatchObject({
      type: 'Chart.VerticalBar',
      xAxisTitle: 'Voicebot',
      yAxisTitle: 'Calls',
      fallback: { type: 'Image', url: 'https://c.example/u.png', altText: 'usage' },
    });
    expect(chart.data).toEqual(
      sampleUsageReport(false).usage.bots.map((bot) => ({ x: bot.botName || bot.botId, y: bot.totalCalls })),
    );
  });

  it('trims bots, never the total, past 28 KB', () => {
    const report = sampleUsageReport();
    const bot = report.usage.bots[0];
    report.usage.bots = Array.from({ length: 600 }, (_, i) => ({ ...bot, botId: `bot-${String(i).padStart(4, '0')}` }));
    const trimmed = renderUsageCard(report);
    expectCardShape(trimmed);
    const shown = texts(trimmed)
      .map(unescape)
      .filter((text) => /\(bot-\d{4}\)$/.test(text)).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(600);
    expect(texts(trimmed)).toContain(`Showing ${shown} of 600 voicebots; the total covers all.`);
    expect(facts(trimmed)).toContainEqual(['Calls', '79 (+29, +58.0% vs 2026-09)']);
  });
});
