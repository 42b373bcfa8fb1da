import { renderCampaignCard } from '../../../../src/render/teams/campaign';
import { MAX_CARD_BYTES } from '../../../../src/render/teams/card';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  TIME_ZONE,
  sampleCampaignReport,
} from '../fixtures-cmp-1-000';
import {
  CHARTS,
  elements,
  unescape,
  texts,
  facts,
  hasUnescapedSpecial,
  expectCardShape,
  markdownTexts,
  tableRows,
} from './card-test-support';

describe('renderCampaignCard', () => {
  const card = renderCampaignCard(sampleCampaignReport(), {
    chartImages: CHARTS,
    fullReportUrl: 'https://report.example.com/full/1',
  });
  const factList = facts(card);

  it('is an Adaptive Card 1.5 under the size limit', () => {
    expectCardShape(card);
    expect(MAX_CARD_BYTES).toBe(28 * 1024);
  });

  it('has every figure of the overview as a fact', () => {
    for (const [label, value] of EXPECTED_FIGURES) expect(factList).toContainEqual([label, value]);
  });

  it('puts each rate formula with numerator / denominator under the facts', () => {
    const all = texts(card).map(unescape);
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(all).toContain(`${label} = ${detail}`);
  });

  it('lists the result codes in order in a table (code over its meaning, calls, share), one line each without Table', () => {
    const table = elements(card).find((e) => e.type === 'Table')!;
    expect(tableRows(card)).toEqual([
      ['Code', 'Calls', 'Share'],
      ...EXPECTED_RESULT_CODES.map(([code, meaning, count, share]) => [`${code} / ${meaning}`, count, share]),
    ]);
    const fallback = (table.fallback as { items: { inlines: { text: string }[] }[] }).items;
    expect(fallback.map((line) => line.inlines.map((run) => run.text).join(''))).toEqual(
      EXPECTED_RESULT_CODES.map(([code, meaning, count, share]) => `${code} · ${count} · ${share} · ${meaning}`),
    );
  });

  it('has the name, status, identity and footnotes', () => {
    const all = texts(card).map(unescape);
    expect(all).toContain(CAMPAIGN_NAME);
    expect(all).toContain('Complete, final');
    expect(factList).toContainEqual(['Campaign', 'cmp-1-000']);
    expect(factList).toContainEqual(['First call', '2026-10-30 22:36:02']);
    expect(factList).toContainEqual(['Time zone', TIME_ZONE]);
    expect(all.some((text) => text.startsWith('1. Call duration counts answered time only'))).toBe(true);
  });

  it('draws the charts natively (a donut of calls by status, bars of result codes), each falling back to its image', () => {
    const charts = elements(card).filter((e) => e.type.startsWith('Chart.'));
    expect(charts.map((chart) => chart.type)).toEqual(['Chart.Donut', 'Chart.VerticalBar']);
    expect(charts[0].data).toEqual([
      { legend: 'Successful', value: 18, color: 'good' },
      { legend: 'Busy (BS)', value: 4, color: 'warning' },
      { legend: 'No answer (NA)', value: 12, color: 'neutral' },
      { legend: 'Error (CU)', value: 9, color: 'attention' },
    ]);
    expect(charts[1]).toMatchObject({ xAxisTitle: 'Result code', yAxisTitle: 'Calls', showBarValues: true });
    expect((charts[1].data as { x: string; y: number }[]).slice(0, 4)).toEqual([
      { x: 'NA', y: 12 },
      { x: 'CU', y: 9 },
      { x: 'BS', y: 4 },
      { x: 'CALLBACK_LATER', y: 4 },
    ]);
    expect(charts.map((chart) => chart.fallback)).toEqual([
      { type: 'Image', url: CHARTS[0].url, altText: CHARTS[0].altText, size: 'Stretch' },
      { type: 'Image', url: CHARTS[1].url, altText: CHARTS[1].altText, size: 'Stretch' },
    ]);
    expect(elements(card).filter((e) => e.type === 'Image')).toEqual([]);
  });

  it('has a Calls button and an Open full report link', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } },
      { type: 'Action.OpenUrl', title: 'Open full report', url: 'https://report.example.com/full/1' },
    ]);
    const noUrl = renderCampaignCard(sampleCampaignReport(), { chartImages: [], fullReportUrl: 'javascript:alert(1)' });
    expect(noUrl.actions).toHaveLength(1);
  });

  it('marks preliminary and updated reports', () => {
    const preliminary = renderCampaignCard(sampleCampaignReport({ final: false, state: 'running' }, true), {
      chartImages: [],
    });
    const all = texts(preliminary).map(unescape);
    expect(all).toContain('Campaign report (updated)');
    expect(all).toContain('Running, preliminary, updated');
    expect(all.some((text) => text.includes('Preliminary: the campaign is still running'))).toBe(true);
  });

  it('escapes hostile names so they cannot format, link or mention', () => {
    const report = sampleCampaignReport({ name: HOSTILE_NAME, id: 'cmp_[x](y)' });
    report.overview.resultCodes = [{ code: '[CLICK](HTTPS://EVIL.EXAMPLE)', count: 43 }];
    const hostile = renderCampaignCard(report, {
      chartImages: [{ chartId: 'x', url: 'javascript:alert(1)', altText: '**alt**' }],
    });
    for (const text of markdownTexts(hostile)) expect(hasUnescapedSpecial(text)).toBe(false);
    for (const [title, value] of elements(hostile)
      .filter((e) => e.type === 'FactSet')
      .flatMap((e) => (e.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]))) {
      expect(hasUnescapedSpecial(value)).toBe(false);
      if (title.includes('CLICK')) expect(hasUnescapedSpecial(title)).toBe(false);
    }
    expect(texts(hostile).map(unescape)).toContain(
      '<script>alert(1)</script> <!channel> [x](https://evil.example) **b** _i_ `c` # h line2 [31m',
    );
    expect(elements(hostile, true).filter((e) => e.type === 'Image')).toHaveLength(0);
    expect(JSON.stringify(hostile)).not.toContain('javascript:');
    expect(hostile.actions?.[0]).toEqual({
      type: 'Action.Submit',
      title: 'Calls',
      data: { command: 'calls cmp_[x](y)' },
    });
  });

  it('replaces inline charts by their caption when they would pass 28 KB, keeping every figure', () => {
    const big = (n: number) => `data:image/png;base64,${'A'.repeat(n)}`;
    const heavy = renderCampaignCard(sampleCampaignReport(), {
      chartImages: [
        { chartId: 'call-status', url: big(9_000), altText: 'small chart' },
        { chartId: 'result-codes', url: big(40_000), altText: 'huge chart' },
      ],
    });
    expectCardShape(heavy);
    const images = elements(heavy, true).filter((e) => e.type === 'Image');
    expect(images.map((image) => image.altText)).toEqual(['small chart']);
    expect(texts(heavy)).toContain('Result codes');
    const bars = elements(heavy).find((e) => e.type === 'Chart.VerticalBar')!;
    expect(bars.fallback).toEqual({
      type: 'RichTextBlock',
      spacing: 'Small',
      inlines: [
        {
          type: 'TextRun',
          text: 'NA 12, CU 9, BS 4, CALLBACK_LATER 4, PAID 4, PROMISE_TO_PAY 3, WRONG_PERSON 3, AGREE 2, REFUSE 2.',
          size: 'Small',
          isSubtle: true,
        },
      ],
    });
    expect(texts(heavy).join('\n')).not.toContain('Result codes: ');
    for (const [label, value] of EXPECTED_FIGURES) expect(facts(heavy)).toContainEqual([label, value]);
  });

  it('trims result codes (never totals) when there are too many for 28 KB', () => {
    const report = sampleCampaignReport();
    report.overview.resultCodes = Array.from({ length: 3000 }, (_, i) => ({ code: `CODE_NUMBER_${i}`, count: 1 }));
    const trimmed = renderCampaignCard(report, { chartImages: CHARTS });
    expectCardShape(trimmed);
    const shown = tableRows(trimmed).filter(([code]) => code.startsWith('CODE_NUMBER_')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(3000);
    expect(texts(trimmed)).toContain(`Showing ${shown} of 3,000 result codes; the totals above cover all calls.`);
    for (const [label, value] of EXPECTED_FIGURES) expect(facts(trimmed)).toContainEqual([label, value]);
  });
});
