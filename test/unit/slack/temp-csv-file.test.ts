import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTempCsvFile } from '../../../src/adapters/slack/temp-csv-file';

async function* pages(count: number, rowsPerPage: number): AsyncGenerator<{ csv: string; rows: number }> {
  yield { csv: 'call_id,phone\r\n', rows: 0 };
  for (let page = 0; page < count; page += 1) {
    let csv = '';
    for (let row = 0; row < rowsPerPage; row += 1) csv += `call-${page}-${row},+8490123456${row % 10}\r\n`;
    yield { csv, rows: rowsPerPage };
  }
}

describe('the calls CSV written to a temporary file page by page', () => {
  it('holds every page in order, counts rows and bytes, is private, and is gone after remove()', async () => {
    const file = await writeTempCsvFile(pages(50, 200), 'calls-cmp-1.csv');
    const text = fs.readFileSync(file.path, 'utf8');
    expect(file.rows).toBe(10_000);
    expect(file.bytes).toBe(Buffer.byteLength(text));
    expect(text.split('\r\n')).toHaveLength(10_002);
    expect(text.startsWith('call_id,phone\r\ncall-0-0,')).toBe(true);
    expect(path.basename(file.path)).toBe('calls-cmp-1.csv');
    expect(fs.statSync(file.path).mode & 0o077).toBe(0);
    await file.remove();
    expect(fs.existsSync(path.dirname(file.path))).toBe(false);
  });

  it('leaves nothing behind when the pages fail half way', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()));
    async function* failing(): AsyncGenerator<{ csv: string; rows: number }> {
      yield { csv: 'call_id\r\n', rows: 0 };
      throw new Error('the database went away');
    }
    await expect(writeTempCsvFile(failing(), 'calls-x.csv')).rejects.toThrow('the database went away');
    const left = fs
      .readdirSync(os.tmpdir())
      .filter((name) => !before.has(name) && name.startsWith('campaign-report-csv-'));
    expect(left).toEqual([]);
  });
});
