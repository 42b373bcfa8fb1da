import { CampaignReport } from '../../../src/domain/report-model';
import { renderCampaignTable } from '../../../src/render/cli/campaign';
import { liveProgressSection } from '../../../src/render/live-progress-figures';
import { renderFullReportPage } from '../../../src/render/page/campaign';
import { renderSlackCampaignReport } from '../../../src/render/slack/campaign';
import { renderCampaignCard } from '../../../src/render/teams/campaign';
import { sampleCallsReport, sampleCampaignReport } from './fixtures-cmp-1-000';

/** The sample campaign (43 calls, 9 errors, 27 customers) while running, with a list of 100 customers. */
function runningReport(locale = 'en-US'): CampaignReport {
  const report = sampleCampaignReport({ state: 'running', final: false });
  report.locale = locale;
  report.overview.progress = {
    calls: 43,
    customersCalled: 27,
    customersTotal: 100,
    share: 0.27,
    callsPerMinute: 3.5,
    etaMinutes: 61,
    errorShare: 9 / 43,
  };
  return report;
}

describe('liveProgressSection', () => {
  it('words every live figure of docs/metrics.md with a progress bar', () => {
    const section = liveProgressSection(runningReport());
    expect(section?.title).toBe('Live progress');
    expect(section?.figures.map((f) => [f.label, f.value])).toEqual([
      ['Customers called', '▰▰▱▱▱▱▱▱▱▱ 27 of 100 customers called (27.0%)'],
      ['Calls so far', '43'],
      ['Answer rate so far', '41.9%'],
      ['Error share so far', '20.9%'],
      ['Blocks so far', '80'],
      ['Cost so far', '128,138 ₫'],
      ['Calls per minute', '3.5'],
      ['Time left (at the current pace)', '61 minutes'],
    ]);
    expect(section?.figures[3].detail).toBe('error calls (CU) / all calls = 9 / 43');
  });

  it('speaks Vietnamese with the glossary words', () => {
    const values = liveProgressSection(runningReport('vi-VN'))?.figures.map((f) => `${f.label}: ${f.value}`);
    expect(values).toContain('Khách hàng đã gọi: ▰▰▱▱▱▱▱▱▱▱ đã gọi 27/100 khách hàng (27,0%)');
    expect(values).toContain('Cuộc gọi mỗi phút: 3,5');
    expect(values).toContain('Thời gian còn lại (theo tốc độ hiện tại): 61 phút');
    expect(liveProgressSection(runningReport('vi-VN'))?.title).toBe('Tiến độ trực tiếp');
  });

  it('says the list size is unknown instead of a bar, and the time left is unknown', () => {
    const report = runningReport();
    report.overview.progress = { ...report.overview.progress!, customersTotal: null, share: null, etaMinutes: null };
    const values = liveProgressSection(report)?.figures.map((f) => f.value);
    expect(values?.[0]).toBe('27 customers called (list size unknown)');
    expect(values?.[7]).toBe('unknown');
  });

  it('is absent once the campaign is complete (progress null)', () => {
    const report = sampleCampaignReport();
    report.overview.progress = null;
    expect(liveProgressSection(report)).toBeNull();
  });
});

describe('every surface shows the live progress while a campaign runs', () => {
  const line = '27 of 100 customers called';

  it('the CLI table, the Slack answer, the Teams card and the page', () => {
    const report = runningReport();
    expect(renderCampaignTable(report)).toContain(line);
    expect(JSON.stringify(renderSlackCampaignReport(report).blocks)).toContain(line);
    expect(JSON.stringify(renderCampaignCard(report, { chartImages: [] }))).toContain(line);
    expect(renderFullReportPage(report, sampleCallsReport(), { chartDataUris: {} })).toContain(line);
  });

  it('and none of them once it is complete', () => {
    const report = sampleCampaignReport();
    expect(renderCampaignTable(report)).not.toContain('Live progress');
    expect(JSON.stringify(renderSlackCampaignReport(report).blocks)).not.toContain('Live progress');
  });
});
