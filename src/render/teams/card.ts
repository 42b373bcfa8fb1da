import { largestFitting } from '../largest-fitting';
import { ChartSpec } from '../../domain/report-model';
import { Figure, singleLine, truncate } from '../report-figures';

type Props = Record<string, unknown>;

/** Microsoft Teams answers: Adaptive Cards 1.5, pure data. The pieces every card is made of. */

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams rejects a message over ~28 KB; cards drop list rows (never totals) to stay under it. */
export const MAX_CARD_BYTES = 28 * 1024;
export const NAME_MAX_CHARS = 200;
const CELL_MAX_CHARS = 60;

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

/** User text for a TextRun (never read as Markdown): one line, bounded, as typed. */
export const dataText = (text: string, max = CELL_MAX_CHARS) => truncate(singleLine(text), max);

export function cardByteLength(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  return {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function text(value: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/**
 * A value shown exactly as it is (an id, a name, a result code, a phone, a time zone): a TextRun, which no
 * Teams client reads as Markdown, so `CALLBACK_LATER` needs no backslash and `[x](y)` stays text.
 */
export function literal(value: string, extra: Props = {}, run: Props = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...run }], ...extra };
}

/** Several values on one line, each a TextRun of its own style (e.g. a status, then its code in subtle). */
export function runs(parts: readonly { text: string; [key: string]: unknown }[], extra: Props = {}): CardElement {
  return { type: 'RichTextBlock', inlines: parts.map((part) => ({ type: 'TextRun', ...part })), ...extra };
}

export const heading = (value: string) => text(value, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' });
/** A small subtle line, shown literally: notes carry data (codes, zones, names) and are never Markdown. */
export const note = (value: string) => literal(value, { spacing: 'Small' }, { size: 'Small', isSubtle: true });
/** The small line above a card's title that says what the card is ("Campaign report"). */
export const kicker = note;
export const title = (value: string) => text(value, { size: 'Large', weight: 'Bolder', spacing: 'None' });
/** A card's title that is data (a campaign's name): shown literally. */
export const literalTitle = (value: string) =>
  literal(dataText(value, NAME_MAX_CHARS), { spacing: 'None' }, { size: 'Large', weight: 'Bolder' });

export function factSet(facts: readonly { title: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts: facts.map((fact) => ({ title: fact.title, value: fact.value })) };
}

/**
 * Facts whose values are data (ids, names, time zones): label and value side by side like a FactSet, the
 * value a TextRun (a FactSet's values are Markdown in Teams).
 */
export function literalFacts(facts: readonly { title: string; value: string }[]): CardElement {
  return {
    type: 'Container',
    spacing: 'Small',
    items: facts.map((fact, i) => ({
      type: 'ColumnSet',
      spacing: i === 0 ? 'None' : 'Small',
      columns: [
        { type: 'Column', width: 2, items: [text(fact.title, { weight: 'Bolder' })] },
        { type: 'Column', width: 3, items: [literal(dataText(fact.value, NAME_MAX_CHARS))] },
      ],
    })),
  };
}

/** Figures as facts; each rate's formula and numerator/denominator follow as a note. */
export function figureElements(figures: readonly Figure[]): CardElement[] {
  const facts = factSet(figures.map((figure) => ({ title: figure.label, value: escapeCardMarkdown(figure.value) })));
  const rates = figures.filter((figure) => figure.rate && figure.detail);
  return [facts, ...rates.map((figure) => note(`${figure.label} = ${figure.detail}`))];
}

export function footnoteElements(notes: readonly string[]): CardElement[] {
  return notes.map((value, i) => note(`${i + 1}. ${singleLine(value)}`));
}

export function httpUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

function imageUrl(url: string): string | null {
  return httpUrl(url) ?? (/^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : null);
}

/** The chart's title as text over its image; without the image, its caption (the figures, not the title again). */
export function chartElement(image: ChartImage, chart: ChartSpec | undefined, included: boolean): CardElement[] {
  const url = imageUrl(image.url);
  const altText = truncate(singleLine(image.altText), 500);
  const caption = chart ? [text(escapeCardMarkdown(chart.title), { weight: 'Bolder', spacing: 'Medium' })] : [];
  const words = chart ? truncate(singleLine(chart.caption), 500) : altText;
  if (!url || !included) return [...caption, note(words)];
  return [...caption, { type: 'Image', url, altText, size: 'Stretch' }];
}

/** No list item (a fact, a table row) serialises to fewer bytes, so no card holds more items than this. */
const MIN_ITEM_BYTES = 32;

/** largestFitting, first capped by how many of the smallest items could fit at all (keeps the search short). */
export function largestFittingItems(max: number, fits: (n: number) => boolean): number {
  return largestFitting(Math.min(max, Math.floor(MAX_CARD_BYTES / MIN_ITEM_BYTES)), fits);
}

export const fits = (built: AdaptiveCard) => cardByteLength(built) <= MAX_CARD_BYTES;

export function tableCell(value: string, extra: Props = {}, textExtra: Props = {}): CardElement {
  return { type: 'TableCell', items: [text(value, textExtra)], ...extra };
}

/** A table cell holding data, shown literally. */
export function literalCell(value: string, extra: Props = {}, run: Props = {}): CardElement {
  return { type: 'TableCell', items: [literal(value, {}, run)], ...extra };
}

export function headerRow(titles: readonly string[]): CardElement {
  return {
    type: 'TableRow',
    style: 'accent',
    cells: titles.map((cellTitle) => tableCell(cellTitle, {}, { weight: 'Bolder' })),
  };
}

export function table(
  widths: readonly number[],
  header: readonly string[],
  rows: readonly CardElement[],
  extra: Props = {},
): CardElement {
  return {
    type: 'Table',
    firstRowAsHeader: true,
    gridStyle: 'accent',
    columns: widths.map((width) => ({ width })),
    rows: [headerRow(header), ...rows],
    ...extra,
  };
}

export const openUrl = (actionTitle: string, url: string) => ({ type: 'Action.OpenUrl', title: actionTitle, url });
