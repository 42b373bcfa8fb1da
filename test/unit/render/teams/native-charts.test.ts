import { ChartSpec } from '../../../../src/domain/report-model';
import { messagesFor } from '../../../../src/render/i18n/messages';
import { MAX_BARS, barsOf, teamsChartElements } from '../../../../src/render/teams/native-charts';

const codes = (n: number): ChartSpec => ({
  id: 'result-codes',
  title: 'Result codes',
  kind: 'bar',
  labels: Array.from({ length: n }, (_, i) => `CODE_${i}`),
  series: [{ label: 'Calls', values: Array.from({ length: n }, (_, i) => (i % 5) + 1) }],
  caption: 'codes.',
  altText: 'Result codes: codes.',
});
const image = { chartId: 'result-codes', url: 'https://charts.example.com/r.png', altText: 'alt' };

describe('Teams native charts', () => {
  it('keeps up to MAX_BARS bars as they are, in their order', () => {
    expect(barsOf(['A', 'B'], [3, 5], 'Other')).toEqual([
      { x: 'A', y: 3 },
      { x: 'B', y: 5 },
    ]);
    expect(barsOf(codes(MAX_BARS).labels, codes(MAX_BARS).series[0].values, 'Other')).toHaveLength(MAX_BARS);
  });

  it('sums the smallest into one "Other" bar past MAX_BARS, in the report language, losing no call', () => {
    const spec = codes(40);
    const values = spec.series[0].values;
    const bars = barsOf(spec.labels, values, messagesFor('vi').t('chart.other'));
    expect(bars).toHaveLength(MAX_BARS);
    expect(bars[MAX_BARS - 1].x).toBe('Khác');
    expect(bars.reduce((sum, bar) => sum + bar.y, 0)).toBe(values.reduce((sum, value) => sum + value, 0));
    // The nine kept are the largest (8 with 5 calls, then the first with 4), in the report's order.
    expect(bars.slice(0, MAX_BARS - 1).map((bar) => bar.x)).toEqual(
      [3, 4, 9, 14, 19, 24, 29, 34, 39].map((i) => `CODE_${i}`),
    );
  });

  it('gives the chart its image as fallback, or its caption when the image is left out; other charts stay images', () => {
    const m = messagesFor('en');
    const [caption, chart] = teamsChartElements(image, codes(3), true, m);
    expect(caption).toMatchObject({ type: 'TextBlock', text: 'Result codes' });
    expect(chart).toMatchObject({
      type: 'Chart.VerticalBar',
      fallback: { type: 'Image', url: image.url, altText: 'alt', size: 'Stretch' },
    });
    const [, withoutImage] = teamsChartElements(image, codes(3), false, m);
    expect(withoutImage.fallback).toMatchObject({ type: 'RichTextBlock', inlines: [{ text: 'codes.' }] });
    const line: ChartSpec = { ...codes(3), id: 'calls-over-time', kind: 'line' };
    expect(teamsChartElements({ ...image, chartId: 'calls-over-time' }, line, true, m)[1]).toMatchObject({
      type: 'Image',
    });
  });
});
