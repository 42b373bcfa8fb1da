import {
  MAX_AXIS_TITLE,
  MAX_BAR_CATEGORIES,
  MAX_BAR_SERIES,
  MAX_CHART_LABEL,
  MAX_CHART_TITLE,
  MAX_PIE_SEGMENTS,
  BarChart,
  PieChart,
  barChartBlock,
  pieChartBlock,
} from '../../../../src/render/slack/data-visualization';
import { blockProblems } from '../../../support/fakes/fake-slack-rules';

const pie = (block: ReturnType<typeof pieChartBlock>) => block?.chart as PieChart;
const bar = (block: ReturnType<typeof barChartBlock>) => block?.chart as BarChart;
const codes = (n: number) => Array.from({ length: n }, (_, i) => `CODE_${i}`);

describe("Slack's data_visualization block, limits kept by the builders", () => {
  it(`cuts the title to ${MAX_CHART_TITLE} characters`, () => {
    const block = pieChartBlock('T'.repeat(80), [{ label: 'a', value: 1 }], 'Other');
    expect(block?.title).toHaveLength(MAX_CHART_TITLE);
    expect(blockProblems([block])).toEqual([]);
  });

  it(`keeps at most ${MAX_PIE_SEGMENTS} slices: the smallest become "other", order kept`, () => {
    const segments = [5, 1, 9, 2, 7, 3, 8, 4].map((value, i) => ({ label: `s${i}`, value }));
    const block = pieChartBlock('Calls by status', segments, 'Other');
    expect(pie(block).segments).toEqual([
      { label: 's0', value: 5 },
      { label: 's2', value: 9 },
      { label: 's4', value: 7 },
      { label: 's6', value: 8 },
      { label: 's7', value: 4 },
      { label: 'Other', value: 1 + 2 + 3 },
    ]);
    expect(blockProblems([block])).toEqual([]);
  });

  it('leaves out empty slices (Slack takes only values above 0), and draws nothing without any', () => {
    const block = pieChartBlock(
      'x',
      [
        { label: 'a', value: 0 },
        { label: 'b', value: 3 },
      ],
      'Other',
    );
    expect(pie(block).segments).toEqual([{ label: 'b', value: 3 }]);
    expect(pieChartBlock('x', [{ label: 'a', value: 0 }], 'Other')).toBeNull();
  });

  it(`cuts labels to ${MAX_CHART_LABEL} characters and keeps them apart`, () => {
    const long = 'PROMISE_TO_PAY_NEXT_WEEK';
    const block = barChartBlock({
      title: 'Result codes',
      categories: [`${long}_A`, `${long}_B`],
      series: [{ name: 'Calls of the whole campaign', values: [3, 2] }],
      otherLabel: 'Other',
    });
    const { categories } = bar(block).axis_config;
    expect(categories.every((label) => [...label].length <= MAX_CHART_LABEL)).toBe(true);
    expect(new Set(categories).size).toBe(2);
    expect(bar(block).series[0].name.length).toBeLessThanOrEqual(MAX_CHART_LABEL);
    expect(bar(block).series[0].data.map((point) => point.label)).toEqual(categories);
    expect(blockProblems([block])).toEqual([]);
  });

  it(`keeps at most ${MAX_BAR_CATEGORIES} categories: the smallest result codes summed as "other"`, () => {
    const values = codes(30).map((_, i) => 100 - i);
    const block = barChartBlock({
      title: 'Result codes',
      categories: codes(30),
      series: [{ name: 'Calls', values }],
      otherLabel: 'Other',
    });
    const chart = bar(block);
    expect(chart.axis_config.categories).toHaveLength(MAX_BAR_CATEGORIES);
    expect(chart.axis_config.categories[MAX_BAR_CATEGORIES - 1]).toBe('Other');
    const other = values.slice(MAX_BAR_CATEGORIES - 1).reduce((sum, v) => sum + v, 0);
    expect(chart.series[0].data[MAX_BAR_CATEGORIES - 1]).toEqual({ label: 'Other', value: other });
    expect(chart.series[0].data.reduce((sum, point) => sum + point.value, 0)).toBe(values.reduce((a, b) => a + b, 0));
    expect(blockProblems([block])).toEqual([]);
  });

  it(`keeps at most ${MAX_BAR_SERIES} series`, () => {
    const series = Array.from({ length: 8 }, (_, i) => ({ name: `series ${i}`, values: [1, 2] }));
    const block = barChartBlock({ title: 'x', categories: ['a', 'b'], series, otherLabel: 'Other' });
    expect(bar(block).series).toHaveLength(MAX_BAR_SERIES);
    expect(blockProblems([block])).toEqual([]);
  });

  it(`cuts axis titles to ${MAX_AXIS_TITLE} characters`, () => {
    const block = barChartBlock({
      title: 'x',
      categories: ['a'],
      series: [{ name: 's', values: [1] }],
      otherLabel: 'Other',
      xLabel: 'X'.repeat(70),
      yLabel: 'Y'.repeat(70),
    });
    expect(bar(block).axis_config.x_label).toHaveLength(MAX_AXIS_TITLE);
    expect(bar(block).axis_config.y_label).toHaveLength(MAX_AXIS_TITLE);
    expect(blockProblems([block])).toEqual([]);
  });
});
