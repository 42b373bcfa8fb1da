import { renderCampaignEmail } from '../../../../src/render/email/campaign';
import { renderUsageEmail } from '../../../../src/render/email/usage';
import { en } from '../../../../src/render/i18n/en';
import { vi } from '../../../../src/render/i18n/vi';
import { renderFullReportPage } from '../../../../src/render/page/campaign';
import { sampleCallsReport, sampleCampaignReport, sampleUsageReport } from '../fixtures-cmp-1-000';

/** A Vietnamese account's email and page: Vietnamese words throughout, no English left behind. */
const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const visibleText = (html: string) =>
  decode(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

const locale = 'vi-VN';
const campaign = { ...sampleCampaignReport(), locale };
const calls = { ...sampleCallsReport(), locale };
const usage = { ...sampleUsageReport(), locale };
const email = renderCampaignEmail(campaign, {
  chartCids: {},
  fullReportUrl: 'https://r.example/reports/t',
  detailRows: calls,
});
const usageEmail = renderUsageEmail(usage, { chartCids: {} });
const page = renderFullReportPage(campaign, calls, { chartDataUris: {}, csvUrl: '/reports/t.csv' });

const surfaces: [string, string][] = [
  ['campaign email (HTML)', visibleText(email.html)],
  ['campaign email (subject and text part)', `${email.subject}\n${email.text}`],
  ['usage email (HTML)', visibleText(usageEmail.html)],
  ['usage email (subject and text part)', `${usageEmail.subject}\n${usageEmail.text}`],
  ['full report page', visibleText(page)],
];

/** English messages a Vietnamese reader must never see: every one of two words or more that vi words differently. */
const englishPhrases = (Object.keys(en) as (keyof typeof en)[])
  .filter((key) => en[key] !== vi[key])
  .flatMap((key) => en[key].split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/))
  .map((part) => part.replace(/[.:,;()]+$/g, '').trim())
  .filter((part) => part.split(/\s+/).length >= 2);
const ENGLISH_WORDS = [
  'Calls',
  'Download',
  'Notes',
  'Listen',
  'Total',
  'Share',
  'Meaning',
  'Attempt',
  'Customer',
  'Phone',
  'Recording',
  'Successful',
  'Charts',
];

describe.each(surfaces)('the %s of a Vietnamese account', (_name, text) => {
  it('has no English phrase of the catalog', () => {
    expect(englishPhrases.length).toBeGreaterThan(100);
    expect(englishPhrases.filter((phrase) => text.includes(phrase))).toEqual([]);
  });

  it('has no English label word', () => {
    expect(ENGLISH_WORDS.filter((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text))).toEqual([]);
  });
});

describe('Vietnamese figures', () => {
  it('names the charts in the text part in Vietnamese, each once', () => {
    expect(email.text).toContain(
      '\nBiểu đồ\n-------\n  Cuộc gọi theo trạng thái: 18 thành công, 4 máy bận, 12 không nghe máy, 9 lỗi, trên tổng 43.\n',
    );
    expect(usageEmail.text).toContain(
      '  Mức sử dụng theo voicebot, 2026-10: 79 cuộc gọi, 25 phiên, 159 block trên 2 voicebot.',
    );
  });

  it('writes numbers, money, percents and dates the Vietnamese way', () => {
    const text = visibleText(page);
    expect(text).toContain('128.138 ₫');
    expect(text).toContain('41,9%');
    expect(text).toContain('30/10/2026 22:36:02');
    expect(email.subject).toBe(
      'Báo cáo chiến dịch: Đợt 0, "Nhắc nợ "Tháng", vòng 1" — tỷ lệ nghe máy 41,9% (chính thức)',
    );
  });
});
