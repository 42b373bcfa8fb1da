import { CallRow, CallsReport } from '../../../src/domain/report-model';
import { renderCallsTable } from '../../../src/render/cli/calls';
import { renderCallsCsv } from '../../../src/render/csv/calls';
import { renderFullReportPage } from '../../../src/render/page/campaign';
import { renderSlackCallsReport } from '../../../src/render/slack/calls';
import { renderCallsCard } from '../../../src/render/teams/calls';
import { sampleCallRows, sampleCallsReport, sampleCampaignReport } from './fixtures-cmp-1-000';

/** The sample's first two calls as forget and retention leave them: no phone, no recording, and why. */
function strippedReport(locale = 'en-US'): CallsReport {
  const rows = sampleCallRows().map((row, i): CallRow =>
    i === 0
      ? { ...row, phone: null, recordingLink: null, personalDataRemoved: 'forgotten' }
      : i === 1
        ? { ...row, phone: null, recordingLink: null, personalDataRemoved: 'retention' }
        : row,
  );
  return { ...sampleCallsReport(rows), locale };
}

const surfaces: [string, (report: CallsReport) => string][] = [
  ['CLI', (report) => renderCallsTable(report)],
  ['CSV', (report) => renderCallsCsv(report)],
  ['Slack', (report) => JSON.stringify(renderSlackCallsReport(report, { maxRows: 5 }))],
  ['Teams', (report) => JSON.stringify(renderCallsCard(report))],
  [
    'page',
    (report) =>
      renderFullReportPage({ ...sampleCampaignReport(), locale: report.locale }, report, { chartDataUris: {} }),
  ],
];

describe('reports say why a phone or recording is blank (forget, retention)', () => {
  it.each(surfaces)('%s names the reason in English and Vietnamese', (_surface, render) => {
    const en = render(strippedReport());
    expect(en).toContain('erased on request');
    expect(en).toContain('removed by retention');
    const vi = render(strippedReport('vi-VN'));
    expect(vi).toContain('đã xóa theo yêu cầu');
    expect(vi).toContain('đã xóa theo thời hạn lưu trữ');
  });

  it.each(surfaces)('%s says nothing of it when nothing was removed', (_surface, render) => {
    const text = render(sampleCallsReport());
    expect(text).not.toContain('erased on request');
    expect(text).not.toContain('removed by retention');
  });
});
