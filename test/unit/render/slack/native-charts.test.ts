import { buildCampaignReport } from '../../../../src/domain/report-builders';
import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { BarChart, DataVisualizationBlock, PieChart } from '../../../../src/render/slack/data-visualization';
import { DEFAULT_SLACK_LOOK, PLAIN_SLACK_LOOK, SlackLook } from '../../../../src/render/slack/look';
import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { blockProblems } from '../../../support/fakes/fake-slack-rules';
import { botUsage, sampleCampaignReport, sampleOverview, usageReport } from '../slack-test-support';

const NATIVE: SlackLook = { charts: 'native', tables: true };
const charts = (blocks: readonly { type: string }[]) =>
  blocks.filter((block): block is DataVisualizationBlock => block.type === 'data_visualization');

describe("a campaign report with Slack's own charts", () => {
  const report = sampleCampaignReport();

  it('draws the calls by status as a pie and the result codes as bars, no image, Slack takes it', () => {
    const message = renderSlackCampaignReport(report, { look: NATIVE });
    const [status, codes] = charts(message.blocks);
    expect(status.title).toBe('Calls by status');
    expect((status.chart as PieChart).segments).toEqual([
      { label: 'Successful', value: 18 },
      { label: 'Busy (BS)', value: 4 },
      { label: 'No answer (NA)', value: 12 },
      { label: 'Error (CU)', value: 9 },
    ]);
    expect((codes.chart as BarChart).axis_config.categories.slice(0, 3)).toEqual(['NA', 'CU', 'BS']);
    expect(message.blocks.filter((block) => block.type === 'image')).toEqual([]);
    expect(blockProblems(message.blocks)).toEqual([]);
  });

  it('draws at most two; the calls per hour become a text table', () => {
    const message = renderSlackCampaignReport(report, { look: NATIVE });
    expect(report.charts.map((chart) => chart.id)).toContain('calls-over-time');
    expect(charts(message.blocks)).toHaveLength(2);
    expect(message.blocks.some((block) => block.type === 'section' && block.text?.text.startsWith('*Calls per hour*')));
  });

  it('groups the smallest of many result codes as "other", in the account\'s language', () => {
    const overview = sampleOverview();
    overview.resultCodes = Array.from({ length: 40 }, (_, i) => ({ code: `CODE_${i}`, count: 100 - i }));
    const many = buildCampaignReport(overview, [], 'vi-VN', false);
    const message = renderSlackCampaignReport(many, { look: NATIVE });
    const bars = charts(message.blocks).find((block) => block.chart.type === 'bar');
    expect((bars?.chart as BarChart).axis_config.categories.at(-1)).toBe('Khác');
    expect(blockProblems(message.blocks)).toEqual([]);
  });

  it('keeps images for an account that did not choose them', () => {
    const message = renderSlackCampaignReport(report, {
      look: DEFAULT_SLACK_LOOK,
      charts: [{ chartId: 'call-status', imageUrl: 'https://qc.example/c.png', altText: 'x' }],
    });
    expect(charts(message.blocks)).toEqual([]);
    expect(message.blocks.some((block) => block.type === 'image')).toBe(true);
  });
});

describe("usage with Slack's own charts", () => {
  it('draws the usage per voicebot as bars, one series per figure', () => {
    const report = usageReport([botUsage('bot-a', 'A'), botUsage('bot-b', 'B', 2)]);
    const message = renderSlackUsageReport(report, { look: NATIVE });
    const [usage] = charts(message.blocks);
    const chart = usage.chart as BarChart;
    expect(chart.axis_config.categories).toEqual(['A', 'B']);
    expect(chart.series.map((series) => series.name)).toEqual(['Calls', 'Sessions', 'Blocks']);
    expect(chart.series[0].data.map((point) => point.value)).toEqual([43, 86]);
    expect(blockProblems(message.blocks)).toEqual([]);
  });

  it('in the plain look (a workspace that refused them) has neither charts nor tables', () => {
    const report = usageReport([botUsage('bot-a', 'A')]);
    const message = renderSlackUsageReport(report, { look: PLAIN_SLACK_LOOK });
    expect(message.blocks.filter((block) => ['data_visualization', 'table'].includes(block.type))).toEqual([]);
  });
});
