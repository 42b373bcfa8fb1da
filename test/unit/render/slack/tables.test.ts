import {
  MAX_DATA_TABLE_CHARS,
  MAX_DATA_TABLE_PAGE_SIZE,
  MAX_DATA_TABLE_ROWS,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  MAX_TABLES_PER_MESSAGE,
  dataTableBlock,
  linkCell,
  numberCell,
  tableBlock,
  textCell,
} from '../../../../src/render/slack/tables';
import { blockProblems } from '../../../support/fakes/fake-slack-rules';

const more = (n: number) => `… and ${n} more`;
const header = (n: number) => Array.from({ length: n }, (_, i) => `H${i}`);

describe("Slack's table block", () => {
  it(`keeps at most ${MAX_TABLE_ROWS} rows, the last one saying how many are left out`, () => {
    const rows = Array.from({ length: 150 }, (_, i) => [textCell(`r${i}`), textCell(String(i))]);
    const block = tableBlock(['Code', 'Calls'], rows, { numeric: [1], more });
    expect(block.rows).toHaveLength(MAX_TABLE_ROWS);
    expect(block.rows[MAX_TABLE_ROWS - 1][0]).toEqual(textCell(more(150 - (MAX_TABLE_ROWS - 2))));
    expect(block.column_settings).toEqual([null, { align: 'right' }]);
    expect(blockProblems([block])).toEqual([]);
  });

  it(`keeps at most ${MAX_TABLE_COLUMNS} columns, and puts a dash in an empty cell`, () => {
    const block = tableBlock(header(25), [header(25).map(() => textCell(''))], { more });
    expect(block.rows.every((row) => row.length === MAX_TABLE_COLUMNS)).toBe(true);
    expect(block.rows[1][0]).toEqual({ type: 'raw_text', text: '–' });
    expect(blockProblems([block])).toEqual([]);
  });

  it(`goes ${MAX_TABLES_PER_MESSAGE} to a message: Slack refuses two`, () => {
    const one = tableBlock(['a'], [[textCell('1')]], { more });
    expect(blockProblems([one])).toEqual([]);
    expect(blockProblems([one, one])).toContain('only 1 table is allowed per message');
  });
});

describe("Slack's data_table block", () => {
  const row = (i: number) => [
    textCell(`call-${i}`),
    numberCell(i, String(i)),
    linkCell(`https://r.example/r/${i}`, 'Listen'),
  ];

  it(`holds at most ${MAX_DATA_TABLE_ROWS} rows besides its header`, () => {
    const table = dataTableBlock(
      'Calls',
      ['Call', 'Attempt', 'Recording'],
      Array.from({ length: 150 }, (_, i) => row(i)),
      10,
    );
    expect(table?.shown).toBe(MAX_DATA_TABLE_ROWS);
    expect(table?.block.rows).toHaveLength(MAX_DATA_TABLE_ROWS + 1);
    expect(blockProblems([table?.block])).toEqual([]);
  });

  it(`holds at most ${MAX_DATA_TABLE_CHARS} characters across its cells`, () => {
    const wide = Array.from({ length: 100 }, (_, i) => [textCell(`${i}-${'x'.repeat(300)}`)]);
    const table = dataTableBlock('Calls', ['Call'], wide, 10);
    const chars = (table?.block.rows ?? [])
      .flat()
      .reduce((sum, cell) => sum + ('text' in cell ? cell.text.length : 0), 0);
    expect(chars).toBeLessThanOrEqual(MAX_DATA_TABLE_CHARS);
    expect(table?.shown).toBeLessThan(100);
    expect(blockProblems([table?.block])).toEqual([]);
  });

  it(`pages at most ${MAX_DATA_TABLE_PAGE_SIZE} rows, at least 1`, () => {
    expect(dataTableBlock('c', ['a'], [row(1)], 500)?.block.page_size).toBe(MAX_DATA_TABLE_PAGE_SIZE);
    expect(dataTableBlock('c', ['a'], [row(1)], 0)?.block.page_size).toBe(1);
  });

  it('is no table without a row (Slack needs one besides the header)', () => {
    expect(dataTableBlock('c', ['a'], [], 10)).toBeNull();
  });
});
