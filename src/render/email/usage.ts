import { UsageReport } from '../../domain/report-model';
import { formatInteger } from '../format';
import { chartImageSource, footnotesHtml } from '../html/campaign-html';
import { HtmlColumn, chartFigure, dataTable, note, sectionHeading, titleBlock } from '../html/report-html';
import { renderUsageTable } from '../cli/usage';
import { USAGE_COLUMNS, botLabel, messagesOf, singleLine, usageChanges, usageColumnLabel, usageNotes, usageValue } from '../report-figures';
import { chartsText } from './charts-text';
import { emailDocument, emailSection } from './email-document';
import { RenderedEmail } from './rendered-email';

export interface UsageEmailOptions {
  chartCids: Record<string, string>;
}

function usageEmailSubject(report: UsageReport): string {
  const { usage, locale } = report;
  const n = (value: number) => formatInteger(value, locale);
  return (
    `Usage report ${usage.month} (${singleLine(usage.account)}): ${n(usage.total.totalCalls)} calls, ` +
    `${n(usage.total.sessions)} sessions, ${n(usage.total.blocks)} blocks`
  );
}

function perBotHtml(report: UsageReport): string {
  const { usage } = report;
  const m = messagesOf(report);
  const columns: HtmlColumn[] = [
    { heading: 'Voicebot' },
    ...USAGE_COLUMNS.map((column): HtmlColumn => ({ heading: usageColumnLabel(column, m), numeric: true })),
  ];
  const rows = usage.bots.map((bot) => [botLabel(bot), ...USAGE_COLUMNS.map((col) => usageValue(col, bot, m))]);
  const total = [['Total', ...USAGE_COLUMNS.map((column) => usageValue(column, usage.total, m))]];
  return (
    sectionHeading('Per voicebot') +
    (rows.length === 0 ? note('No calls this month.') : dataTable(columns, rows, total)) +
    note(`Calls started in ${usage.month} in ${usage.timeZone}.`)
  );
}

function changesHtml(report: UsageReport): string | null {
  const changes = usageChanges(report);
  if (!changes || !report.previous) return null;
  const columns: HtmlColumn[] = [
    { heading: 'Figure' },
    { heading: report.usage.month, numeric: true },
    { heading: report.previous.month, numeric: true },
    { heading: 'Change', numeric: true },
    { heading: 'Change %', numeric: true },
  ];
  const rows = changes.map((c) => [c.label, c.current, c.previous, c.change, c.changePercent]);
  return sectionHeading(`Change vs ${report.previous.month}`) + dataTable(columns, rows);
}

export function renderUsageEmail(report: UsageReport, options: UsageEmailOptions): RenderedEmail {
  const subject = usageEmailSubject(report);
  const notes = usageNotes(report);
  const parts = [
    titleBlock('Monthly usage report', `${report.usage.month}: account ${singleLine(report.usage.account)}`),
    ...report.charts.map((chart) => chartFigure(chart, chartImageSource(options.chartCids, chart.id, 'cid'), singleLine(chart.caption))),
    perBotHtml(report),
    changesHtml(report),
    notes.length > 0 ? footnotesHtml(notes) : null,
  ].filter((part): part is string => part !== null);
  const html = emailDocument({ title: subject, preheader: subject, lang: report.locale.split('-')[0], sections: parts.map(emailSection).join('') });
  return { subject, html, text: renderUsageTable(report) + chartsText(report.charts) };
}
