import { UsageReport } from '../../domain/report-model';
import {
  USAGE_COLUMNS,
  botLabel,
  messagesOf,
  usageChanges,
  usageColumnLabel,
  usageNotes,
  usageValue,
} from '../report-figures';
import { monthToDateMarkerLines, monthToDateTableLines } from './month-to-date';
import { Column, heading, lines, numberedNotes, table } from './table';

export function renderUsageTable(report: UsageReport): string {
  const { usage } = report;
  const m = messagesOf(report);
  const out = [
    ...heading(m.t('usage.titleOf', { month: usage.month, account: usage.account }), '='),
    m.t('usage.scope', { month: usage.month, timeZone: usage.timeZone }),
    ...monthToDateMarkerLines(report),
    '',
  ];
  const columns: Column[] = [
    { heading: m.t('usage.voicebot'), align: 'left' },
    ...USAGE_COLUMNS.map((column): Column => ({ heading: usageColumnLabel(column, m), align: 'right' })),
  ];
  const rows = usage.bots.map((bot) => [botLabel(bot), ...USAGE_COLUMNS.map((column) => usageValue(column, bot, m))]);
  const total = [[m.t('word.total'), ...USAGE_COLUMNS.map((column) => usageValue(column, usage.total, m))]];
  out.push(...table(columns, rows, total), ...monthToDateTableLines(report));
  const changes = usageChanges(report);
  if (changes && report.previous) {
    const changeColumns: Column[] = [
      { heading: m.t('usage.figure'), align: 'left' },
      { heading: usage.month, align: 'right' },
      { heading: report.previous.month, align: 'right' },
      { heading: m.t('usage.change'), align: 'right' },
      { heading: m.t('usage.changePercent'), align: 'right' },
    ];
    const changeRows = changes.map((change) => [
      change.label,
      change.current,
      change.previous,
      change.change,
      change.changePercent,
    ]);
    out.push(
      '',
      ...heading(m.t('usage.changeVs', { month: report.previous.month }), '-'),
      ...table(changeColumns, changeRows),
    );
  }
  out.push(...numberedNotes(usageNotes(report), m.t('word.notes')));
  return lines(out);
}
