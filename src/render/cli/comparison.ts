import { CampaignReport } from '../../domain/report-model';
import { comparisonWords } from '../comparison-words';
import { heading } from './table';

/** The comparison with the previous campaign as a section of the terminal report (and the email's text part). */
export function comparisonTableLines(report: CampaignReport): string[] {
  const words = comparisonWords(report);
  if (!words) return [];
  return [
    '',
    ...heading(words.title, '-'),
    ...words.lines.map((text) => `  ${text}`),
    ...(words.note ? [`  ${words.note}`] : []),
  ];
}
