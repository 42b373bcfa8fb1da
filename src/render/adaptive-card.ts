import { maskPhone } from '../domain/phone-mask';
import { CallRow, CallsReport, CampaignListReport, CampaignReport, ChartSpec, UsageReport } from '../domain/report-model';
import { chartsOf } from './chart-words';
import { formatDuration, formatInstant, formatInteger, formatPercent } from './format';
import {
  Figure,
  footnoteTexts,
  messagesOf,
  usageNotes,
  usageColumnLabel,
  USAGE_COLUMNS,
  botLabel,
  campaignFacts,
  campaignSections,
  describeCallFilter,
  resultCodeRows,
  showingNote,
  singleLine,
  statusText,
  truncate,
  usageChanges,
  usageValue,
} from './report-figures';
import { largestFitting } from './largest-fitting';

/** Microsoft Teams answers: Adaptive Cards 1.5, pure data. */

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams rejects a message over ~28 KB; cards drop list rows (never totals) to stay under it. */
export const MAX_CARD_BYTES = 28 * 1024;
const NAME_MAX_CHARS = 200;
const CELL_MAX_CHARS = 60;
const TEXT_CARD_MAX_CHARS = 10_000;

export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export type CardAction =
  | { type: 'Action.Submit'; title: string; data: { command: string } }
  | { type: 'Action.OpenUrl'; title: string; url: string };

export interface AdaptiveCard {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams: { width: 'Full' };
}

export interface ChartImage {
  chartId: string;
  /** https:// URL or a data:image/ URI. */
  url: string;
  altText: string;
}

export interface CampaignCardOptions {
  chartImages: ChartImage[];
  fullReportUrl?: string;
}

export interface CallsCardOptions {
  /** The link to listen to a call; defaults to the row's recordingLink. */
  listenUrl?: (callId: string) => string | null;
}

export interface UsageCardOptions {
  chartImages?: ChartImage[];
}

/**
 * TextBlock and Fact text is Markdown in Teams: backslash-escape what could format or link, and the
 * angle brackets Teams reads as tags (<at>), so user text shows as typed.
 */
export function escapeCardMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]()`#>~<|!]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([-+])(?=\s)/, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/, '$1\\.');
}

/** User text for a card: one line, bounded, escaped. */
const userText = (text: string, max = CELL_MAX_CHARS) => escapeCardMarkdown(truncate(singleLine(text), max));

export function cardByteLength(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  return {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

function text(value: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

const heading = (value: string) => text(value, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' });
const note = (value: string) => text(value, { size: 'Small', isSubtle: true, spacing: 'Small' });

function factSet(facts: readonly { title: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts: facts.map((fact) => ({ title: fact.title, value: fact.value })) };
}

/** Figures as facts; each rate's formula and numerator/denominator follow as a note. */
function figureElements(figures: readonly Figure[]): CardElement[] {
  const facts = factSet(figures.map((figure) => ({ title: figure.label, value: escapeCardMarkdown(figure.value) })));
  const rates = figures.filter((figure) => figure.rate && figure.detail);
  return [facts, ...rates.map((figure) => note(escapeCardMarkdown(`${figure.label} = ${figure.detail}`)))];
}

function footnoteElements(notes: readonly string[]): CardElement[] {
  return notes.map((value, i) => note(escapeCardMarkdown(`${i + 1}. ${singleLine(value)}`)));
}

function httpUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

function imageUrl(url: string): string | null {
  return httpUrl(url) ?? (/^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : null);
}

/** The chart's title as text over its image; without the image, its caption (the figures, not the title again). */
function chartElement(image: ChartImage, chart: ChartSpec | undefined, included: boolean): CardElement[] {
  const url = imageUrl(image.url);
  const altText = truncate(singleLine(image.altText), 500);
  const caption = chart ? [text(escapeCardMarkdown(chart.title), { weight: 'Bolder', spacing: 'Medium' })] : [];
  const words = chart ? truncate(singleLine(chart.caption), 500) : altText;
  if (!url || !included) return [...caption, note(escapeCardMarkdown(words))];
  return [...caption, { type: 'Image', url, altText, size: 'Stretch' }];
}

/** No list item (a fact, a table row) serialises to fewer bytes, so no card holds more items than this. */
const MIN_ITEM_BYTES = 32;

/** largestFitting, first capped by how many of the smallest items could fit at all (keeps the search short). */
function largestFittingItems(max: number, fits: (n: number) => boolean): number {
  return largestFitting(Math.min(max, Math.floor(MAX_CARD_BYTES / MIN_ITEM_BYTES)), fits);
}

const fits = (built: AdaptiveCard) => cardByteLength(built) <= MAX_CARD_BYTES;

function campaignCardWith(
  report: CampaignReport,
  options: CampaignCardOptions,
  imagesIncluded: readonly boolean[],
  codeCount: number,
): AdaptiveCard {
  const { campaign } = report.overview;
  const body: CardElement[] = [
    note(report.updated ? 'Campaign report (updated)' : 'Campaign report'),
    text(userText(campaign.name, NAME_MAX_CHARS), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    text(escapeCardMarkdown(statusText(report)), {
      color: campaign.final ? 'Good' : 'Warning',
      weight: 'Bolder',
      spacing: 'Small',
    }),
    factSet(campaignFacts(report).map((fact) => ({ title: fact.label, value: userText(fact.value) }))),
  ];
  for (const section of campaignSections(report)) body.push(heading(section.title), ...figureElements(section.figures));
  const codes = resultCodeRows(report);
  body.push(heading('Result codes'));
  if (codes.length === 0) body.push(note('No calls yet.'));
  else {
    body.push(
      factSet(
        codes.slice(0, codeCount).map((row) => ({
          title: userText(row.code),
          value: escapeCardMarkdown(`${row.count} · ${row.share}${row.meaning ? ` · ${row.meaning}` : ''}`),
        })),
      ),
    );
    if (codeCount < codes.length) {
      const total = formatInteger(codes.length, report.locale);
      body.push(note(`Showing ${codeCount} of ${total} result codes; the totals above cover all calls.`));
    }
    body.push(note(escapeCardMarkdown(messagesOf(report).t('resultCodes.shareNote'))));
  }
  const charts = new Map(chartsOf(report).map((chart) => [chart.id as string, chart]));
  options.chartImages.forEach((image, i) => {
    body.push(...chartElement(image, charts.get(image.chartId), imagesIncluded[i]));
  });
  body.push(...footnoteElements(footnoteTexts(report.footnotes, messagesOf(report), report.unmappedReasons)));
  const actions: CardAction[] = [{ type: 'Action.Submit', title: 'Calls', data: { command: `calls ${campaign.id}` } }];
  const fullReport = httpUrl(options.fullReportUrl);
  if (fullReport) actions.push({ type: 'Action.OpenUrl', title: 'Open full report', url: fullReport });
  return card(body, actions);
}

export function renderCampaignCard(report: CampaignReport, options: CampaignCardOptions): AdaptiveCard {
  const codeTotal = report.overview.resultCodes.length;
  const included = options.chartImages.map(() => true);
  let built = campaignCardWith(report, options, included, codeTotal);
  // Inline (data:) charts are the heaviest part: replace them by their alt text, biggest first, before any row goes.
  const bySize = options.chartImages.map((image, i) => ({ i, size: image.url.length })).sort((a, b) => b.size - a.size);
  for (const { i } of bySize) {
    if (fits(built)) return built;
    included[i] = false;
    built = campaignCardWith(report, options, included, codeTotal);
  }
  if (fits(built)) return built;
  const count = largestFittingItems(codeTotal, (n) => fits(campaignCardWith(report, options, included, n)));
  return campaignCardWith(report, options, included, count);
}

const CALL_TABLE_COLUMNS = ['Started at', 'Customer', 'Phone', 'Code', 'Call time', 'Listen'];
const CALL_TABLE_WIDTHS = [3, 3, 3, 3, 2, 2];

type Props = Record<string, unknown>;

function tableCell(value: string, extra: Props = {}, textExtra: Props = {}): CardElement {
  return { type: 'TableCell', items: [text(value, textExtra)], ...extra };
}

function headerRow(titles: readonly string[]): CardElement {
  return { type: 'TableRow', style: 'accent', cells: titles.map((title) => tableCell(title, {}, { weight: 'Bolder' })) };
}

const openUrl = (title: string, url: string) => ({ type: 'Action.OpenUrl', title, url });

function callRowElement(row: CallRow, calls: CallsReport, listen: string | null): CardElement {
  const listenCell = listen
    ? tableCell('▶ Listen', { selectAction: openUrl('Listen', listen) }, { color: 'Accent' })
    : tableCell('–');
  return {
    type: 'TableRow',
    cells: [
      tableCell(formatInstant(row.startedAt, calls.timeZone)),
      tableCell(userText(row.customerId)),
      tableCell(escapeCardMarkdown(maskPhone(row.phone))),
      tableCell(userText(row.resultCode)),
      tableCell(formatDuration(row.callDurationMs)),
      listenCell,
    ],
  };
}

function callsCardWith(report: CallsReport, options: CallsCardOptions, count: number): AdaptiveCard {
  const { campaign, locale } = report;
  const body: CardElement[] = [
    note('Calls'),
    text(userText(campaign.name, NAME_MAX_CHARS), { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    factSet([
      { title: 'Campaign', value: userText(campaign.id) },
      { title: 'Filter', value: userText(describeCallFilter(report.filter, messagesOf(report))) },
      { title: 'Matching calls', value: formatInteger(report.totalRows, locale) },
      { title: 'Time zone', value: userText(report.timeZone) },
    ]),
  ];
  const rows = report.rows.slice(0, count);
  if (report.rows.length === 0) body.push(note('No calls match.'));
  else {
    const listenUrl = (row: CallRow) => httpUrl(options.listenUrl ? options.listenUrl(row.callId) : row.recordingLink);
    body.push({
      type: 'Table',
      firstRowAsHeader: true,
      gridStyle: 'accent',
      columns: CALL_TABLE_WIDTHS.map((width) => ({ width })),
      rows: [
        headerRow(CALL_TABLE_COLUMNS),
        ...rows.map((row) => callRowElement(row, report, listenUrl(row))),
      ],
    });
  }
  const showing = showingNote(rows.length, report.totalRows, messagesOf(report));
  if (showing) body.push(note(`${showing} The CSV export lists them all.`));
  body.push(note('Phones are masked.'));
  return card(body, [{ type: 'Action.Submit', title: 'Overview', data: { command: campaign.id } }]);
}

export function renderCallsCard(report: CallsReport, options: CallsCardOptions = {}): AdaptiveCard {
  const count = largestFittingItems(report.rows.length, (n) => fits(callsCardWith(report, options, n)));
  return callsCardWith(report, options, count);
}

function usageCardWith(report: UsageReport, options: UsageCardOptions, botCount: number): AdaptiveCard {
  const { usage, locale } = report;
  const body: CardElement[] = [
    note('Monthly usage report'),
    text(`${usage.month}: account ${userText(usage.account)}`, { size: 'Large', weight: 'Bolder', spacing: 'None' }),
    note(escapeCardMarkdown(`Calls started in ${usage.month} in ${usage.timeZone}.`)),
  ];
  for (const bot of usage.bots.slice(0, botCount)) {
    body.push(
      text(userText(botLabel(bot), NAME_MAX_CHARS), { weight: 'Bolder', spacing: 'Medium' }),
      factSet(USAGE_COLUMNS.map((column) => ({ title: usageColumnLabel(column, messagesOf(report)), value: usageValue(column, bot, messagesOf(report)) }))),
    );
  }
  if (botCount < usage.bots.length) {
    const total = formatInteger(usage.bots.length, locale);
    body.push(note(`Showing ${botCount} of ${total} voicebots; the total covers all.`));
  }
  const changes = usageChanges(report);
  body.push({
    type: 'Container',
    style: 'emphasis',
    spacing: 'Medium',
    items: [
      text('Total', { weight: 'Bolder' }),
      factSet(
        USAGE_COLUMNS.map((column, i) => ({
          title: usageColumnLabel(column, messagesOf(report)),
          value: escapeCardMarkdown(
            usageValue(column, usage.total, messagesOf(report)) +
              (changes && report.previous
                ? ` (${changes[i].change}, ${changes[i].changePercent} vs ${report.previous.month})`
                : ''),
          ),
        })),
      ),
    ],
  });
  const charts = new Map(chartsOf(report).map((chart) => [chart.id as string, chart]));
  for (const image of options.chartImages ?? []) body.push(...chartElement(image, charts.get(image.chartId), true));
  body.push(...footnoteElements(usageNotes(report)));
  return card(body);
}

export function renderUsageCard(report: UsageReport, options: UsageCardOptions = {}): AdaptiveCard {
  const full = usageCardWith(report, options, report.usage.bots.length);
  if (fits(full)) return full;
  const lean = { ...options, chartImages: [] };
  const count = largestFittingItems(report.usage.bots.length, (n) => fits(usageCardWith(report, lean, n)));
  return usageCardWith(report, lean, count);
}

const LIST_COLUMNS = ['Campaign', 'State', 'Calls', 'Answer rate', 'Last call'];

function campaignListCardWith(report: CampaignListReport, count: number): AdaptiveCard {
  const { locale, timeZone } = report;
  const body: CardElement[] = [
    text(escapeCardMarkdown(`Campaigns (${report.filter})`), { size: 'Large', weight: 'Bolder' }),
    note(escapeCardMarkdown(`Times in ${timeZone}. Select a campaign for its report.`)),
  ];
  if (report.campaigns.length === 0) body.push(text('No campaigns.'));
  else {
    const rows = report.campaigns.slice(0, count).map((entry) => ({
      type: 'TableRow',
      cells: [
        {
          type: 'TableCell',
          items: [
            text(userText(entry.name), { weight: 'Bolder' }),
            text(userText(entry.id), { isSubtle: true, size: 'Small', spacing: 'None' }),
          ],
          selectAction: { type: 'Action.Submit', title: 'Report', data: { command: entry.id } },
        },
        tableCell(entry.state),
        tableCell(formatInteger(entry.totalCalls, locale)),
        tableCell(formatPercent(entry.answerRate, locale)),
        tableCell(formatInstant(entry.lastCallAt, timeZone)),
      ],
    }));
    body.push({
      type: 'Table',
      firstRowAsHeader: true,
      gridStyle: 'accent',
      columns: [{ width: 4 }, { width: 2 }, { width: 1 }, { width: 2 }, { width: 3 }],
      rows: [headerRow(LIST_COLUMNS), ...rows],
    });
    if (count < report.campaigns.length) {
      body.push(note(`Showing ${count} of ${formatInteger(report.campaigns.length, locale)} campaigns.`));
    }
    body.push(note(escapeCardMarkdown(messagesOf(report).t('list.answerRateNote'))));
  }
  return card(body);
}

export function renderCampaignListCard(report: CampaignListReport): AdaptiveCard {
  const count = largestFittingItems(report.campaigns.length, (n) => fits(campaignListCardWith(report, n)));
  return campaignListCardWith(report, count);
}

/** The command grammar, one line per block: Teams joins single newlines inside one TextBlock. */
export function renderHelpCard(grammar: string): AdaptiveCard {
  const lines = grammar.replace(/\r\n?/g, '\n').split('\n');
  const body: CardElement[] = [text('Campaign Report: commands', { size: 'Medium', weight: 'Bolder' })];
  let gap = false;
  for (const line of lines) {
    if (line.trim() === '') {
      gap = true;
      continue;
    }
    body.push(text(escapeCardMarkdown(singleLine(line)), { fontType: 'Monospace', spacing: gap ? 'Medium' : 'None' }));
    gap = false;
  }
  return card(body);
}

export function renderTextCard(message: string): AdaptiveCard {
  const lines = truncate(message, TEXT_CARD_MAX_CHARS)
    .replace(/\r\n?/g, '\n').split('\n').filter((line) => line.trim() !== '');
  return card(lines.map((line, i) => text(escapeCardMarkdown(singleLine(line)), i === 0 ? {} : { spacing: 'Small' })));
}
