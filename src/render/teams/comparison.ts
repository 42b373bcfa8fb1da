import { CampaignReport, UsageReport } from '../../domain/report-model';
import { comparisonWords } from '../comparison-words';
import { monthToDateWords } from '../month-to-date-words';
import { CardElement, escapeCardMarkdown, factSet, heading, note, text } from './card';

/** The comparison with the previous campaign: a heading, a line a figure, and the note with the formulas. */
export function comparisonElements(report: CampaignReport): CardElement[] {
  const words = comparisonWords(report);
  if (!words) return [];
  return [
    heading(escapeCardMarkdown(words.title)),
    ...words.lines.map((line) => text(escapeCardMarkdown(line), { spacing: 'Small' })),
    ...(words.note ? [note(escapeCardMarkdown(words.note))] : []),
  ];
}

/** The month to date: the marker, blocks so far → projected for the first `botCount` bots and in total, the formula. */
export function monthToDateElements(report: UsageReport, botCount: number): CardElement[] {
  const words = monthToDateWords(report);
  if (!words) return [];
  const fact = (row: { label: string; blocks: string; projected: string }) => ({
    title: escapeCardMarkdown(row.label),
    value: escapeCardMarkdown(`${row.blocks} → ${row.projected}`),
  });
  return [
    text(escapeCardMarkdown(words.marker), { weight: 'Bolder', color: 'Accent', spacing: 'Medium' }),
    heading(escapeCardMarkdown(`${words.title} (${words.columns.blocks} → ${words.columns.projected})`)),
    factSet([...words.rows.slice(0, botCount).map(fact), fact(words.total)]),
    note(escapeCardMarkdown(words.formula)),
  ];
}
