/**
 * Microsoft's Adaptive Cards library (`adaptivecards`) as the other side of our cards: it parses a card
 * the way a Teams client's renderer does, reports what it did not understand, and gives back the texts,
 * facts and actions it read, so tests compare those with expected literals instead of with our renderer.
 * Its package `lib` is ESM that Node cannot load; the UMD bundle in `dist` is the same library.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC: typeof import('adaptivecards') = require('adaptivecards/dist/adaptivecards.js');

export interface ParsedCard {
  card: import('adaptivecards').AdaptiveCard;
  /** Parse and validation events (unknown elements, bad values, missing required properties). */
  problems: string[];
}

export function parseAdaptiveCard(json: unknown): ParsedCard {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return { card, problems };
}

const UNKNOWN_ELEMENT = /^Unknown element type "([^"]+)"\. Fallback will be used if present\.$/;

/**
 * The parser's problems, less "Unknown element type X" where every X in the card carries a `fallback`
 * element (Teams-only elements such as Chart.Donut: acceptable only with one). Empty: Teams and every
 * other client can show the card.
 */
export function problemsWithoutFallback(json: unknown, parsed: ParsedCard = parseAdaptiveCard(json)): string[] {
  const fallbackOf = new Map<string, boolean[]>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') {
        const list = fallbackOf.get(record.type) ?? [];
        list.push(typeof record.fallback === 'object' && record.fallback !== null);
        fallbackOf.set(record.type, list);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(json);
  return parsed.problems.filter((problem) => {
    const type = UNKNOWN_ELEMENT.exec(problem)?.[1];
    const fallbacks = type ? fallbackOf.get(type) : undefined;
    return !(fallbacks && fallbacks.length > 0 && fallbacks.every(Boolean));
  });
}

/** A text as Teams shows it: Markdown's backslash escapes (`CALLBACK\\_LATER`) removed. */
export function asShown(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

type Element = import('adaptivecards').CardElement;

function walk(element: Element, visit: (element: Element) => void): void {
  visit(element);
  if (element instanceof AC.CardElementContainer) {
    for (let i = 0; i < element.getItemCount(); i += 1) walk(element.getItemAt(i), visit);
  }
}

/** Every TextBlock's text (and each RichTextBlock's runs joined), depth first, as the parser read it. */
export function parsedTexts(parsed: ParsedCard): string[] {
  const texts: string[] = [];
  walk(parsed.card, (element) => {
    if (element instanceof AC.TextBlock && element.text !== undefined) texts.push(element.text);
    if (element instanceof AC.RichTextBlock) {
      let text = '';
      for (let i = 0; i < element.getInlineCount(); i += 1)
        text += (element.getInlineAt(i) as import('adaptivecards').TextRun).text ?? '';
      texts.push(text);
    }
  });
  return texts;
}

/** Every fact of every FactSet: [title, value]. */
export function parsedFacts(parsed: ParsedCard): [string, string][] {
  const facts: [string, string][] = [];
  walk(parsed.card, (element) => {
    if (element instanceof AC.FactSet)
      for (const fact of element.facts) facts.push([fact.name ?? '', fact.value ?? '']);
  });
  return facts;
}

/** Each Table's rows as the texts of their cells. */
export function parsedTables(parsed: ParsedCard): string[][][] {
  const tables: string[][][] = [];
  walk(parsed.card, (element) => {
    if (!(element instanceof AC.Table)) return;
    const rows: string[][] = [];
    for (let r = 0; r < element.getItemCount(); r += 1) {
      const row = element.getItemAt(r) as import('adaptivecards').TableRow;
      const cells: string[] = [];
      for (let c = 0; c < row.getItemCount(); c += 1)
        cells.push(parsedTexts({ card: row.getItemAt(c) as never, problems: [] }).join(' '));
      rows.push(cells);
    }
    tables.push(rows);
  });
  return tables;
}

/** The card-level actions: Submit with its data, OpenUrl with its URL. */
export function parsedActions(
  parsed: ParsedCard,
): Array<{ type: string; title: string | undefined; data?: unknown; url?: string }> {
  const actions = [];
  for (let i = 0; i < parsed.card.getActionCount(); i += 1) {
    const action = parsed.card.getActionAt(i)!;
    if (action instanceof AC.SubmitAction)
      actions.push({ type: action.getJsonTypeName(), title: action.title, data: action.data });
    else if (action instanceof AC.OpenUrlAction)
      actions.push({ type: action.getJsonTypeName(), title: action.title, url: action.url });
    else actions.push({ type: action.getJsonTypeName(), title: action.title });
  }
  return actions;
}

/** Every Image URL. */
export function parsedImageUrls(parsed: ParsedCard): string[] {
  const urls: string[] = [];
  walk(parsed.card, (element) => {
    if (element instanceof AC.Image && element.url) urls.push(element.url);
  });
  return urls;
}
