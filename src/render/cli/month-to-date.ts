import { UsageReport } from '../../domain/report-model';
import { monthToDateWords } from '../month-to-date-words';
import { Column, heading, table } from './table';

/** The month-to-date marker under the usage report's title; nothing for a month that has ended. */
export function monthToDateMarkerLines(report: UsageReport): string[] {
  const words = monthToDateWords(report);
  return words ? [words.marker] : [];
}

/** Blocks so far and projected to the month's end, per bot and in total, with the formula. */
export function monthToDateTableLines(report: UsageReport): string[] {
  const words = monthToDateWords(report);
  if (!words) return [];
  const columns: Column[] = [
    { heading: words.columns.voicebot, align: 'left' },
    { heading: words.columns.blocks, align: 'right' },
    { heading: words.columns.projected, align: 'right' },
  ];
  const cells = (row: { label: string; blocks: string; projected: string }) => [row.label, row.blocks, row.projected];
  return [
    '',
    ...heading(words.title, '-'),
    ...table(columns, words.rows.map(cells), [cells(words.total)]),
    words.formula,
  ];
}
