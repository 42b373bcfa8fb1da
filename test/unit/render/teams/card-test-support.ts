import {
  ADAPTIVE_CARD_SCHEMA,
  AdaptiveCard,
  CardElement,
  ChartImage,
  MAX_CARD_BYTES,
  cardByteLength,
} from '../../../../src/render/teams/card';

/** What the Teams card tests read of a card: its elements, texts, facts and table rows, escapes removed. */

export const CHARTS: ChartImage[] = [
  { chartId: 'call-status', url: 'https://charts.example.com/c1.png', altText: 'Calls by status: 18 successful' },
  { chartId: 'result-codes', url: 'data:image/png;base64,iVBORw0KGgo=', altText: 'Result codes: NA 12' },
];

/** Every element of a card, depth first; with `withFallbacks`, what other clients show instead too. */
export function elements(card: AdaptiveCard, withFallbacks = false): CardElement[] {
  const out: CardElement[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') out.push(record as CardElement);
      for (const key of ['body', 'items', 'rows', 'cells', 'columns']) if (key in record) visit(record[key]);
      if (withFallbacks && typeof record.fallback === 'object') visit(record.fallback);
    }
  };
  visit(card.body);
  return out;
}

export const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
/** A TextBlock's text as Teams shows it (escapes removed), or a RichTextBlock's runs as they are. */
export function shownText(element: CardElement): string {
  if (element.type === 'RichTextBlock') return (element.inlines as { text: string }[]).map((run) => run.text).join('');
  return unescape(element.text as string);
}
/** Every TextBlock's text as written (escapes kept): what Teams reads as Markdown. */
export const markdownTexts = (card: AdaptiveCard) =>
  elements(card)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text as string);
/** Every text line as shown: TextBlocks unescaped, RichTextBlocks literally. */
export const texts = (card: AdaptiveCard) =>
  elements(card)
    .filter((e) => e.type === 'TextBlock' || e.type === 'RichTextBlock')
    .map(shownText);
/** FactSet facts, and literalFacts' label/value column pairs, as shown. */
export const facts = (card: AdaptiveCard) =>
  elements(card).flatMap((e) => {
    if (e.type === 'FactSet')
      return (e.facts as { title: string; value: string }[]).map((fact) => [
        unescape(fact.title),
        unescape(fact.value),
      ]);
    const columns = e.type === 'ColumnSet' ? (e.columns as CardElement[]) : [];
    if (columns.length !== 2) return [];
    return [columns.map((column) => (column.items as CardElement[]).map(shownText).join(' '))];
  });
/** The rows of every Table, each cell's lines joined with " / ". */
export const tableRows = (card: AdaptiveCard, tableIndex?: number) =>
  elements(card)
    .filter((e) => e.type === 'Table')
    .filter((_, i) => tableIndex === undefined || i === tableIndex)
    .flatMap((t) => t.rows as CardElement[])
    .map((row) => (row.cells as CardElement[]).map((cell) => (cell.items as CardElement[]).map(shownText).join(' / ')));

const MARKDOWN_SPECIALS = new Set([...'*_[]()`#><']);
export function hasUnescapedSpecial(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (MARKDOWN_SPECIALS.has(text[i])) return true;
  }
  return false;
}

export function expectCardShape(card: AdaptiveCard): void {
  expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(card.$schema).toBe(ADAPTIVE_CARD_SCHEMA);
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(cardByteLength(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
}
