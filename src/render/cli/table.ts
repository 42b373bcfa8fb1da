import { Figure, singleLine } from '../report-figures';

/** Plain-text tables for the CLI (and the email's text part): no ANSI codes, user text on one line. */

export type Align = 'left' | 'right';

export interface Column {
  heading: string;
  align: Align;
}

/** Columns a terminal gives the text: combining marks (Vietnamese tones in NFD) take none. */
export function displayWidth(text: string): number {
  return [...text.normalize('NFC').replace(/\p{M}/gu, '')].length;
}

export function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(width - displayWidth(text), 0));
  return align === 'right' ? fill + text : text + fill;
}

export function table(
  columns: readonly Column[],
  rows: readonly string[][],
  footer: readonly string[][] = [],
): string[] {
  const clean = (cells: readonly string[]) => cells.map((cell) => singleLine(cell));
  const body = rows.map(clean);
  const foot = footer.map(clean);
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.heading), ...[...body, ...foot].map((cells) => displayWidth(cells[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => pad(cells[i] ?? '', widths[i], column.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [line(columns.map((column) => column.heading)), rule, ...body.map(line)];
  if (foot.length > 0) lines.push(rule, ...foot.map(line));
  return lines;
}

export function heading(text: string, underline: string): string[] {
  const title = singleLine(text);
  return [title, underline.repeat(Math.max(displayWidth(title), 1))];
}

export function figureLines(figures: readonly Figure[], labelWidth: number, valueWidth: number): string[] {
  return figures.map((figure) =>
    `  ${pad(figure.label, labelWidth, 'left')}  ${pad(singleLine(figure.value), valueWidth, 'right')}${
      figure.detail ? `  ${figure.detail}` : ''
    }`.trimEnd(),
  );
}

export function numberedNotes(notes: readonly string[], notesHeading: string): string[] {
  if (notes.length === 0) return [];
  return ['', ...heading(notesHeading, '-'), ...notes.map((note, i) => `  ${i + 1}. ${singleLine(note)}`)];
}

/** The text a table renderer returns: its lines, ending in a newline. */
export function lines(all: readonly string[]): string {
  return `${all.join('\n')}\n`;
}
