import { renderFullReportPage } from '../../../../src/render/page/campaign';
import { escapeHtml } from '../../../../src/render/html-escape';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  HOSTILE_NAME,
  sampleCallRows,
  sampleCallsReport,
  sampleCampaignReport,
} from '../fixtures-cmp-1-000';
import { expectBalanced, findRow, tableRows } from '../html-test-support';

describe('renderFullReportPage', () => {
  const calls = sampleCallsReport();
  const page = renderFullReportPage(sampleCampaignReport(), calls, {
    chartDataUris: {
      'call-status': 'data:image/png;base64,iVBORw0KGgo=',
      'result-codes': 'https://evil.example/x.png',
    },
  });

  it('is a complete document with the same overview as the email', () => {
    expect(page.startsWith('<!DOCTYPE html><html lang="en"><head>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(`<title>Campaign report: ${escapeHtml(CAMPAIGN_NAME)}</title>`);
    expect(page.endsWith('</body></html>')).toBe(true);
    expectBalanced(page);
    const rows = tableRows(page);
    for (const [label, value] of EXPECTED_FIGURES) expect(findRow(rows, label)[1]).toBe(value);
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(findRow(rows, label)[0]).toBe(`${label} | ${detail}`);
    expect(page).toContain('1. Call duration counts answered time only');
  });

  it('shows charts as data: URIs only', () => {
    expect(page).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(page).not.toContain('evil.example');
    expect(page).not.toContain('cid:');
  });

  it('lists every call with an audio player for each recording', () => {
    const withRecording = calls.rows.filter((row) => row.recordingLink).length;
    expect(withRecording).toBeGreaterThan(0);
    expect(
      page.match(/<audio controls preload="none" src="https:\/\/report\.example\.com\/r\/tok-call-1-\d+">/g),
    ).toHaveLength(withRecording);
    const rows = tableRows(page);
    expect(findRow(rows, 'Started at')).toEqual([
      'Started at',
      'Call ID',
      'Customer',
      'Phone',
      'Attempt',
      'Status',
      'Code',
      'Call time',
      'Dialing',
      'Recording',
    ]);
    expect(findRow(rows, '2026-10-30 22:36:02')).toEqual([
      '2026-10-30 22:36:02',
      'call-1-0000001',
      'cus-0-00000',
      '+8494****631',
      '1',
      'Error',
      'CU',
      '0:00:00',
      '0:00:22',
      '–',
    ]);
    expect(rows.filter((cells) => /^2026-10-30 \d\d:\d\d:\d\d$/.test(cells[0]))).toHaveLength(calls.rows.length);
  });

  it('offers every recording to download and every call as CSV', () => {
    const withRecording = calls.rows.filter((row) => row.recordingLink).length;
    expect(
      page.match(/<a href="https:\/\/report\.example\.com\/r\/tok-call-1-\d+\?download=1" download>Download<\/a>/g),
    ).toHaveLength(withRecording);
    expect(page).not.toContain('.csv');
    const withCsv = renderFullReportPage(sampleCampaignReport(), calls, {
      chartDataUris: {},
      csvUrl: '/reports/tok.csv',
    });
    expect(withCsv).toContain('<a href="/reports/tok.csv" class="button">Download CSV</a>');
    expect(
      renderFullReportPage(sampleCampaignReport(), calls, { chartDataUris: {}, csvUrl: 'javascript:x' }),
    ).not.toContain('javascript:');
  });

  it('shows the key figures as tiles first, then the charts, then the tables', () => {
    const at = (text: string) => page.indexOf(text);
    expect(page.match(/class="tile"/g)).toHaveLength(5);
    expect(at('class="tiles"')).toBeLessThan(at('class="charts"'));
    expect(at('class="charts"')).toBeLessThan(at('>Calls performance</h2>'));
    expect(at('>Result codes</h2>')).toBeLessThan(at('>Calls</h2>'));
  });

  it('escapes hostile text and refuses non-http recording links', () => {
    const hostileRows = sampleCallRows().slice(0, 2);
    hostileRows[0] = {
      ...hostileRows[0],
      customerId: '<script>alert(1)</script>',
      recordingLink: 'javascript:alert(1)',
    };
    hostileRows[1] = { ...hostileRows[1], recordingLink: '/r/tok"><script>' };
    const html = renderFullReportPage(sampleCampaignReport({ name: HOSTILE_NAME }), sampleCallsReport(hostileRows), {
      chartDataUris: {},
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('src="/r/tok&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('&lt;!channel&gt;');
  });
});
