import fs from 'node:fs';
import { InvalidInput } from '../domain/errors';

const SNIFF_BYTES = 64 * 1024;

/** What a file of each format must hold, said whenever a whole file is refused. */
export const FILE_NEEDS = {
  csv: 'a CSV needs a header row (call_id, campaign_id, bot_id, customer_id, started_at, ended_at, result_code, …) and one row per call',
  ndjson: 'an NDJSON file needs one event a line, such as {"type":"call.completed",…}',
  json: 'a JSON file needs an array of events',
} as const;

/**
 * Refuses, in one line, a path that cannot be an import before anything is read into the database: no
 * file, a directory, an empty file, binary or non-UTF-8 content.
 */
export function checkImportableFile(filePath: string, format: keyof typeof FILE_NEEDS): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new InvalidInput(`no file at ${filePath}; check the path`);
  }
  if (stat.isDirectory())
    throw new InvalidInput(
      `${filePath} is a directory; import one file: npm run cli -- import <file.csv or file.ndjson>`,
    );
  if (!stat.isFile()) throw new InvalidInput(`${filePath} is not a regular file; import a .csv or .ndjson file`);
  if (stat.size === 0) throw new InvalidInput(`${filePath} is empty (0 bytes); ${FILE_NEEDS[format]}`);
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const nul = head.indexOf(0);
  const notText = `${filePath} is not a text file`;
  if (nul >= 0)
    throw new InvalidInput(
      `${notText} (binary data at byte ${nul}); export the calls as UTF-8 CSV or NDJSON and import that`,
    );
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw new InvalidInput(`${notText} in UTF-8; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import it again`);
  }
}
