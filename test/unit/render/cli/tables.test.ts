import { messagesFor } from '../../../../src/render/i18n/messages';
const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');
import { CampaignListReport } from '../../../../src/domain/report-model';
import { renderCallsTable } from '../../../../src/render/cli/calls';
import { renderCampaignTable } from '../../../../src/render/cli/campaign';
import { renderCampaignListTable } from '../../../../src/render/cli/list';
import { displayWidth } from '../../../../src/render/cli/table';
import { renderUsageTable } from '../../../../src/render/cli/usage';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  TIME_ZONE,
  expected,
  manyCallRows,
  sampleCallRows,
  sampleCallsReport,
  sampleCampaignReport,
  sampleUsageReport,
} from '../fixtures-cmp-1-000';

const ANSI = /\u001b/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function figureLine(output: string, label: string): string {
  const line = output.split('\n').find((candidate) => new RegExp(`^  ${escapeRegExp(label)}  `).test(candidate));
  if (!line) throw new Error(`no line for ${label}`);
  return line;
}

describe('renderCampaignTable', () => {
  const output = renderCampaignTable(sampleCampaignReport());

  it('shows every figure of the overview with its value', () => {
    for (const [label, value] of EXPECTED_FIGURES) {
      expect(figureLine(output, label)).toMatch(new RegExp(`^  ${escapeRegExp(label)} +${escapeRegExp(value)}(  |$)`));
    }
  });

  it('puts each rate next to its formula and numerator / denominator', () => {
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(figureLine(output, label).endsWith(detail)).toBe(true);
  });

  it('lists result codes in order with count and share, and a total', () => {
    const lines = output.split('\n');
    const start = lines.findIndex((line) => /^  Code +Meaning +Calls +Share$/.test(line));
    expect(start).toBeGreaterThan(0);
    EXPECTED_RESULT_CODES.forEach(([code, meaning, count, share], i) => {
      expect(lines[start + 2 + i].trim().split(/ {2,}/)).toEqual([code, meaning, count, share]);
    });
    expect(output).toMatch(/^  Total +43 +100\.0%$/m);
  });

  it('has the heading, identity, time zone and footnotes', () => {
    expect(output.startsWith(`Campaign report: ${CAMPAIGN_NAME}\n`)).toBe(true);
    expect(output).toMatch(/^Campaign +cmp-1-000$/m);
    expect(output).toMatch(/^Status +Complete, final$/m);
    expect(output).toMatch(/^First call +2026-10-30 22:36:02$/m);
    expect(output).toContain(TIME_ZONE);
    expect(output).toMatch(/^  1\. Call duration counts answered time only/m);
  });

  it('marks a preliminary, updated report and its footnote', () => {
    const text = renderCampaignTable(sampleCampaignReport({ final: false, state: 'running' }, true));
    expect(text).toMatch(/^Status +Running, preliminary, updated$/m);
    expect(text).toMatch(/^  2\. Preliminary: /m);
  });

  it('keeps hostile names on one line without control characters', () => {
    const text = renderCampaignTable(sampleCampaignReport({ name: HOSTILE_NAME }));
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\r');
    expect(text.split('\n')[0]).toContain('<script>alert(1)</script>');
    expect(text.split('\n')[1]).toMatch(/^=+$/);
  });

  it('shows dashes when nothing was called', () => {
    const report = sampleCampaignReport();
    report.overview.calls = { total: 0, callbacks: 0, successful: 0, unsuccessful: 0, error: 0, busy: 0, noAnswer: 0 };
    report.overview.resultCodes = [];
    report.overview.costs.averageCallDurationMs = null;
    report.overview.rates = { answerRate: null, contactRate: null };
    report.rates = report.rates.map((rate) => ({ ...rate, value: null }));
    const text = renderCampaignTable(report);
    expect(figureLine(text, 'Answer rate')).toMatch(/Answer rate +–/);
    expect(figureLine(text, 'Average call duration')).toMatch(/ +– /);
    expect(text).toContain('No calls yet.');
  });
});

describe('renderCallsTable', () => {
  it('shows one aligned row per call with masked phones and h:mm:ss durations', () => {
    const rows = sampleCallRows();
    expect(rows).toHaveLength(expected.calls.total);
    expect(rows.reduce((sum, row) => sum + row.callDurationMs, 0)).toBe(expected.costs.totalCallDurationMs);
    expect(rows.reduce((sum, row) => sum + row.dialingDurationMs, 0)).toBe(expected.dialingDurationMs);
    const text = renderCallsTable(sampleCallsReport(rows));
    const lines = text.split('\n');
    const header = lines.findIndex((line) => line.startsWith('Started at'));
    const statusAt = lines[header].indexOf('Status');
    const body = lines.slice(header + 2, header + 2 + rows.length);
    expect(body[0]).toMatch(/^2026-10-30 22:36:02 +call-1-0000001 +cus-0-00000 +\+8494\*\*\*\*631 +1 +Error +CU +0:00:00 +0:00:22 +–$/);
    expect(body[2]).toContain('https://report.example.com/r/tok-call-1-0000003');
    for (const line of body) expect(line.slice(statusAt)).toMatch(/^(Successful|Unsuccessful|Error) /);
    expect(text).not.toContain('+84941777631');
    expect(text).toContain('43 calls match');
  });

  it('aligns columns by display width with Vietnamese text in either Unicode form', () => {
    const rows = sampleCallRows().slice(0, 2);
    rows[0].customerId = 'Nguyễn Văn Đức'.normalize('NFD');
    rows[1].customerId = 'Trần Thị Bích'.normalize('NFC');
    const lines = renderCallsTable(sampleCallsReport(rows)).split('\n');
    const header = lines.findIndex((line) => line.startsWith('Started at'));
    const widths = lines.slice(header, header + 4).map((line) => displayWidth(line.slice(0, line.indexOf(' +84') + 1 || undefined)));
    const headerPhone = displayWidth(lines[header].slice(0, lines[header].indexOf('Phone')));
    expect(widths.slice(2)).toEqual([headerPhone, headerPhone]);
  });

  it('says how many rows it shows when the list is cut, and handles no rows', () => {
    expect(renderCallsTable(sampleCallsReport(manyCallRows(5), 5000))).toContain('Showing 5 of 5,000 calls.');
    expect(renderCallsTable(sampleCallsReport([], 0))).toContain('No calls match.');
  });
});

describe('renderUsageTable', () => {
  const text = renderUsageTable(sampleUsageReport());

  it('has one row per bot ordered by id, a total row and the footnote', () => {
    const lines = text.split('\n');
    expect(lines.find((line) => line.startsWith('Nhắc nợ'))?.split(/ {2,}/)).toEqual([
      'Nhắc nợ "Tháng", vòng 1 (bot-debt)', '43', '18', '226', '80', '0:54:38', '0:11:20',
    ]);
    expect(lines.find((line) => line.startsWith('Khảo sát'))?.split(/ {2,}/)).toEqual([
      'Khảo sát (bot-survey)', '36', '7', '95', '79', '0:21:50', '0:09:32',
    ]);
    expect(lines.findIndex((line) => line.startsWith('Nhắc nợ'))).toBeLessThan(lines.findIndex((line) => line.startsWith('Khảo sát')));
    expect(lines.find((line) => line.startsWith('Total'))?.split(/ {2,}/)).toEqual(['Total', '79', '25', '321', '159', '1:16:29', '0:20:52']);
    expect(text).toContain(USAGE_FOOTNOTE);
    expect(text).toContain('Asia/Ho_Chi_Minh');
  });

  it('shows the change against the previous month, absolute and relative', () => {
    expect(text).toMatch(/^Calls +79 +50 +\+29 +\+58\.0%$/m);
    expect(text).toMatch(/^Call time +1:16:29 +0:50:00 +\+0:26:29 +\+53\.0%$/m);
    const without = renderUsageTable(sampleUsageReport(false));
    expect(without).not.toContain('Change vs');
  });

  it('shows decreases with a minus sign and a new figure as new', () => {
    const report = sampleUsageReport();
    report.previous = { ...report.previous!, total: { ...report.previous!.total, totalCalls: 100, messages: 0 } };
    const output = renderUsageTable(report);
    expect(output).toMatch(/^Calls +79 +100 +-21 +-21\.0%$/m);
    expect(output).toMatch(/^Messages +321 +0 +\+321 +new$/m);
  });
});

describe('renderCampaignListTable', () => {
  const report: CampaignListReport = {
    kind: 'campaign-list',
    filter: 'all',
    timeZone: TIME_ZONE,
    locale: 'en-US',
    campaigns: [
      { id: 'cmp-1-000', name: CAMPAIGN_NAME, botId: 'bot-debt', state: 'complete', totalCalls: 43, answerRate: 18 / 43, lastCallAt: '2026-10-30T15:55:21Z' },
      { id: 'cmp-x', name: `${HOSTILE_NAME}${'long '.repeat(20)}`, botId: 'bot-care', state: 'running', totalCalls: 0, answerRate: null, lastCallAt: null },
    ],
  };

  it('shows each campaign with state, calls, answer rate and local last call', () => {
    const text = renderCampaignListTable(report);
    expect(text).toMatch(/^cmp-1-000 +Đợt 0, "Nhắc nợ "Tháng", vòng 1" +bot-debt +Complete +43 +41\.9% +2026-10-30 22:55:21$/m);
    expect(text).toMatch(/^cmp-x +.*… +bot-care +Running +0 +– +–$/m);
    expect(text).toContain('Answer rate = successful calls / all calls');
    expect(text).not.toMatch(ANSI);
  });

  it('says so when there is no campaign', () => {
    expect(renderCampaignListTable({ ...report, campaigns: [] })).toContain('No campaigns yet.');
  });
});
