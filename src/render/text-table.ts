import { CallsReport, CampaignListReport, CampaignReport, RECORDING_LINKS_OFF, UsageReport } from '../domain/report-model';
import { maskPhone } from '../domain/phone-mask';
import { formatDuration, formatInstant, formatInteger, formatPercent } from './format';
import {
  Figure,
  footnoteTexts,
  messagesOf,
  usageNotes,
  usageColumnLabel,
  ResultCodeRow,
  USAGE_COLUMNS,
  botLabel,
  campaignFacts,
  campaignSections,
  describeCallFilter,
  resultCodeRows,
  resultCodeTotalRow,
  showingNote,
  singleLine,
  truncate,
  usageChanges,
  usageValue,
} from './report-figures';

/** Plain-text tables for the CLI (and the email's text part): no ANSI codes, user text on one line. */

type Align = 'left' | 'right';

interface Column {
  heading: string;
  align: Align;
}

/** Columns a terminal gives the text: combining marks (Vietnamese tones in NFD) take none. */
export function displayWidth(text: string): number {
  return [...text.normalize('NFC').replace(/\p{M}/gu, '')].length;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(width - displayWidth(text), 0));
  return align === 'right' ? fill + text : text + fill;
}

function table(columns: readonly Column[], rows: readonly string[][], footer: readonly string[][] = []): string[] {
  const clean = (cells: readonly string[]) => cells.map((cell) => singleLine(cell));
  const body = rows.map(clean);
  const foot = footer.map(clean);
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.heading), ...[...body, ...foot].map((cells) => displayWidth(cells[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    columns.map((column, i) => pad(cells[i] ?? '', widths[i], column.align)).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [line(columns.map((column) => column.heading)), rule, ...body.map(line)];
  if (foot.length > 0) lines.push(rule, ...foot.map(line));
  return lines;
}

function heading(text: string, underline: string): string[] {
  const title = singleLine(text);
  return [title, underline.repeat(Math.max(displayWidth(title), 1))];
}

function figureLines(figures: readonly Figure[], labelWidth: number, valueWidth: number): string[] {
  return figures.map((figure) =>
    `  ${pad(figure.label, labelWidth, 'left')}  ${pad(singleLine(figure.value), valueWidth, 'right')}${
      figure.detail ? `  ${figure.detail}` : ''
    }`.trimEnd(),
  );
}

function numberedNotes(notes: readonly string[]): string[] {
  if (notes.length === 0) return [];
  return ['', ...heading('Notes', '-'), ...notes.map((note, i) => `  ${i + 1}. ${singleLine(note)}`)];
}

export function renderCampaignTable(report: CampaignReport): string {
  const { campaign } = report.overview;
  const facts = campaignFacts(report);
  const factWidth = Math.max(...facts.map((fact) => displayWidth(fact.label)));
  const lines = [
    ...heading(`Campaign report: ${campaign.name}`, '='),
    ...facts.map((fact) => `${pad(fact.label, factWidth, 'left')}  ${singleLine(fact.value)}`),
  ];
  const sections = campaignSections(report);
  const all = sections.flatMap((section) => section.figures);
  const labelWidth = Math.max(...all.map((figure) => displayWidth(figure.label)));
  const valueWidth = Math.max(...all.map((figure) => displayWidth(figure.value)));
  for (const section of sections) {
    lines.push('', ...heading(section.title, '-'), ...figureLines(section.figures, labelWidth, valueWidth));
  }
  lines.push('', ...heading('Result codes', '-'));
  const codes = resultCodeRows(report);
  if (codes.length === 0) lines.push('  No calls yet.');
  else {
    const columns: Column[] = [
      { heading: 'Code', align: 'left' },
      { heading: 'Meaning', align: 'left' },
      { heading: 'Calls', align: 'right' },
      { heading: 'Share', align: 'right' },
    ];
    const cells = (row: ResultCodeRow) => [row.code, row.meaning, row.count, row.share];
    const rows = table(columns, codes.map(cells), [cells(resultCodeTotalRow(report))]);
    lines.push(...rows.map((line) => `  ${line}`), `  ${messagesOf(report).t('resultCodes.shareNote')}`);
  }
  lines.push(...numberedNotes(footnoteTexts(report.footnotes, messagesOf(report), report.unmappedReasons)));
  return `${lines.join('\n')}\n`;
}

const CALL_COLUMNS: readonly Column[] = [
  { heading: 'Started at', align: 'left' },
  { heading: 'Call ID', align: 'left' },
  { heading: 'Customer', align: 'left' },
  { heading: 'Phone', align: 'left' },
  { heading: 'Attempt', align: 'right' },
  { heading: 'Status', align: 'left' },
  { heading: 'Code', align: 'left' },
  { heading: 'Call time', align: 'right' },
  { heading: 'Dialing', align: 'right' },
  { heading: 'Recording', align: 'left' },
];

export function renderCallsTable(report: CallsReport): string {
  const { campaign, locale, timeZone } = report;
  const lines = [
    ...heading(`Calls: ${campaign.name} (${campaign.id})`, '='),
    `Filter: ${describeCallFilter(report.filter, messagesOf(report))}; ${formatInteger(report.totalRows, locale)} calls match; ` +
      `times in ${timeZone}`,
  ];
  const note = showingNote(report.rows.length, report.totalRows, messagesOf(report));
  if (note) lines.push(note);
  lines.push('');
  if (report.rows.length === 0) lines.push('No calls match.');
  else {
    const rows = report.rows.map((row) => [
      formatInstant(row.startedAt, timeZone),
      row.callId,
      row.customerId,
      maskPhone(row.phone),
      String(row.attempt),
      row.status,
      row.resultCode,
      formatDuration(row.callDurationMs),
      formatDuration(row.dialingDurationMs),
      row.recordingLink ?? '–',
    ]);
    lines.push(...table(CALL_COLUMNS, rows));
  }
  lines.push('', 'Phones are masked here; the CSV export has them in full.');
  if (report.recordingLinksOff) lines.push(RECORDING_LINKS_OFF);
  return `${lines.join('\n')}\n`;
}

export function renderUsageTable(report: UsageReport): string {
  const { usage } = report;
  const lines = [
    ...heading(`Usage ${usage.month}: account ${usage.account}`, '='),
    `Calls started in ${usage.month} in ${usage.timeZone}.`,
    '',
  ];
  const columns: Column[] = [
    { heading: 'Voicebot', align: 'left' },
    ...USAGE_COLUMNS.map((column): Column => ({ heading: usageColumnLabel(column, messagesOf(report)), align: 'right' })),
  ];
  const rows = usage.bots.map((bot) => [botLabel(bot), ...USAGE_COLUMNS.map((col) => usageValue(col, bot, messagesOf(report)))]);
  const total = [['Total', ...USAGE_COLUMNS.map((column) => usageValue(column, usage.total, messagesOf(report)))]];
  lines.push(...table(columns, rows, total));
  const changes = usageChanges(report);
  if (changes && report.previous) {
    const changeColumns: Column[] = [
      { heading: 'Figure', align: 'left' },
      { heading: usage.month, align: 'right' },
      { heading: report.previous.month, align: 'right' },
      { heading: 'Change', align: 'right' },
      { heading: 'Change %', align: 'right' },
    ];
    const changeRows = changes.map((change) => [
      change.label,
      change.current,
      change.previous,
      change.change,
      change.changePercent,
    ]);
    lines.push('', ...heading(`Change vs ${report.previous.month}`, '-'), ...table(changeColumns, changeRows));
  }
  lines.push(...numberedNotes(usageNotes(report)));
  return `${lines.join('\n')}\n`;
}

const LIST_COLUMNS: readonly Column[] = [
  { heading: 'Campaign', align: 'left' },
  { heading: 'Name', align: 'left' },
  { heading: 'Voicebot', align: 'left' },
  { heading: 'State', align: 'left' },
  { heading: 'Calls', align: 'right' },
  { heading: 'Answer rate', align: 'right' },
  { heading: 'Last call', align: 'left' },
];

export const LIST_NAME_MAX_CHARS = 40;

export function renderCampaignListTable(report: CampaignListReport): string {
  const { locale, timeZone } = report;
  const lines = [...heading(`Campaigns (${report.filter})`, '='), `Times in ${timeZone}.`, ''];
  if (report.campaigns.length === 0) lines.push('No campaigns.');
  else {
    const rows = report.campaigns.map((entry) => [
      entry.id,
      truncate(singleLine(entry.name), LIST_NAME_MAX_CHARS),
      entry.botId,
      entry.state,
      formatInteger(entry.totalCalls, locale),
      formatPercent(entry.answerRate, locale),
      formatInstant(entry.lastCallAt, timeZone),
    ]);
    lines.push(...table(LIST_COLUMNS, rows), '', messagesOf(report).t('list.answerRateNote'));
  }
  return `${lines.join('\n')}\n`;
}
