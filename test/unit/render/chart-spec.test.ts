import { campaignCharts, usageCharts } from '../../../src/domain/report-builders';
import { ChartSpec } from '../../../src/domain/report-model';
import { buildMonthlyUsage } from '../../../src/domain/usage';
import { CHART_PALETTE, chartLabels, toChartJsConfig } from '../../../src/render/chart-spec';
import { botUsage, sampleOverview } from './slack-test-support';

const [status, codes, timeline] = campaignCharts(sampleOverview(), [
  { at: '2026-10-30T15:00:00Z', total: 43, successful: 18 },
  { at: '2026-10-30T16:00:00Z', total: 5, successful: 2 },
]);

describe('toChartJsConfig', () => {
  it('turns the status doughnut into a doughnut with one colour per slice', () => {
    const config = toChartJsConfig(status);
    expect(config.type).toBe('doughnut');
    expect(config.data.labels).toEqual([
      'Successful: 18 (41.9%)',
      'Busy (BS): 4 (9.3%)',
      'No answer (NA): 12 (27.9%)',
      'Error (CU): 9 (20.9%)',
    ]);
    expect(config.data.datasets).toHaveLength(1);
    expect(config.data.datasets[0].data).toEqual([18, 4, 12, 9]);
    const colors = config.data.datasets[0].backgroundColor as string[];
    expect(colors).toHaveLength(4);
    expect(new Set(colors).size).toBe(4);
    expect(config.options.plugins.title).toEqual({ display: false });
    expect(config.options.plugins.legend.display).toBe(true);
    expect(config.options.plugins.datalabels.display).toBe(true);
    // Under the doughnut and large: the legend carries the figures, and must not be cut at the right edge.
    expect(config.options.plugins.legend).toMatchObject({ position: 'bottom', labels: { font: { size: 19 } } });
    expect(config.options.scales).toBeUndefined();
  });

  it('turns result codes into a bar chart from zero with whole-number ticks and no legend', () => {
    const config = toChartJsConfig(codes);
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual([
      'NA',
      'CU',
      'BS',
      'CALLBACK_LATER',
      'PAID',
      'PROMISE_TO_PAY',
      'WRONG_PERSON',
      'AGREE',
      'REFUSE',
    ]);
    expect(config.data.datasets[0]).toMatchObject({
      label: 'Calls',
      data: [12, 9, 4, 4, 4, 3, 3, 2, 2],
      backgroundColor: CHART_PALETTE[0],
    });
    expect(config.options.scales?.y).toMatchObject({
      beginAtZero: true,
      ticks: { precision: 0 },
      title: { display: true, text: 'Calls' },
    });
    expect(config.options.scales?.x.title).toMatchObject({ display: true, text: 'Result code' });
    expect(config.options.scales?.y1).toBeUndefined();
    expect(config.options.plugins.legend.display).toBe(false);
    expect(config.options.plugins.datalabels.display).toBe(false);
  });

  it('gives each line its own colour and formats hours in the zone when asked', () => {
    const config = toChartJsConfig(timeline, { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(['10-30 22:00', '10-30 23:00']);
    expect(config.data.datasets.map((d) => [d.label, d.data, d.borderColor])).toEqual([
      ['All calls', [43, 5], CHART_PALETTE[0]],
      ['Successful', [18, 2], CHART_PALETTE[1]],
    ]);
    expect(toChartJsConfig(timeline, { timeZone: 'Asia/Ho_Chi_Minh' }).options.scales?.x.title.text).toBe(
      'Hour started (Asia/Ho_Chi_Minh)',
    );
    expect(toChartJsConfig(timeline).data.labels).toEqual(['2026-10-30T15:00:00Z', '2026-10-30T16:00:00Z']);
    expect(chartLabels(status, 'Asia/Ho_Chi_Minh')).toEqual(status.labels);
  });

  it('is static: no animation, not responsive', () => {
    for (const spec of [status, codes, timeline]) {
      const { options } = toChartJsConfig(spec);
      expect(options.animation).toBe(false);
      expect(options.responsive).toBe(false);
    }
  });

  it('is deterministic, plain data and leaves the spec alone', () => {
    const usage = usageCharts(
      buildMonthlyUsage('default', '2026-10', 'UTC', [botUsage('a', 'A'), botUsage('b', 'B')]),
    )[0];
    const before = JSON.stringify(usage);
    const a = toChartJsConfig(usage);
    const b = toChartJsConfig(usage);
    expect(a).toEqual(b);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(JSON.stringify(usage)).toBe(before);
    a.data.datasets[0].data.push(99);
    expect(usage.series[0].values).toEqual([43, 43]);
    expect(a.data.datasets.map((d) => [d.label, d.yAxisID])).toEqual([
      ['Calls', 'y'],
      ['Sessions', 'y'],
      ['Blocks', 'y1'],
    ]);
    expect(a.options.plugins.legend.display).toBe(true);
  });

  it('gives blocks (billing units) their own titled axis, apart from calls and sessions', () => {
    const usage = usageCharts(buildMonthlyUsage('default', '2026-10', 'UTC', [botUsage('a', 'A')]))[0];
    const { scales } = toChartJsConfig(usage).options;
    expect(scales?.y.title.text).toBe('Calls');
    expect(scales?.y1).toMatchObject({ position: 'right', title: { display: true, text: 'Blocks (billing units)' } });
    expect(scales?.x.title.text).toBe('Voicebot');
  });

  it('formats the doughnut legend in the locale and copes with no calls', () => {
    const vi = toChartJsConfig(
      { ...status, series: [{ label: 'Calls', values: [1500, 500, 0, 0] }] },
      { locale: 'vi-VN' },
    );
    expect(vi.data.labels[0]).toBe('Cuộc gọi thành công: 1.500 (75,0%)');
    expect(vi.options.scales).toBeUndefined();
    expect(toChartJsConfig(codes, { locale: 'vi' }).options.scales?.y.title.text).toBe('Cuộc gọi');
    const empty = toChartJsConfig({ ...status, series: [{ label: 'Calls', values: [0, 0, 0, 0] }] });
    expect(empty.data.labels[0]).toBe('Successful: 0 (–)');
  });

  it('cycles the palette past ten slices', () => {
    const spec: ChartSpec = {
      id: 'result-codes',
      title: 'Many',
      kind: 'doughnut',
      labels: Array.from({ length: 12 }, (_, i) => `C${i}`),
      series: [{ label: 'Calls', values: Array.from({ length: 12 }, () => 1) }],
      caption: 'many',
      altText: 'many',
    };
    const colors = toChartJsConfig(spec).data.datasets[0].backgroundColor as string[];
    expect(colors[10]).toBe(colors[0]);
  });
});
