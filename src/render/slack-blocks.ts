import { CallStatus } from '../domain/call-status';
import { CampaignState } from '../domain/campaign-overview';
import { maskPhone } from '../domain/phone-mask';
import {
  CallFilter,
  CallRow,
  CallsReport,
  CampaignListReport,
  CampaignReport,
  ChartSpec,
  UsageReport,
} from '../domain/report-model';
import { BotUsage, UsageFigures } from '../domain/usage';
import { chartLabels } from './chart-spec';
import { chartsOf } from './chart-words';
import { messagesFor } from './i18n/messages';
import { formatDuration, formatInstant, formatInteger, formatMoney, formatPercent } from './format';
import {
  Block,
  ButtonElement,
  SlackMessage,
  actionsBlocks,
  buttonElement,
  contextBlock,
  fieldSections,
  fitBlocks,
  headerBlock,
  imageBlock,
  sectionBlock,
} from './slack-block-kit';
import { escapeSlackText } from './slack-escape';
import {
  ELLIPSIS,
  MAX_BLOCKS,
  MAX_HEADER_TEXT,
  MAX_MESSAGE_TEXT,
  MAX_SECTION_TEXT,
  chunkLines,
  fitLines,
  truncateText,
} from './slack-limits';
import {
  FigureSection,
  USAGE_COLUMNS,
  botLabel,
  campaignSections,
  describeCallFilter,
  footnoteTexts,
  messagesOf,
  usageColumnLabel,
  rateFigure,
  signedChange,
  singleLine,
  statusText,
  usageValue,
} from './report-figures';

export type { Block, SlackMessage } from './slack-block-kit';

/** action_id of every interactive element these messages carry; the Slack adapter routes on them. */
export const SLACK_ACTION_IDS = {
  shareReport: 'share_report',
  openCalls: 'open_calls',
  openFullReport: 'open_full_report',
  listenRecording: 'listen_recording',
  downloadCallsCsv: 'download_calls_csv',
} as const;

/** A chart already published: a public URL (QuickChart) or a file uploaded to Slack. */
export interface SlackChartImage {
  chartId: ChartSpec['id'];
  imageUrl?: string;
  slackFileId?: string;
  altText: string;
}

export interface SlackCampaignReportOptions {
  charts?: readonly SlackChartImage[];
  /** The answer is ephemeral: offer "Share in channel" (share_report, value = campaign id). */
  shareable?: boolean;
  /** "Calls" (open_calls, value = campaign id); shown unless false. */
  callsButton?: boolean;
  fullReportUrl?: string | null;
}

export interface SlackCallsReportOptions {
  /** Rows shown, default 15; never more than fit in MAX_BLOCKS. */
  maxRows?: number;
  /** "Download CSV" (download_calls_csv, value from callsCsvActionValue); shown unless false. */
  csvButton?: boolean;
}

export interface SlackUsageReportOptions {
  charts?: readonly SlackChartImage[];
  /** Voicebots shown one by one, default 20; the total row always counts them all. */
  maxBots?: number;
}

export interface SlackHelpOptions {
  /** What the user typed that was not understood, said back in one line before the help. */
  notUnderstood?: string;
  command?: string;
}

export const DEFAULT_CALL_ROWS = 15;
export const DEFAULT_USAGE_BOTS = 20;
export const MAX_LIST_ENTRIES = 40;
/** User text inside a line (names, ids, codes) is cut here so one value cannot crowd out the rest. */
const MAX_INLINE_TEXT = 200;
const MAX_CODE_TEXT = 60;
const MAX_TABLE_LABEL = 40;

/** User text, on one line, escaped, and cut to `max` characters. */
function userText(raw: string, max = MAX_INLINE_TEXT): string {
  return truncateText(escapeSlackText(singleLine(raw)), max);
}

function nameOf(name: string, id: string): string {
  return singleLine(name) || id;
}

function message(text: string, blocks: Block[]): SlackMessage {
  return { text: truncateText(text, MAX_MESSAGE_TEXT), blocks: fitBlocks(blocks) };
}

/** A header "<name><suffix>" that keeps the whole suffix and cuts the name instead. */
function headerWithSuffix(name: string, suffix: string): Block {
  const escapedSuffix = escapeSlackText(suffix);
  const budget = Math.max(MAX_HEADER_TEXT - escapedSuffix.length, 1);
  return headerBlock(`${truncateText(escapeSlackText(singleLine(name)), budget)}${escapedSuffix}`);
}

function figureSectionsBlocks(sections: readonly FigureSection[]): Block[] {
  // One-figure sections (dialing duration, messages) read better as fields of the section before them.
  const merged: FigureSection[] = [];
  for (const section of sections) {
    const last = merged[merged.length - 1];
    if (last && section.figures.length === 1) {
      merged[merged.length - 1] = { ...last, figures: [...last.figures, ...section.figures] };
    } else {
      merged.push(section);
    }
  }
  return merged.flatMap((section) =>
    fieldSections(
      `*${escapeSlackText(section.title)}*`,
      section.figures.map((figure) => `*${escapeSlackText(figure.label)}*\n${escapeSlackText(figure.value)}`),
    ),
  );
}

/** A chart as a monospaced table, when no image of it can be shown. */
function chartTableText(spec: ChartSpec, locale: string, timeZone?: string): string {
  // Backticks would close the code block early; U+02CB looks alike.
  const cell = (raw: string) => singleLine(raw).replace(/`/g, '\u02cb');
  const labels = chartLabels(spec, timeZone).map((label) => [...cell(label)].slice(0, MAX_TABLE_LABEL).join(''));
  const columns = spec.series.map((series) => ({
    title: [...cell(series.label)].slice(0, MAX_TABLE_LABEL).join(''),
    values: series.values.map((value) => formatInteger(value, locale)),
  }));
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const widths = columns.map((column) => Math.max(column.title.length, ...column.values.map((v) => v.length)));
  const row = (label: string, cells: string[]) =>
    [label.padEnd(labelWidth), ...cells.map((text, i) => text.padStart(widths[i]))].join('  ').trimEnd();
  const lines = labels.map((label, i) => escapeSlackText(row(label, columns.map((column) => column.values[i] ?? ''))));
  const head = columns.length > 1 ? [escapeSlackText(row('', columns.map((column) => column.title)))] : [];
  const title = `*${escapeSlackText(cell(spec.title))}*\n\`\`\`\n`;
  const end = '\n```';
  const budget = MAX_SECTION_TEXT - title.length - end.length;
  const more = (n: number) => `${ELLIPSIS} ${n} more rows`;
  const body = lines.length === 0 ? 'no data' : fitLines([...head, ...lines], budget, more);
  return `${title}${body}${end}`;
}

function chartBlocks(
  specs: readonly ChartSpec[],
  images: readonly SlackChartImage[],
  locale: string,
  timeZone: string,
): Block[] {
  return specs.map((spec) => {
    const image = images.find((candidate) => candidate.chartId === spec.id);
    const block = image
      ? imageBlock({
          imageUrl: image.imageUrl,
          slackFileId: image.slackFileId,
          altText: escapeSlackText(image.altText || spec.altText),
          title: escapeSlackText(singleLine(spec.title)),
        })
      : null;
    return block ?? sectionBlock(chartTableText(spec, locale, timeZone));
  });
}

function resultCodesBlock(report: CampaignReport): Block {
  const title = '*Result codes*\n';
  const codes = report.overview.resultCodes;
  if (codes.length === 0) return sectionBlock(`${title}No calls yet.`);
  const items = codes.map(
    (entry) => `${userText(entry.code, MAX_CODE_TEXT)} ${formatInteger(entry.count, report.locale)}`,
  );
  const list = fitLines(items, MAX_SECTION_TEXT - title.length, (n) => `${ELLIPSIS}and ${n} more codes`, ' · ');
  return sectionBlock(`${title}${list}`);
}

export function renderSlackCampaignReport(
  report: CampaignReport,
  options: SlackCampaignReportOptions = {},
): SlackMessage {
  const { overview, locale } = report;
  const { campaign, calls, costs } = overview;
  const name = nameOf(campaign.name, campaign.id);
  const state = statusText(report);
  const when = (iso: string | null) => formatInstant(iso, campaign.timeZone);
  const rates = report.rates.map((rate) => {
    const figure = rateFigure(rate, messagesOf(report));
    return `*${escapeSlackText(figure.label)} ${figure.value}* = ${escapeSlackText(figure.detail ?? '')}`;
  });
  const buttons: (ButtonElement | null)[] = [];
  if (options.shareable) {
    const actionId = SLACK_ACTION_IDS.shareReport;
    buttons.push(buttonElement({ text: 'Share in channel', actionId, value: campaign.id, style: 'primary' }));
  }
  if (options.callsButton !== false) {
    buttons.push(buttonElement({ text: 'Calls', actionId: SLACK_ACTION_IDS.openCalls, value: campaign.id }));
  }
  if (options.fullReportUrl) {
    const actionId = SLACK_ACTION_IDS.openFullReport;
    buttons.push(buttonElement({ text: 'Open full report', actionId, url: options.fullReportUrl }));
  }
  const blocks: Block[] = [
    headerWithSuffix(name, ` · ${state}`),
    contextBlock([
      `Campaign ${userText(campaign.id)} · voicebot ${userText(campaign.botId)}`,
      `First call ${when(campaign.firstCallAt)} · last call ${when(campaign.lastCallAt)} ` +
        `(${userText(campaign.timeZone)})`,
    ]),
    ...figureSectionsBlocks(campaignSections(report)),
    resultCodesBlock(report),
    ...chartBlocks(chartsOf(report), options.charts ?? [], locale, campaign.timeZone),
    ...(rates.length > 0 ? [contextBlock(rates)] : []),
    ...(report.footnotes.length > 0 ? [contextBlock(footnoteTexts(report.footnotes, messagesOf(report), report.unmappedReasons).map(escapeSlackText))] : []),
    ...actionsBlocks(buttons),
  ];
  const text =
    `${userText(name)} (${state}): ${formatInteger(calls.total, locale)} calls, ` +
    `answer rate ${formatPercent(overview.rates.answerRate, locale)}, ` +
    `contact rate ${formatPercent(overview.rates.contactRate, locale)}, ` +
    `total call time ${formatDuration(costs.totalCallDurationMs)}, ` +
    `total cost ${escapeSlackText(formatMoney(costs.totalCost, costs.currency, locale))}.`;
  return message(text, blocks);
}

const STATUS_LABELS: Record<CallStatus, string> = {
  successful: 'Successful',
  unsuccessful: 'Unsuccessful',
  error: 'Error',
};

/** The value of the "Download CSV" button: the campaign and the filter, as JSON. */
export function callsCsvActionValue(campaignId: string, filter: CallFilter): string {
  return JSON.stringify({ campaignId, ...filter });
}

export function parseCallsCsvActionValue(value: string): { campaignId: string; filter: CallFilter } | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { campaignId, status, resultCode } = parsed as Record<string, unknown>;
    if (typeof campaignId !== 'string') return null;
    const filter: CallFilter = {};
    if (status === 'successful' || status === 'unsuccessful' || status === 'error') filter.status = status;
    if (typeof resultCode === 'string') filter.resultCode = resultCode;
    return { campaignId, filter };
  } catch {
    return null;
  }
}

function callRowBlock(row: CallRow, report: CallsReport): Block {
  const { locale, timeZone } = report;
  const phone = row.phone ? ` · ${userText(maskPhone(row.phone))}` : '';
  const who = `*${userText(row.callId)}* · customer ${userText(row.customerId)}${phone}`;
  const what =
    `${formatInstant(row.startedAt, timeZone)} · ${STATUS_LABELS[row.status]} · ` +
    `${userText(row.resultCode, MAX_CODE_TEXT)} · ` +
    `call ${formatDuration(row.callDurationMs)} · dialing ${formatDuration(row.dialingDurationMs)}`;
  const text = `${who} · attempt ${formatInteger(row.attempt, locale)}\n${what}`;
  const actionId = SLACK_ACTION_IDS.listenRecording;
  const listen = row.recordingLink
    ? buttonElement({ text: 'Listen', actionId, value: row.callId, url: row.recordingLink })
    : null;
  return sectionBlock(text, listen ?? undefined);
}

export function renderSlackCallsReport(report: CallsReport, options: SlackCallsReportOptions = {}): SlackMessage {
  const { campaign, locale } = report;
  const name = nameOf(campaign.name, campaign.id);
  // Header, context, the "showing" line and the buttons take 4 blocks; rows get the rest.
  const maxRows = Math.min(Math.max(options.maxRows ?? DEFAULT_CALL_ROWS, 0), MAX_BLOCKS - 4);
  const rows = report.rows.slice(0, maxRows);
  const filter = escapeSlackText(singleLine(describeCallFilter(report.filter, messagesOf(report))));
  const showing = `Showing ${formatInteger(rows.length, locale)} of ${formatInteger(report.totalRows, locale)} calls`;
  const buttons =
    options.csvButton === false
      ? []
      : [
          buttonElement({
            text: 'Download CSV',
            actionId: SLACK_ACTION_IDS.downloadCallsCsv,
            value: callsCsvActionValue(campaign.id, report.filter),
          }),
        ];
  const blocks: Block[] = [
    headerWithSuffix(name, ' · calls'),
    contextBlock([`Campaign ${userText(campaign.id)} · ${filter} · times in ${userText(report.timeZone)}`]),
    ...(rows.length > 0 ? rows.map((row) => callRowBlock(row, report)) : [sectionBlock(`No calls match (${filter}).`)]),
    contextBlock([
      `${showing}. Phones are masked.${buttons.length > 0 && report.totalRows > 0 ? ' The CSV has every call.' : ''}`,
    ]),
    ...actionsBlocks(buttons),
  ];
  return message(`Calls of ${userText(name)} (${filter}): ${showing.toLowerCase()}.`, blocks);
}

function usageFields(figures: UsageFigures, previous: UsageFigures | null | undefined, locale: string): string[] {
  return USAGE_COLUMNS.map((column) => {
    const m = messagesFor(locale);
    const value = usageValue(column, figures, m);
    let change = '';
    if (previous === null) change = ` (${m.t('word.new')})`;
    else if (previous) change = ` (${signedChange(column, figures[column.key], previous[column.key], m)})`;
    return `*${usageColumnLabel(column, m)}*\n${value}${change}`;
  });
}

export function renderSlackUsageReport(report: UsageReport, options: SlackUsageReportOptions = {}): SlackMessage {
  const { usage, previous, locale } = report;
  const maxBots = Math.max(options.maxBots ?? DEFAULT_USAGE_BOTS, 0);
  // Fixed blocks: header, context, overflow note, total, charts, footnotes.
  const budget = MAX_BLOCKS - 5 - report.charts.length;
  const shown = usage.bots.slice(0, Math.max(Math.min(maxBots, budget), 0));
  const hidden = usage.bots.length - shown.length;
  const month = userText(usage.month, 20);
  const previousOf = (bot: BotUsage) =>
    previous ? (previous.bots.find((candidate) => candidate.botId === bot.botId) ?? null) : undefined;
  const blocks: Block[] = [
    headerBlock(`Usage · ${month}`),
    contextBlock([
      `Account ${userText(usage.account)} · calls started in ${month} in ${userText(usage.timeZone)}`,
      ...(previous ? [`In brackets: the change from ${userText(previous.month, 20)}.`] : []),
    ]),
    ...(usage.bots.length === 0 ? [sectionBlock('No calls this month.')] : []),
    ...shown.flatMap((bot) =>
      fieldSections(`*${userText(botLabel(bot))}*`, usageFields(bot, previousOf(bot), locale)),
    ),
    ...(hidden > 0
      ? [contextBlock([`${ELLIPSIS}and ${formatInteger(hidden, locale)} more voicebots; the total counts them all.`])]
      : []),
    ...fieldSections('*Total*', usageFields(usage.total, previous?.total, locale)),
    ...chartBlocks(chartsOf(report), options.charts ?? [], locale, usage.timeZone),
    ...(report.footnotes.length > 0 ? [contextBlock(footnoteTexts(report.footnotes, messagesOf(report)).map(escapeSlackText))] : []),
  ];
  const { total } = usage;
  const text =
    `Usage ${month}: ${formatInteger(total.totalCalls, locale)} calls, ` +
    `${formatInteger(total.sessions, locale)} sessions, ${formatInteger(total.blocks, locale)} blocks, ` +
    `call time ${formatDuration(total.callDurationMs)}, over ${formatInteger(usage.bots.length, locale)} voicebots.`;
  return message(text, blocks);
}

const STATE_NAMES: Record<CampaignState, string> = { running: 'Running', settling: 'Settling', complete: 'Complete' };

export function renderSlackCampaignList(report: CampaignListReport): SlackMessage {
  const { campaigns, locale, timeZone } = report;
  const filterLabel = report.filter === 'all' ? '' : ` · ${STATE_NAMES[report.filter] ?? report.filter}`;
  const lines = campaigns.slice(0, MAX_LIST_ENTRIES).map(
    (entry) =>
      `• *${userText(nameOf(entry.name, entry.id), 100)}* (${userText(entry.id, 100)}) · ` +
      `${STATE_NAMES[entry.state]} · ${formatInteger(entry.totalCalls, locale)} calls · ` +
      `answer rate ${formatPercent(entry.answerRate, locale)} · ` +
      `last call ${formatInstant(entry.lastCallAt, timeZone)}`,
  );
  if (campaigns.length > MAX_LIST_ENTRIES) {
    lines.push(`${ELLIPSIS}and ${formatInteger(campaigns.length - MAX_LIST_ENTRIES, locale)} more`);
  }
  const empty = report.filter === 'all' ? 'No campaigns yet.' : `No ${report.filter} campaigns.`;
  const blocks: Block[] = [
    headerBlock(`Campaigns${filterLabel}`),
    ...(lines.length > 0
      ? chunkLines(lines, MAX_SECTION_TEXT).map((chunk) => sectionBlock(chunk))
      : [sectionBlock(empty)]),
    contextBlock([
      `Times in ${userText(timeZone)}. Answer rate = successful calls / all calls. ` +
        `Type ${escapeSlackText('/campaign-report <campaign>')} for a report.`,
    ]),
  ];
  const names = campaigns.slice(0, 5).map((entry) => userText(nameOf(entry.name, entry.id), 60));
  const count = `${formatInteger(campaigns.length, locale)} campaign${campaigns.length === 1 ? '' : 's'}`;
  const text =
    campaigns.length === 0 ? empty : `${count}${filterLabel}: ${names.join(', ')}${campaigns.length > 5 ? ', …' : ''}`;
  return message(text, blocks);
}

function helpLines(command = '/campaign-report'): string[] {
  const c = command;
  return [
    `\`${c}\` or \`${c} help\`: this help`,
    `\`${c} <campaign>\`: the campaign's report (its id, or a unique start of its id or name), to share`,
    `\`${c} list [running|complete]\`: the latest campaigns with state and answer rate`,
    `\`${c} calls <campaign> [successful|unsuccessful|error] [code=X]\`: the first calls, recordings and a CSV of all`,
    `\`${c} usage [YYYY-MM] [bot]\`: monthly usage per voicebot (default: last full month)`,
    `\`${c} subscribe <bot|campaign|all> [summaries] [digest]\`: post reports in this channel automatically`,
    `\`${c} unsubscribe <bot|campaign|all>\` / \`${c} subscriptions\`: stop or list this channel's subscriptions`,
  ];
}

const HELP_EXAMPLES = [
  'cmp-1-000',
  'calls cmp-1-000 unsuccessful',
  'calls cmp-1-000 code=PAID',
  'usage 2026-10',
  'subscribe all summaries',
];

export function renderSlackHelp(options: SlackHelpOptions = {}): SlackMessage {
  const command = singleLine(options.command ?? '/campaign-report') || '/campaign-report';
  const grammar = helpLines(command).map(escapeSlackText);
  const examples = HELP_EXAMPLES.map((example) => escapeSlackText(`\`${command} ${example}\``))
    .join('  ');
  const problem =
    options.notUnderstood !== undefined
      ? `I did not understand "${userText(options.notUnderstood, 500)}". Here is what I can do:`
      : null;
  const blocks: Block[] = [
    ...(problem ? [sectionBlock(problem)] : []),
    headerBlock(`${escapeSlackText(command)}: campaign reports`),
    sectionBlock(fitLines(grammar, MAX_SECTION_TEXT, (n) => `${ELLIPSIS}${n} more`)),
    contextBlock([`Examples: ${examples}`]),
  ];
  const summary = escapeSlackText(
    `Commands: ${command} <campaign> | list | calls <campaign> | usage [YYYY-MM] | subscribe | unsubscribe | ` +
      'subscriptions | help',
  );
  const text = problem ? `${problem} ${summary}` : summary;
  return message(text, blocks);
}

/** A plain answer (an error, a confirmation). The message is user-facing text: escaped, mrkdwn kept. */
export function renderSlackText(messageText: string): SlackMessage {
  const escaped = escapeSlackText(messageText.trim());
  if (!escaped) return message('(empty message)', [sectionBlock('(empty message)')]);
  const sections = chunkLines(escaped.split('\n'), MAX_SECTION_TEXT).map((chunk) => sectionBlock(chunk));
  return message(escaped, sections);
}
