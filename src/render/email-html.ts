import { maskPhone } from '../domain/phone-mask';
import { CallRow, CallsReport, CampaignReport, ChartSpec, UsageReport } from '../domain/report-model';
import { formatDuration, formatInstant, formatInteger, formatPercent } from './format';
import { escapeHtml, safeUrlAttribute } from './html-escape';
import {
  Figure,
  footnoteTexts,
  messagesOf,
  usageColumnLabel,
  usageNotes,
  USAGE_COLUMNS,
  botLabel,
  campaignFacts,
  campaignSections,
  resultCodeRows,
  resultCodeTotalRow,
  showingNote,
  singleLine,
  statusText,
  truncate,
  usageChanges,
  usageValue,
} from './report-figures';
import { renderCallsTable } from './cli/calls';
import { renderCampaignTable } from './cli/campaign';
import { renderUsageTable } from './cli/usage';
import { largestFitting } from './largest-fitting';

/**
 * The email (and web "full report") renderers. Email clients (Gmail, Outlook's Word engine) drop <style>
 * blocks and remote images, so the layout is nested tables with inline styles, and charts are cid: parts.
 */

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface CampaignEmailOptions {
  /** Chart id -> Content-ID of the attached PNG. A chart without one is described in words instead. */
  chartCids: Record<string, string>;
  fullReportUrl?: string;
  /** When given, the first rows of the detailed report are shown in the body. */
  detailRows?: CallsReport;
}

export interface UsageEmailOptions {
  chartCids: Record<string, string>;
}

export interface FullReportPageOptions {
  /** Chart id -> data:image/png;base64,… URI. */
  chartDataUris: Record<string, string>;
}

/** The email shows at most this many calls (the attached CSV has them all)... */
export const EMAIL_DETAIL_ROW_LIMIT = 50;
/** ...and fewer when needed to keep its HTML under Gmail's clipping size (~102 KB), with room to spare. */
export const EMAIL_HTML_MAX_BYTES = 90 * 1024;
const SUBJECT_NAME_MAX_CHARS = 120;
const CONTENT_WIDTH = 600;

// Outlook's Word engine does not inherit fonts into table cells, so every cell names its font; kept short
// because a long calls table repeats it thousands of times.
const FONT = 'font-family:Arial,sans-serif;';
const MUTED = 'color:#616061;';
const TH_STYLE = `${FONT}font-size:13px;padding:5px 6px;border-bottom:2px solid #d0d4d9;`;
const TD_STYLE = `${FONT}font-size:13px;padding:5px 6px;border-bottom:1px solid #e8eaed;`;

type Cell = string | { html: string };

interface HtmlColumn {
  heading: string;
  numeric?: boolean;
}

const cellHtml = (cell: Cell) => (typeof cell === 'string' ? escapeHtml(cell) : cell.html);
const TABLE_ATTRIBUTES = 'cellpadding="0" cellspacing="0" border="0"';
const presentation = (extra = '') =>
  `<table role="presentation" width="100%" ${TABLE_ATTRIBUTES} style="border-collapse:collapse;${extra}">`;

function dataTable(columns: readonly HtmlColumn[], rows: readonly Cell[][], footer: readonly Cell[][] = []): string {
  const align = (column: HtmlColumn) => (column.numeric ? 'right' : 'left');
  const head = columns
    .map((column) => `<th align="${align(column)}" style="${TH_STYLE}">${escapeHtml(column.heading)}</th>`)
    .join('');
  const row = (cells: readonly Cell[], bold: boolean) => {
    const style = `${TD_STYLE}${bold ? 'font-weight:bold;' : ''}`;
    const tds = columns.map(
      (column, i) => `<td align="${align(column)}" style="${style}">${cellHtml(cells[i] ?? '')}</td>`,
    );
    return `<tr>${tds.join('')}</tr>`;
  };
  return (
    `<table width="100%" ${TABLE_ATTRIBUTES} style="border-collapse:collapse;">` +
    `<thead><tr>${head}</tr></thead><tbody>${rows.map((cells) => row(cells, false)).join('')}` +
    `${footer.map((cells) => row(cells, true)).join('')}</tbody></table>`
  );
}

function sectionHeading(title: string): string {
  return `<h2 style="${FONT}font-size:17px;line-height:22px;margin:0 0 8px 0;color:#1d1c1d;">${escapeHtml(title)}</h2>`;
}

function paragraph(text: string, style = ''): string {
  return `<p style="${FONT}font-size:12px;line-height:17px;margin:6px 0 0 0;${MUTED}${style}">${escapeHtml(text)}</p>`;
}

function section(inner: string): string {
  return `<tr><td style="padding:12px 20px;">${inner}</td></tr>`;
}

function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const detail = figure.detail
      ? `<div style="${FONT}font-size:12px;line-height:16px;${MUTED}">${escapeHtml(figure.detail)}</div>`
      : '';
    return (
      `<tr><td valign="top" style="${TD_STYLE}">${escapeHtml(figure.label)}${detail}</td>` +
      `<td valign="top" align="right" style="${TD_STYLE}text-align:right;font-weight:bold;white-space:nowrap;">` +
      `${escapeHtml(figure.value)}</td></tr>`
    );
  });
  return `${presentation()}${rows.join('')}</table>`;
}

function chartBlock(chart: ChartSpec, src: string | null): string {
  const caption =
    `<div style="${FONT}font-size:14px;font-weight:bold;margin:0 0 6px 0;">${escapeHtml(singleLine(chart.title))}</div>`;
  if (!src) return caption + paragraph(chart.altText, 'font-size:13px;');
  return (
    caption +
    `<img src="${src}" alt="${escapeHtml(chart.altText)}" width="${CONTENT_WIDTH - 40}" ` +
    `style="display:block;width:100%;max-width:${CONTENT_WIDTH - 40}px;height:auto;border:0;outline:none;">`
  );
}

/** Only cid: (email) or data:image/ (web page) sources: never a remote image. */
function imageSource(sources: Record<string, string>, chartId: string, scheme: 'cid' | 'data'): string | null {
  const value = sources[chartId];
  if (!value) return null;
  if (scheme === 'cid') return `cid:${escapeHtml(value.replace(/^cid:/i, '').replace(/[<>\s]/g, ''))}`;
  return /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(value) ? escapeHtml(value) : null;
}

function button(url: string, label: string): string {
  const href = safeUrlAttribute(url);
  if (!href) return '';
  return section(
    `<a href="${href}" style="${FONT}display:inline-block;padding:10px 18px;background-color:#1264a3;color:#ffffff;` +
      `font-size:14px;font-weight:bold;text-decoration:none;border-radius:4px;">${escapeHtml(label)}</a>`,
  );
}

function footnotes(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((note, i) => paragraph(`${i + 1}. ${note}`)).join('');
  return section(`${sectionHeading('Notes')}${items}`);
}

function documentHtml(title: string, preheader: string, rows: string, wide: boolean): string {
  const width = wide ? 960 : CONTENT_WIDTH + 40;
  return (
    '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background-color:#f4f5f7;">` +
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>` +
    `${presentation('background-color:#f4f5f7;')}<tr><td align="center" style="padding:16px 8px;">` +
    `<table role="presentation" width="${width}" cellpadding="0" cellspacing="0" border="0" ` +
    `style="border-collapse:collapse;width:${width}px;max-width:100%;background-color:#ffffff;">` +
    `${rows}</table></td></tr></table></body></html>`
  );
}

/** A small kicker ("Campaign report") over the large title that starts every email. */
function titleBlock(kicker: string, title: string): string {
  return (
    `<div style="${FONT}font-size:13px;${MUTED}">${escapeHtml(kicker)}</div>` +
    `<h1 style="${FONT}font-size:22px;line-height:28px;margin:4px 0 8px 0;color:#1d1c1d;">${escapeHtml(title)}</h1>`
  );
}

function campaignHeader(report: CampaignReport): string {
  const { campaign } = report.overview;
  const badge =
    `<div style="${FONT}display:inline-block;font-size:12px;font-weight:bold;color:#ffffff;` +
    `background-color:${campaign.final ? '#007a5a' : '#b25e00'};padding:3px 8px;border-radius:3px;margin:0 0 8px 0;">` +
    `${escapeHtml(statusText(report))}</div>`;
  const labelStyle = `${FONT}font-size:13px;padding:2px 12px 2px 0;${MUTED}white-space:nowrap;`;
  const facts = campaignFacts(report).map(
    (fact) =>
      `<tr><td style="${labelStyle}">${escapeHtml(fact.label)}</td>` +
      `<td style="${FONT}font-size:13px;padding:2px 0;">${escapeHtml(singleLine(fact.value))}</td></tr>`,
  );
  return section(
    titleBlock('Campaign report', singleLine(campaign.name)) +
      badge +
      `<table role="presentation" ${TABLE_ATTRIBUTES} style="border-collapse:collapse;">${facts.join('')}</table>`,
  );
}

function resultCodesSection(report: CampaignReport): string {
  const rows = resultCodeRows(report).map((row) => [row.code, row.meaning, row.count, row.share]);
  if (rows.length === 0) return section(sectionHeading('Result codes') + paragraph('No calls yet.'));
  const columns: HtmlColumn[] = [
    { heading: 'Code' },
    { heading: 'Meaning' },
    { heading: 'Calls', numeric: true },
    { heading: 'Share', numeric: true },
  ];
  const totalRow = resultCodeTotalRow(report);
  const total = [[totalRow.code, totalRow.meaning, totalRow.count, totalRow.share]];
  return section(sectionHeading('Result codes') + dataTable(columns, rows, total) + paragraph(messagesOf(report).t('resultCodes.shareNote')));
}

/** The overview, shared by the email and the web page; charts come from `chartSource`. */
function campaignBody(
  report: CampaignReport,
  chartSource: (chartId: string) => string | null,
  fullReportUrl?: string,
): string {
  const parts = [campaignHeader(report)];
  if (fullReportUrl) parts.push(button(fullReportUrl, 'Open full report'));
  for (const { title, figures } of campaignSections(report)) {
    parts.push(section(sectionHeading(title) + figureTable(figures)));
  }
  parts.push(resultCodesSection(report));
  for (const chart of report.charts) parts.push(section(chartBlock(chart, chartSource(chart.id))));
  return parts.join('');
}

interface CallColumn extends HtmlColumn {
  cell: (row: CallRow, calls: CallsReport) => Cell;
}

function recordingCell(row: CallRow, player: boolean): Cell {
  const src = row.recordingLink ? safeUrlAttribute(row.recordingLink) : null;
  if (!src) return '–';
  return player
    ? { html: `<audio controls preload="none" src="${src}"><a href="${src}">Listen</a></audio>` }
    : { html: `<a href="${src}" style="color:#1264a3;">Listen</a>` };
}

const STARTED: CallColumn = {
  heading: 'Started at',
  cell: (row, calls) => formatInstant(row.startedAt, calls.timeZone),
};
const CALL_ID: CallColumn = { heading: 'Call ID', cell: (row) => row.callId };
const CUSTOMER: CallColumn = { heading: 'Customer', cell: (row) => row.customerId };
const PHONE: CallColumn = { heading: 'Phone', cell: (row) => maskPhone(row.phone) };
const ATTEMPT: CallColumn = { heading: 'Attempt', numeric: true, cell: (row) => String(row.attempt) };
const STATUS: CallColumn = { heading: 'Status', cell: (row) => row.status };
const CODE: CallColumn = { heading: 'Code', cell: (row) => row.resultCode };
const CALL_TIME: CallColumn = { heading: 'Call time', numeric: true, cell: (row) => formatDuration(row.callDurationMs) };
const DIALING: CallColumn = { heading: 'Dialing', numeric: true, cell: (row) => formatDuration(row.dialingDurationMs) };

/** The web page has room for every column; the 600 px email keeps the ones a reader scans for. */
const PAGE_CALL_COLUMNS: readonly CallColumn[] = [
  STARTED, CALL_ID, CUSTOMER, PHONE, ATTEMPT, STATUS, CODE, CALL_TIME, DIALING,
  { heading: 'Recording', cell: (row) => recordingCell(row, true) },
];
const EMAIL_CALL_COLUMNS: readonly CallColumn[] = [
  STARTED, CUSTOMER, PHONE, ATTEMPT, CODE, CALL_TIME,
  { heading: 'Listen', cell: (row) => recordingCell(row, false) },
];

function callsSection(
  calls: CallsReport,
  rows: readonly CallRow[],
  columns: readonly CallColumn[],
  extraNote: string | null,
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row, calls)));
  const notes = [
    `Times in ${calls.timeZone}. Phones are masked; the CSV export has them in full.`,
    showingNote(rows.length, calls.totalRows, messagesOf(calls)),
    extraNote,
  ].filter((note): note is string => note !== null);
  const body = cells.length === 0 ? paragraph('No calls match.') : dataTable(columns, cells);
  return section(sectionHeading('Calls') + body + notes.map((note) => paragraph(note)).join(''));
}

const CSV_NOTE = 'The attached CSV lists every call.';
const byteLength = (html: string) => Buffer.byteLength(html, 'utf8');

function campaignEmailSubject(report: CampaignReport): string {
  const { campaign } = report.overview;
  const name = truncate(singleLine(campaign.name), SUBJECT_NAME_MAX_CHARS);
  const state = `${campaign.final ? 'final' : 'preliminary'}${report.updated ? ', updated' : ''}`;
  const answerRate = formatPercent(report.overview.rates.answerRate, report.locale);
  return `Campaign report: ${name} — answer rate ${answerRate} (${state})`;
}

function chartsText(charts: readonly ChartSpec[]): string {
  if (charts.length === 0) return '';
  const lines = charts.map((chart) => `  ${singleLine(chart.title)}: ${singleLine(chart.altText)}`);
  return `\nCharts\n------\n${lines.join('\n')}\n`;
}

export function renderCampaignEmail(report: CampaignReport, options: CampaignEmailOptions): RenderedEmail {
  const subject = campaignEmailSubject(report);
  const body = campaignBody(report, (id) => imageSource(options.chartCids, id, 'cid'), options.fullReportUrl);
  let text = renderCampaignTable(report) + chartsText(report.charts);
  const notes = footnotes(footnoteTexts(report.footnotes, messagesOf(report)));
  const detail = options.detailRows;
  const html = (rows: readonly CallRow[]) => {
    const calls = detail ? callsSection(detail, rows, EMAIL_CALL_COLUMNS, CSV_NOTE) : '';
    return documentHtml(subject, subject, body + calls + notes, false);
  };
  let shown: CallRow[] = [];
  if (detail) {
    const candidates = detail.rows.slice(0, EMAIL_DETAIL_ROW_LIMIT);
    const fits = (n: number) => byteLength(html(candidates.slice(0, n))) <= EMAIL_HTML_MAX_BYTES;
    const count = largestFitting(candidates.length, fits);
    shown = candidates.slice(0, count);
    text += `\n${renderCallsTable({ ...detail, rows: shown })}`;
  }
  if (options.fullReportUrl) text += `\nOpen full report: ${singleLine(options.fullReportUrl)}\n`;
  return { subject, html: html(shown), text };
}

export function renderFullReportPage(
  report: CampaignReport,
  calls: CallsReport,
  options: FullReportPageOptions,
): string {
  const title = `Campaign report: ${singleLine(report.overview.campaign.name)}`;
  const body =
    campaignBody(report, (id) => imageSource(options.chartDataUris, id, 'data')) +
    callsSection(calls, calls.rows, PAGE_CALL_COLUMNS, null) +
    footnotes(footnoteTexts(report.footnotes, messagesOf(report)));
  return documentHtml(title, campaignEmailSubject(report), body, true);
}

function usageEmailSubject(report: UsageReport): string {
  const { usage, locale } = report;
  const n = (value: number) => formatInteger(value, locale);
  return (
    `Usage report ${usage.month} (${singleLine(usage.account)}): ${n(usage.total.totalCalls)} calls, ` +
    `${n(usage.total.sessions)} sessions, ${n(usage.total.blocks)} blocks`
  );
}

function usageTables(report: UsageReport): string {
  const { usage } = report;
  const columns: HtmlColumn[] = [
    { heading: 'Voicebot' },
    ...USAGE_COLUMNS.map((column): HtmlColumn => ({ heading: usageColumnLabel(column, messagesOf(report)), numeric: true })),
  ];
  const rows = usage.bots.map((bot) => [botLabel(bot), ...USAGE_COLUMNS.map((col) => usageValue(col, bot, messagesOf(report)))]);
  const total = [['Total', ...USAGE_COLUMNS.map((column) => usageValue(column, usage.total, messagesOf(report)))]];
  let html = section(
    sectionHeading('Per voicebot') +
      (rows.length === 0 ? paragraph('No calls this month.') : dataTable(columns, rows, total)) +
      paragraph(`Calls started in ${usage.month} in ${usage.timeZone}.`),
  );
  const changes = usageChanges(report);
  if (changes && report.previous) {
    const changeColumns: HtmlColumn[] = [
      { heading: 'Figure' },
      { heading: usage.month, numeric: true },
      { heading: report.previous.month, numeric: true },
      { heading: 'Change', numeric: true },
      { heading: 'Change %', numeric: true },
    ];
    const changeRows = changes.map((c) => [c.label, c.current, c.previous, c.change, c.changePercent]);
    html += section(sectionHeading(`Change vs ${report.previous.month}`) + dataTable(changeColumns, changeRows));
  }
  return html;
}

export function renderUsageEmail(report: UsageReport, options: UsageEmailOptions): RenderedEmail {
  const subject = usageEmailSubject(report);
  const header = section(
    titleBlock('Monthly usage report', `${report.usage.month}: account ${singleLine(report.usage.account)}`),
  );
  const charts = report.charts
    .map((chart) => section(chartBlock(chart, imageSource(options.chartCids, chart.id, 'cid'))))
    .join('');
  const notes = usageNotes(report);
  const html = documentHtml(subject, subject, header + usageTables(report) + charts + footnotes(notes), false);
  return { subject, html, text: renderUsageTable(report) + chartsText(report.charts) };
}
