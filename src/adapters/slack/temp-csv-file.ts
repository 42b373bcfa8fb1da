import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEMP_CSV_DIR_PREFIX } from '../../domain/personal-data-files';
import { FileOnDisk } from './stream-file-upload';

export interface TempCsvFile extends FileOnDisk {
  rows: number;
  /** Deletes the file and its directory. */
  remove(): Promise<void>;
}

/**
 * Writes CSV chunks (a page of rows each) to a private temporary file as they come, so an export of any
 * length takes the memory of one page, not of the whole file.
 */
export async function writeTempCsvFile(
  chunks: AsyncIterable<{ csv: string; rows: number }>,
  filename: string,
): Promise<TempCsvFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), TEMP_CSV_DIR_PREFIX));
  const remove = () => rm(dir, { recursive: true, force: true });
  const filePath = path.join(dir, filename);
  try {
    const out = createWriteStream(filePath, { mode: 0o600 });
    let rows = 0;
    try {
      for await (const chunk of chunks) {
        rows += chunk.rows;
        if (!out.write(chunk.csv, 'utf8')) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return { path: filePath, bytes: out.bytesWritten, rows, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
