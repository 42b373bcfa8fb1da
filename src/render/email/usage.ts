import { UsageReport } from '../../domain/report-model';
import { chartImageSource, chartsHtml, notesHtml } from '../html/campaign-html';
import { monthToDateHtml } from '../html/comparison-html';
import { BotUsage } from '../../domain/usage';
import { escapeHtml } from '../html-escape';
import { Cell, HtmlColumn, dataTable, figureTiles, note, sectionHeading, titleBlock } from '../html/report-html';
import { usageKeyFigures } from '../key-figures';
import {
  USAGE_COLUMNS,
  messagesOf,
  singleLine,
  usageChanges,
  usageColumnLabel,
  usageNotes,
  usageValue,
} from '../report-figures';
import { renderUsageTable } from '../cli/usage';
import { chartsText } from './charts-text';
import { emailDocument, emailSection } from './email-document';
import { RenderedEmail } from './rendered-email';

export interface UsageEmailOptions {
  chartCids: Record<string, string>;
}

function usageEmailSubject(report: UsageReport): string {
  const { usage } = report;
  const m = messagesOf(report);
  return m.t('email.usageSubject', {
    month: usage.month,
    account: singleLine(usage.account),
    calls: m.integer(usage.total.totalCalls),
    sessions: m.integer(usage.total.sessions),
    blocks: m.integer(usage.total.blocks),
  });
}

/** The name may wrap between words; the id in brackets never breaks (not even at its hyphens). */
function botCell(bot: BotUsage): Cell {
  const name = singleLine(bot.botName);
  if (!name || name === bot.botId) return { html: `<span class="nowrap">${escapeHtml(bot.botId)}</span>` };
  return { html: `${escapeHtml(name)} <span class="nowrap">(${escapeHtml(bot.botId)})</span>` };
}

function perBotHtml(report: UsageReport): string {
  const { usage } = report;
  const m = messagesOf(report);
  const columns: HtmlColumn[] = [
    { heading: m.t('usage.voicebot') },
    ...USAGE_COLUMNS.map((column): HtmlColumn => ({ heading: usageColumnLabel(column, m), numeric: true })),
  ];
  const rows = usage.bots.map((bot): Cell[] => [
    botCell(bot),
    ...USAGE_COLUMNS.map((column) => usageValue(column, bot, m)),
  ]);
  const total = [[m.t('word.total'), ...USAGE_COLUMNS.map((column) => usageValue(column, usage.total, m))]];
  return (
    sectionHeading(m.t('usage.perVoicebot')) +
    (rows.length === 0 ? note(m.t('usage.none')) : dataTable(columns, rows, total)) +
    note(m.t('usage.scope', { month: usage.month, timeZone: usage.timeZone }))
  );
}

function changesHtml(report: UsageReport): string | null {
  const changes = usageChanges(report);
  if (!changes || !report.previous) return null;
  const m = messagesOf(report);
  const columns: HtmlColumn[] = [
    { heading: m.t('usage.figure') },
    { heading: report.usage.month, numeric: true },
    { heading: report.previous.month, numeric: true },
    { heading: m.t('usage.change'), numeric: true },
    { heading: m.t('usage.changePercent'), numeric: true },
  ];
  const rows = changes.map((c) => [c.label, c.current, c.previous, c.change, c.changePercent]);
  return sectionHeading(m.t('usage.changeVs', { month: report.previous.month })) + dataTable(columns, rows);
}

export function renderUsageEmail(report: UsageReport, options: UsageEmailOptions): RenderedEmail {
  const m = messagesOf(report);
  const subject = usageEmailSubject(report);
  const parts = [
    titleBlock(
      m.t('usage.report'),
      m.t('usage.titleOf', { month: report.usage.month, account: singleLine(report.usage.account) }),
    ),
    figureTiles(usageKeyFigures(report)),
    ...chartsHtml(report, (id) => chartImageSource(options.chartCids, id, 'cid')),
    perBotHtml(report),
    monthToDateHtml(report),
    changesHtml(report),
    notesHtml(report, usageNotes(report)) || null,
  ].filter((part): part is string => part !== null);
  const html = emailDocument({
    title: subject,
    preheader: subject,
    lang: m.language,
    sections: parts.map(emailSection).join(''),
  });
  return { subject, html, text: renderUsageTable(report) + chartsText(report, m.t('chart.heading')) };
}
