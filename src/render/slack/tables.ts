import { ELLIPSIS } from './limits';

/**
 * Slack's `table` (docs.slack.dev/reference/block-kit/blocks/table-block) and `data_table`
 * (…/data-table-block) blocks, with builders that keep their limits. A message holds one of them.
 */
/** Tables (`table` or `data_table`) in one message. */
export const MAX_TABLES_PER_MESSAGE = 1;
/** A `table`'s rows, its header included. */
export const MAX_TABLE_ROWS = 100;
/** Cells in a row of either table. */
export const MAX_TABLE_COLUMNS = 20;
/** A `data_table`'s rows besides its header. */
export const MAX_DATA_TABLE_ROWS = 100;
/** Characters across all cells of a `data_table` (and of all tables in a message). */
export const MAX_DATA_TABLE_CHARS = 10_000;
/** A `data_table`'s rows per page. */
export const MAX_DATA_TABLE_PAGE_SIZE = 100;

export interface RawTextCell {
  type: 'raw_text';
  text: string;
}

/** A number Slack sorts as one, shown as `text`. */
export interface RawNumberCell {
  type: 'raw_number';
  value: number;
  text: string;
}

/** A cell holding one link (a recording). */
export interface LinkCell {
  type: 'rich_text';
  elements: [{ type: 'rich_text_section'; elements: [{ type: 'link'; url: string; text: string }] }];
}

export type TableCell = RawTextCell | RawNumberCell | LinkCell;

export interface TableBlock {
  type: 'table';
  rows: (RawTextCell | LinkCell)[][];
  column_settings?: ({ align?: 'left' | 'center' | 'right'; is_wrapped?: boolean } | null)[];
}

export interface DataTableBlock {
  type: 'data_table';
  caption: string;
  page_size: number;
  rows: TableCell[][];
}

/** Slack takes no empty cell text: a dash stands in. */
export function textCell(text: string): RawTextCell {
  return { type: 'raw_text', text: text.trim() === '' ? '–' : text };
}

export function numberCell(value: number, text: string): RawNumberCell {
  return { type: 'raw_number', value, text: text.trim() === '' ? '–' : text };
}

export function linkCell(url: string, text: string): LinkCell {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url, text }] }] };
}

/** What a cell counts toward MAX_DATA_TABLE_CHARS: its text, and a link's URL too (counted to be safe). */
function cellChars(cell: TableCell): number {
  if (cell.type === 'rich_text') {
    const link = cell.elements[0].elements[0];
    return link.text.length + link.url.length;
  }
  return cell.text.length;
}

/**
 * A `table`: a header and rows cut to MAX_TABLE_ROWS and MAX_TABLE_COLUMNS. `numeric` columns are aligned
 * right. When rows are cut, the last row kept says how many are left out (`more(n)`).
 */
export function tableBlock(
  header: readonly string[],
  rows: readonly (readonly (RawTextCell | LinkCell)[])[],
  options: { numeric?: readonly number[]; more: (omitted: number) => string },
): TableBlock {
  const width = Math.min(header.length, MAX_TABLE_COLUMNS);
  const fit = (row: readonly (RawTextCell | LinkCell)[]) => row.slice(0, width);
  const room = MAX_TABLE_ROWS - 1;
  const body =
    rows.length <= room
      ? rows.map(fit)
      : [
          ...rows.slice(0, room - 1).map(fit),
          [textCell(options.more(rows.length - (room - 1))), ...Array.from({ length: width - 1 }, () => textCell(''))],
        ];
  const numeric = new Set(options.numeric ?? []);
  return {
    type: 'table',
    rows: [header.slice(0, width).map(textCell), ...body],
    column_settings: Array.from({ length: width }, (_, i) => (numeric.has(i) ? { align: 'right' as const } : null)),
  };
}

/**
 * A `data_table` (sortable, paged): at most MAX_DATA_TABLE_ROWS rows and MAX_DATA_TABLE_CHARS characters;
 * rows beyond either are left out, and `shown` says how many made it in.
 */
export function dataTableBlock(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly TableCell[])[],
  pageSize: number,
): { block: DataTableBlock; shown: number } | null {
  const width = Math.min(header.length, MAX_TABLE_COLUMNS);
  const head = header.slice(0, width).map(textCell);
  let chars = head.reduce((sum, cell) => sum + cellChars(cell), 0);
  const kept: TableCell[][] = [];
  for (const row of rows.slice(0, MAX_DATA_TABLE_ROWS)) {
    const cells = row.slice(0, width);
    const size = cells.reduce((sum, cell) => sum + cellChars(cell), 0);
    if (chars + size > MAX_DATA_TABLE_CHARS) break;
    chars += size;
    kept.push(cells);
  }
  if (kept.length === 0) return null;
  const size = Math.min(Math.max(Math.round(pageSize), 1), MAX_DATA_TABLE_PAGE_SIZE);
  const text = caption.trim() || ELLIPSIS;
  return { block: { type: 'data_table', caption: text, page_size: size, rows: [head, ...kept] }, shown: kept.length };
}
