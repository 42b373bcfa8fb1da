import { Readable } from 'node:stream';
import fc from 'fast-check';
import { readCallsCsv } from '../../../src/ingest/read-csv';
import { readNdjson } from '../../../src/ingest/read-ndjson';

async function collect<T>(rows: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const HEADER = 'result_code,call_id,campaign_id,bot_id,customer_id,started_at,ended_at';

describe('the CSV reader', () => {
  it('reads any column order, a BOM, CRLF, and RFC 4180 quotes, with line numbers', async () => {
    const text = `\uFEFF${HEADER},campaign_name\r\nNA,c1,cmp,bot,cus,2026-10-30T15:36:02Z,2026-10-30T15:36:24Z,"Đợt 0, ""Nhắc nợ"""\r\n`;
    const rows = await collect(readCallsCsv(Readable.from([text])));
    expect(rows).toEqual([
      {
        position: 2,
        fields: expect.objectContaining({ result_code: 'NA', call_id: 'c1', campaign_name: 'Đợt 0, "Nhắc nợ"' }),
      },
    ]);
  });

  it('reports a header without a required column once, naming it', async () => {
    const rows = await collect(readCallsCsv(Readable.from(['call_id,campaign_id\nc1,cmp\n'])));
    expect(rows).toHaveLength(1);
    expect(rows[0].problems?.map((p) => p.field)).toEqual([
      'bot_id',
      'customer_id',
      'started_at',
      'ended_at',
      'result_code',
    ]);
  });

  it('reports a row with the wrong number of fields and goes on', async () => {
    const text = `${HEADER}\nNA,c1,cmp,bot\nNA,c2,cmp,bot,cus,2026-10-30T15:36:02Z,2026-10-30T15:36:24Z\n`;
    const rows = await collect(readCallsCsv(Readable.from([text])));
    expect(rows[0]).toMatchObject({ position: 2, problems: [{ field: '(row)' }] });
    expect(rows[1]).toMatchObject({ position: 3, fields: expect.objectContaining({ call_id: 'c2' }) });
  });

  it('reports an unclosed quote instead of throwing', async () => {
    const rows = await collect(readCallsCsv(Readable.from([`${HEADER}\n"NA,c1,cmp\n`])));
    expect(rows.at(-1)?.problems?.[0].field).toBe('(file)');
  });

  it('says an empty file is empty', async () => {
    const rows = await collect(readCallsCsv(Readable.from([''])));
    expect(rows[0].problems?.[0].message).toContain('empty');
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.boolean(), async (text, withHeader) => {
        const rows = await collect(readCallsCsv(Readable.from([withHeader ? `${HEADER}\n${text}` : text])));
        for (const row of rows) expect(row.fields !== undefined || (row.problems?.length ?? 0) > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the NDJSON reader', () => {
  it('reads one object a line, skips blank lines, and reports a broken line by number', async () => {
    const rows = await collect(readNdjson(Readable.from(['{"a":1}\r\n\r\nnot json\n{"b":2}'])));
    expect(rows).toEqual([
      { position: 1, value: { a: 1 } },
      { position: 3, problems: [expect.objectContaining({ field: '(line)' })] },
      { position: 4, value: { b: 2 } },
    ]);
  });
});
