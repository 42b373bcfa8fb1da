import { messagesFor } from '../../../../src/render/i18n/messages';
import { renderUsageEmail } from '../../../../src/render/email/usage';
import { escapeHtml } from '../../../../src/render/html-escape';
import { sampleUsageReport } from '../fixtures-cmp-1-000';
import { expectBalanced, expectEmailSafe, findRow, tableRows, tileTexts } from '../html-test-support';

const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');

describe('renderUsageEmail', () => {
  const email = renderUsageEmail(sampleUsageReport(), { chartCids: { 'usage-per-bot': 'usage@campaign-report' } });
  const rows = tableRows(email.html);

  it('has a subject with month and totals', () => {
    expect(email.subject).toBe('Usage report 2026-10 (default): 79 calls, 25 sessions, 159 blocks');
  });

  it('has a row per bot and a total row', () => {
    expect(findRow(rows, 'Voicebot')).toEqual([
      'Voicebot',
      'Calls',
      'Sessions',
      'Messages',
      'Blocks',
      'Call time',
      'Dialing duration',
    ]);
    expect(findRow(rows, 'Nhắc nợ "Tháng", vòng 1 (bot-debt)')).toEqual([
      'Nhắc nợ "Tháng", vòng 1 (bot-debt)',
      '43',
      '18',
      '226',
      '80',
      '0:54:38',
      '0:11:20',
    ]);
    expect(findRow(rows, 'Khảo sát (bot-survey)')).toEqual([
      'Khảo sát (bot-survey)',
      '36',
      '7',
      '95',
      '79',
      '0:21:50',
      '0:09:32',
    ]);
    expect(findRow(rows, 'Total')).toEqual(['Total', '79', '25', '321', '159', '1:16:29', '0:20:52']);
  });

  it('shows the change against the previous month', () => {
    expect(findRow(rows, 'Figure')).toEqual(['Figure', '2026-10', '2026-09', 'Change', 'Change %']);
    expect(findRow(rows, 'Calls')).toEqual(['Calls', '79', '50', '+29', '+58.0%']);
    expect(findRow(rows, 'Dialing duration')).toEqual([
      'Dialing duration',
      '0:20:52',
      '0:10:00',
      '+0:10:52',
      '+108.6%',
    ]);
    const without = renderUsageEmail(sampleUsageReport(false), { chartCids: {} });
    expect(without.html).not.toContain('Change vs');
    expect(without.text).not.toContain('Change vs');
  });

  it('has the footnote, a cid chart, and both parts', () => {
    expect(email.html).toContain(escapeHtml(USAGE_FOOTNOTE));
    expect(email.text).toContain(USAGE_FOOTNOTE);
    expect(email.html).toContain('src="cid:usage@campaign-report"');
    expect(email.text).toMatch(/^Total +79 +25 +321 +159 +1:16:29 +0:20:52$/m);
    expectEmailSafe(email.html);
    expectBalanced(email.html);
  });

  it('opens with the month totals as tiles', () => {
    expect(tileTexts(email.html)).toEqual([
      ['Calls', '79'],
      ['Sessions', '25'],
      ['Blocks', '159'],
      ['Call time', '1:16:29'],
    ]);
  });

  it('escapes hostile bot names', () => {
    const report = sampleUsageReport();
    report.usage.bots[0] = { ...report.usage.bots[0], botName: '<b>x</b>\n<!channel>' };
    const html = renderUsageEmail(report, { chartCids: {} }).html;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &lt;!channel&gt;');
    expect(html).not.toContain('<b>x');
  });
});
