import { renderCallsTable } from '../../../../src/render/cli/calls';
import { displayWidth } from '../../../../src/render/cli/table';
import { expected, manyCallRows, sampleCallRows, sampleCallsReport } from '../fixtures-cmp-1-000';

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
    expect(body[0]).toMatch(
      /^2026-10-30 22:36:02 +call-1-0000001 +cus-0-00000 +\+8494\*\*\*\*631 +1 +Error +CU +0:00:00 +0:00:22 +–$/,
    );
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
    const widths = lines
      .slice(header, header + 4)
      .map((line) => displayWidth(line.slice(0, line.indexOf(' +84') + 1 || undefined)));
    const headerPhone = displayWidth(lines[header].slice(0, lines[header].indexOf('Phone')));
    expect(widths.slice(2)).toEqual([headerPhone, headerPhone]);
  });

  it('says how many rows it shows when the list is cut, and handles no rows', () => {
    expect(renderCallsTable(sampleCallsReport(manyCallRows(5), 5000))).toContain('Showing 5 of 5,000 calls.');
    expect(renderCallsTable(sampleCallsReport([], 0))).toContain('No calls match.');
  });
});
