import { renderCampaignTable } from '../../../../src/render/cli/campaign';
import { comparisonTableLines } from '../../../../src/render/cli/comparison';
import { PREVIOUS_NAME, comparedReport, uncomparedReport } from '../comparison-fixture';

describe('the comparison in the terminal report', () => {
  it('is a section after the figures, a line a figure, then the note', () => {
    const lines = comparisonTableLines(comparedReport());
    const title = `Compared with the previous campaign: ${PREVIOUS_NAME} (cmp-0-900)`;
    expect(lines.slice(0, 7)).toEqual([
      '',
      title,
      '-'.repeat(title.length),
      '  Answer rate 41.9% — down 8.1 points on cmp-0-900 (50.0%)',
      '  Contact rate 66.7% — up 16.7 points on cmp-0-900 (50.0%)',
      '  Average call duration 0:03:02 — up 0:00:12 on cmp-0-900 (0:02:50)',
      '  Cost per approached customer 7,119 ₫ — down 381 ₫ on cmp-0-900 (7,500 ₫)',
    ]);
    expect(lines[7]).toMatch(/^ {2}Rates change in percentage points/);
    const table = renderCampaignTable(comparedReport());
    expect(table.indexOf('Compared with the previous campaign')).toBeLessThan(table.indexOf('Result codes\n'));
    expect(table.indexOf('Bot messages')).toBeLessThan(table.indexOf('Compared with the previous campaign'));
  });

  it('says when there is nothing to compare with', () => {
    expect(comparisonTableLines(uncomparedReport())).toEqual([
      '',
      'Compared with the previous campaign',
      '-----------------------------------',
      '  No earlier complete campaign of voicebot bot-debt to compare with yet.',
    ]);
  });
});
