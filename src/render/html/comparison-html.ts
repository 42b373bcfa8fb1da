import { CampaignReport, UsageReport } from '../../domain/report-model';
import { comparisonWords } from '../comparison-words';
import { escapeHtml } from '../html-escape';
import { monthToDateWords } from '../month-to-date-words';
import { HtmlColumn, dataTable, note, sectionHeading } from './report-html';

/** The comparison with the previous campaign, for the email and the page: a heading, a line a figure, the note. */
export function comparisonHtml(report: CampaignReport): string {
  const words = comparisonWords(report);
  if (!words) return '';
  return (
    sectionHeading(words.title) +
    words.lines.map((line) => `<p class="comparison">${escapeHtml(line)}</p>`).join('') +
    (words.note ? note(words.note) : '')
  );
}

/** The month to date of a usage report: the marker, blocks so far and projected per bot and in total, the formula. */
export function monthToDateHtml(report: UsageReport): string | null {
  const words = monthToDateWords(report);
  if (!words) return null;
  const columns: HtmlColumn[] = [
    { heading: words.columns.voicebot },
    { heading: words.columns.blocks, numeric: true },
    { heading: words.columns.projected, numeric: true },
  ];
  const cells = (row: { label: string; blocks: string; projected: string }) => [row.label, row.blocks, row.projected];
  return (
    `<p class="month-to-date"><strong>${escapeHtml(words.marker)}</strong></p>` +
    sectionHeading(words.title) +
    dataTable(columns, words.rows.map(cells), [cells(words.total)]) +
    note(words.formula)
  );
}
