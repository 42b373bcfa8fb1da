import { ChartSpec } from '../../domain/report-model';
import { escapeHtml, safeUrlAttribute } from '../html-escape';
import { Figure, singleLine } from '../report-figures';

/**
 * Markup shared by the email and the full report page. It names classes only; each surface brings its
 * own stylesheet (the email's is inlined into style attributes, the page keeps a <style> block).
 */

export type Cell = string | { html: string };

export interface HtmlColumn {
  heading: string;
  numeric?: boolean;
  /** Dates, ids and codes: never broken inside a word; the table scrolls instead. */
  nowrap?: boolean;
}

export const TABLE_ATTRIBUTES = 'cellpadding="0" cellspacing="0" border="0"';

const cellHtml = (cell: Cell) => (typeof cell === 'string' ? escapeHtml(cell) : cell.html);
const classList = (...names: (string | false | undefined)[]) => {
  const list = names.filter(Boolean).join(' ');
  return list ? ` class="${list}"` : '';
};

/** A data table inside its own horizontal scroller, so a wide table never widens the page. */
export function dataTable(
  columns: readonly HtmlColumn[],
  rows: readonly Cell[][],
  footer: readonly Cell[][] = [],
): string {
  const align = (column: HtmlColumn) => (column.numeric ? 'right' : 'left');
  const cellClass = (column: HtmlColumn) => classList(column.numeric && 'num', column.nowrap && 'nowrap');
  const head = columns
    .map((column) => `<th align="${align(column)}"${cellClass(column)}>${escapeHtml(column.heading)}</th>`)
    .join('');
  const row = (cells: readonly Cell[], total: boolean) => {
    const tds = columns.map(
      (column, i) => `<td align="${align(column)}"${cellClass(column)}>${cellHtml(cells[i] ?? '')}</td>`,
    );
    return `<tr${total ? ' class="total"' : ''}>${tds.join('')}</tr>`;
  };
  return (
    `<div class="scroll"><table width="100%" ${TABLE_ATTRIBUTES} class="data">` +
    `<thead><tr>${head}</tr></thead><tbody>${rows.map((cells) => row(cells, false)).join('')}` +
    `${footer.map((cells) => row(cells, true)).join('')}</tbody></table></div>`
  );
}

export function sectionHeading(title: string): string {
  return `<h2>${escapeHtml(title)}</h2>`;
}

export function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

/** Label (with its detail underneath) and value, one figure a row. */
export function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const detail = figure.detail ? `<div class="detail">${escapeHtml(figure.detail)}</div>` : '';
    return (
      `<tr><td valign="top" class="label">${escapeHtml(figure.label)}${detail}</td>` +
      `<td valign="top" align="right" class="value">${escapeHtml(figure.value)}</td></tr>`
    );
  });
  return `<table role="presentation" width="100%" ${TABLE_ATTRIBUTES} class="figures">${rows.join('')}</table>`;
}

/** The key figures as tiles that wrap: five across on a wide screen, two on a phone. */
export function figureTiles(figures: readonly Figure[]): string {
  const tiles = figures.map((figure) => {
    const detail = figure.detail ? `<div class="tile-detail">${escapeHtml(figure.detail)}</div>` : '';
    return (
      `<div class="tile"><div class="tile-label">${escapeHtml(figure.label)}</div>` +
      `<div class="tile-value">${escapeHtml(figure.value)}</div>${detail}</div>`
    );
  });
  return `<div class="tiles">${tiles.join('')}</div>`;
}

/** A small kicker ("Campaign report") over the large title. */
export function titleBlock(kicker: string, title: string): string {
  return `<div class="kicker">${escapeHtml(kicker)}</div><h1>${escapeHtml(title)}</h1>`;
}

/** Label / value pairs (campaign id, voicebot, time zone...). */
export function factsTable(facts: readonly Figure[]): string {
  const rows = facts.map(
    (fact) =>
      `<tr><td class="fact-label">${escapeHtml(fact.label)}</td><td class="fact-value">${escapeHtml(singleLine(fact.value))}</td></tr>`,
  );
  return `<table role="presentation" ${TABLE_ATTRIBUTES} class="facts">${rows.join('')}</table>`;
}

export function badge(text: string, final: boolean): string {
  return `<div class="badge ${final ? 'final' : 'preliminary'}">${escapeHtml(text)}</div>`;
}

export function linkButton(url: string, label: string): string {
  const href = safeUrlAttribute(url);
  return href ? `<a href="${href}" class="button">${escapeHtml(label)}</a>` : '';
}

/**
 * A chart: its title as text (the image carries none, so nothing is said twice), the image, and a
 * caption with the figures; a chart without an image is its caption alone.
 */
export function chartFigure(chart: ChartSpec, src: string | null, caption: string): string {
  const title = `<div class="chart-title">${escapeHtml(singleLine(chart.title))}</div>`;
  const text = `<div class="chart-caption">${escapeHtml(caption)}</div>`;
  if (!src) return `<div class="chart">${title}${text}</div>`;
  return (
    `<div class="chart">${title}<img src="${src}" alt="${escapeHtml(chart.altText)}" width="560" class="chart-img">` +
    `${text}</div>`
  );
}

export function footnoteList(notes: readonly string[]): string {
  return notes.map((text, i) => note(`${i + 1}. ${text}`)).join('');
}
