import { monthToDateMarkerLines, monthToDateTableLines } from '../../../../src/render/cli/month-to-date';
import { renderUsageTable } from '../../../../src/render/cli/usage';
import { monthToDateUsageReport } from '../comparison-fixture';
import { sampleUsageReport } from '../fixtures-cmp-1-000';

describe('the month to date in the terminal usage report', () => {
  it('marks the month under the title and tables blocks so far and projected', () => {
    const report = monthToDateUsageReport();
    expect(monthToDateMarkerLines(report)).toEqual(['Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.']);
    expect(monthToDateTableLines(report)).toEqual([
      '',
      "Blocks projected to the month's end",
      '-----------------------------------',
      'Voicebot                            Blocks so far  Projected',
      '----------------------------------  -------------  ---------',
      'Nhắc nợ "Tháng", vòng 1 (bot-debt)             80        413',
      'Khảo sát (bot-survey)                          79        408',
      '----------------------------------  -------------  ---------',
      'Total                                         159        822',
      'Projected = blocks so far × 31 days in the month / 6 days elapsed (today included), rounded half up.',
    ]);
    const table = renderUsageTable(report).split('\n');
    expect(table[3]).toBe('Month to date: 2026-10 is on day 6 of 31 in Asia/Ho_Chi_Minh.');
  });

  it('says nothing of it for a month that has ended', () => {
    expect(monthToDateTableLines(sampleUsageReport())).toEqual([]);
    expect(renderUsageTable(sampleUsageReport())).not.toContain('Month to date');
  });
});
