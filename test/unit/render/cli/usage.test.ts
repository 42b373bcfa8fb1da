import { messagesFor } from '../../../../src/render/i18n/messages';
import { renderUsageTable } from '../../../../src/render/cli/usage';
import { sampleUsageReport } from '../fixtures-cmp-1-000';

const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');

describe('renderUsageTable', () => {
  const text = renderUsageTable(sampleUsageReport());

  it('has one row per bot ordered by id, a total row and the footnote', () => {
    const lines = text.split('\n');
    expect(lines.find((line) => line.startsWith('Nhắc nợ'))?.split(/ {2,}/)).toEqual([
      'Nhắc nợ "Tháng", vòng 1 (bot-debt)',
      '43',
      '18',
      '226',
      '80',
      '0:54:38',
      '0:11:20',
    ]);
    expect(lines.find((line) => line.startsWith('Khảo sát'))?.split(/ {2,}/)).toEqual([
      'Khảo sát (bot-survey)',
      '36',
      '7',
      '95',
      '79',
      '0:21:50',
      '0:09:32',
    ]);
    expect(lines.findIndex((line) => line.startsWith('Nhắc nợ'))).toBeLessThan(
      lines.findIndex((line) => line.startsWith('Khảo sát')),
    );
    expect(lines.find((line) => line.startsWith('Total'))?.split(/ {2,}/)).toEqual([
      'Total',
      '79',
      '25',
      '321',
      '159',
      '1:16:29',
      '0:20:52',
    ]);
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
