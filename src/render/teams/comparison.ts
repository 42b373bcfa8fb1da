import { CampaignReport, UsageReport } from '../../domain/report-model';
import { comparisonWords } from '../comparison-words';
import { monthToDateWords } from '../month-to-date-words';
import { CardElement, literal, literalFacts, note } from './card';

/** A heading whose words may carry ids (`cmp_1`): a TextRun, so no client reads them as Markdown. */
const literalHeading = (value: string) => literal(value, { spacing: 'Medium' }, { weight: 'Bolder', size: 'Medium' });

/** The comparison with the previous campaign: a heading, a line a figure, and the note with the formulas. */
export function comparisonElements(report: CampaignReport): CardElement[] {
  const words = comparisonWords(report);
  if (!words) return [];
  return [
    literalHeading(words.title),
    ...words.lines.map((line) => literal(line, { spacing: 'Small' })),
    ...(words.note ? [note(words.note)] : []),
  ];
}

/** The month to date: the marker, blocks so far → projected for the first `botCount` bots and in total, the formula. */
export function monthToDateElements(report: UsageReport, botCount: number): CardElement[] {
  const words = monthToDateWords(report);
  if (!words) return [];
  const fact = (row: { label: string; blocks: string; projected: string }) => ({
    title: row.label,
    value: `${row.blocks} → ${row.projected}`,
  });
  return [
    literal(words.marker, { spacing: 'Medium' }, { weight: 'Bolder', color: 'Accent' }),
    literalHeading(`${words.title} (${words.columns.blocks} → ${words.columns.projected})`),
    literalFacts([...words.rows.slice(0, botCount).map(fact), fact(words.total)]),
    note(words.formula),
  ];
}
