import { renderCampaignEmail } from '../../../../src/render/email/campaign';
import { renderUsageEmail } from '../../../../src/render/email/usage';
import { comparisonHtml, monthToDateHtml } from '../../../../src/render/html/comparison-html';
import { escapeHtml } from '../../../../src/render/html-escape';
import { renderFullReportPage } from '../../../../src/render/page/campaign';
import { PREVIOUS_NAME, comparedReport, monthToDateUsageReport } from '../comparison-fixture';
import { sampleCallsReport, sampleUsageReport } from '../fixtures-cmp-1-000';
import { expectBalanced, expectEmailSafe, tableRows } from '../html-test-support';

const LINES = [
  'Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%)',
  'Contact rate 66.7% — up 16.7 points on cmp-0-900 (50.0%)',
  'Average call duration 0:03:02 — up 0:00:12 on cmp-0-900 (0:02:50)',
  'Cost per approached customer 7,119 ₫ — down 381 ₫ on cmp-0-900 (7,500 ₫)',
];

describe('the comparison in HTML (email and page)', () => {
  it('is a heading with the escaped previous name, a paragraph a figure, and the note', () => {
    const html = comparisonHtml(comparedReport());
    expect(html).toContain(
      `<h2>${escapeHtml(`Compared with the previous campaign: ${PREVIOUS_NAME} (cmp-0-900)`)}</h2>`,
    );
    expect(html).not.toContain('<b>');
    for (const line of LINES) expect(html).toContain(`<p class="comparison">${escapeHtml(line)}</p>`);
    expectBalanced(html);
  });

  it('is in the email, right after the key figures, and in its text part', () => {
    const email = renderCampaignEmail(comparedReport(), { chartCids: {} });
    expectEmailSafe(email.html);
    for (const line of LINES) {
      expect(email.html).toContain(escapeHtml(line));
      expect(email.text).toContain(line);
    }
  });

  it('is on the full report page', () => {
    const page = renderFullReportPage(comparedReport(), sampleCallsReport(), { chartDataUris: {} });
    expectBalanced(page);
    for (const line of LINES) expect(page).toContain(escapeHtml(line));
  });
});

describe('the month to date in the usage email', () => {
  it('marks the month and tables blocks so far and projected per bot and in total', () => {
    const email = renderUsageEmail(monthToDateUsageReport(), { chartCids: {} });
    expectEmailSafe(email.html);
    expect(email.html).toContain(escapeHtml('Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.'));
    const rows = tableRows(email.html);
    expect(rows).toContainEqual(['Nhắc nợ "Tháng", vòng 1 (bot-debt)', '80', '413']);
    expect(rows).toContainEqual(['Khảo sát (bot-survey)', '79', '408']);
    expect(rows).toContainEqual(['Total', '159', '822']);
    expect(email.text).toContain('Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.');
  });

  it('is absent for a month that has ended', () => {
    expect(monthToDateHtml(sampleUsageReport())).toBeNull();
    expect(renderUsageEmail(sampleUsageReport(), { chartCids: {} }).html).not.toContain('Month to date');
  });
});
