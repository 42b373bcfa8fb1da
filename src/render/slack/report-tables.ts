import { maskPhone } from '../../domain/phone-mask';
import { phoneOrReason, removedReason } from '../personal-data-removed';
import { BotUsage, EMPTY_USAGE, UsageFigures } from '../../domain/usage';
import { CallsReport, CampaignReport, UsageReport } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import {
  USAGE_COLUMNS,
  botLabel,
  messagesOf,
  resultCodeRows,
  resultCodeTotalRow,
  signedChange,
  singleLine,
  usageColumnLabel,
  usageValue,
} from '../report-figures';
import { escapeSlackText } from './escape';
import {
  DataTableBlock,
  MAX_DATA_TABLE_PAGE_SIZE,
  TableBlock,
  dataTableBlock,
  linkCell,
  numberCell,
  tableBlock,
  textCell,
} from './tables';

/** User text in a cell: one line, escaped like every text Slack shows. */
const cellText = (raw: string) => textCell(escapeSlackText(singleLine(raw)));

/** The result codes as a `table`: code, meaning, calls, share, and the total. */
export function resultCodesTable(report: CampaignReport): TableBlock | null {
  const m = messagesOf(report);
  const rows = resultCodeRows(report);
  if (rows.length === 0) return null;
  const total = resultCodeTotalRow(report);
  const more = (n: number) => m.t('resultCodes.more', { count: m.integer(n) });
  const cells = [...rows, total].map((row) => [
    cellText(row.code),
    cellText(row.meaning),
    textCell(row.count),
    textCell(row.share),
  ]);
  const header = ['resultCodes.code', 'resultCodes.meaning', 'resultCodes.calls', 'resultCodes.share'] as const;
  return tableBlock(
    header.map((key) => m.t(key)),
    cells,
    { numeric: [2, 3], more },
  );
}

/** A figure with its change from the month before in brackets, when there is one. */
function usageCell(figures: UsageFigures, previous: UsageFigures | null, m: Messages) {
  return USAGE_COLUMNS.map((column) => {
    const value = usageValue(column, figures, m);
    const change = previous ? ` (${signedChange(column, figures[column.key], previous[column.key], m)})` : '';
    return textCell(`${value}${change}`);
  });
}

/** The usage per voicebot as a `table`, the total last. */
export function usageTable(report: UsageReport): TableBlock | null {
  const { usage, previous } = report;
  if (usage.bots.length === 0) return null;
  const m = messagesOf(report);
  const previousOf = (bot: BotUsage): UsageFigures | null =>
    previous ? (previous.bots.find((candidate) => candidate.botId === bot.botId) ?? EMPTY_USAGE) : null;
  const rows = [
    ...usage.bots.map((bot) => [cellText(botLabel(bot)), ...usageCell(bot, previousOf(bot), m)]),
    [textCell(m.t('word.total')), ...usageCell(usage.total, previous?.total ?? null, m)],
  ];
  const more = (n: number) => m.t('usage.moreBots', { count: m.integer(n) });
  const header = [m.t('fact.voicebot'), ...USAGE_COLUMNS.map((column) => usageColumnLabel(column, m))];
  return tableBlock(header, rows, { numeric: USAGE_COLUMNS.map((_, i) => i + 1), more });
}

/** Rows of the calls `data_table` shown per page. */
export const CALLS_TABLE_PAGE_SIZE = 10;

/**
 * The calls as a `data_table` (sortable, paged): time, status, code, durations, customer, masked phone,
 * attempt, call id and a recording link per row; `shown` is how many rows fit.
 */
export function callsDataTable(report: CallsReport): { block: DataTableBlock; shown: number } | null {
  const m = messagesOf(report);
  const header = [
    m.t('calls.column.startedAt'),
    m.t('calls.column.status'),
    m.t('calls.column.code'),
    m.t('calls.column.callDuration'),
    m.t('calls.column.dialingDuration'),
    m.t('calls.column.customer'),
    m.t('calls.column.phone'),
    m.t('calls.column.attempt'),
    m.t('calls.column.callId'),
    m.t('calls.column.recording'),
  ];
  const rows = report.rows.map((row) => [
    textCell(m.instant(row.startedAt, report.timeZone)),
    textCell(m.callStatus(row.status)),
    cellText(row.resultCode),
    numberCell(Math.round(row.callDurationMs / 1000), m.duration(row.callDurationMs)),
    numberCell(Math.round(row.dialingDurationMs / 1000), m.duration(row.dialingDurationMs)),
    cellText(row.customerId),
    cellText(phoneOrReason(row, m, maskPhone)),
    numberCell(row.attempt, m.integer(row.attempt)),
    cellText(row.callId),
    row.recordingLink ? linkCell(row.recordingLink, m.t('action.listen')) : textCell(removedReason(row, m) ?? ''),
  ]);
  const caption = m.t('calls.titleOf', { name: singleLine(report.campaign.name), id: report.campaign.id });
  return dataTableBlock(caption, header, rows, Math.min(CALLS_TABLE_PAGE_SIZE, MAX_DATA_TABLE_PAGE_SIZE));
}
