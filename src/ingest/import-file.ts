import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InvalidInput, Problem } from '../domain/errors';
import { Db } from '../storage/connection';
import { readCallsCsv, SourceRow } from './read-csv';
import { MAX_JSON_DEPTH, measureJson } from './json-shape';
import { readNdjson } from './read-ndjson';
import { IngestCounts, addCounts, emptyCounts, prepareItems, storePrepared } from './store-items';
import { IngestItem, REQUIRED_CALL_FIELDS, validateCallFields, validateEventObject } from './validate-record';
import { FILE_NEEDS, checkImportableFile } from './importable-file';

export interface ImportOptions {
  skipInvalid?: boolean;
  batchSize?: number;
  /** How many problems to keep for the answer; all are counted. */
  maxProblems?: number;
  now?: () => Date;
  /** Finds calls of forgotten customers (erasureKeyFrom(APP_ENCRYPTION_KEY)). */
  erasureKey?: Buffer;
}

export interface ImportResult extends IngestCounts {
  rejected: number;
  /** The first `maxProblems` problems; `problemsTotal` counts all of them. */
  problems: Problem[];
  problemsTotal: number;
  rejectFile: string | null;
}

export type FileFormat = 'csv' | 'ndjson' | 'json';

function detectFormat(filePath: string): FileFormat {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  throw new InvalidInput(`cannot tell the format of ${path.basename(filePath)}: name it .csv, .ndjson or .json`);
}

async function* readJsonArray(input: Readable): AsyncGenerator<SourceRow & { value?: unknown }> {
  let text = '';
  for await (const chunk of input) text += chunk;
  if (measureJson(text).depth > MAX_JSON_DEPTH) {
    yield {
      position: 0,
      problems: [
        {
          field: '(file)',
          message: `the file nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; each event is one flat JSON object`,
        },
      ],
    };
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    yield {
      position: 0,
      fatal: true,
      problems: [{ field: '(file)', message: 'the file is not valid JSON; send an array of events, or NDJSON' }],
    };
    return;
  }
  const events = Array.isArray(parsed) ? parsed : [parsed];
  for (let index = 0; index < events.length; index += 1) yield { position: index, value: events[index] };
}

/** Turns source rows of any format into validated items or problems. */
export async function* validatedRows(
  format: FileFormat,
  input: Readable,
): AsyncGenerator<{ position: number; item?: IngestItem; problems?: Problem[]; raw?: unknown; fatal?: true }> {
  const rows = format === 'csv' ? readCallsCsv(input) : format === 'ndjson' ? readNdjson(input) : readJsonArray(input);
  const where = (position: number) => (format === 'json' ? { index: position } : { line: position });
  for await (const row of rows as AsyncGenerator<SourceRow & { value?: unknown }>) {
    if (row.problems) {
      yield {
        position: row.position,
        problems: row.problems.map((p) => ({ ...where(row.position), ...p })),
        raw: row.fields,
        fatal: row.fatal,
      };
      continue;
    }
    const result =
      format === 'csv'
        ? (() => {
            const { record, problems } = validateCallFields(row.fields ?? {});
            return { item: record ? ({ kind: 'call', record } as IngestItem) : null, problems };
          })()
        : validateEventObject(row.value);
    if (result.item) yield { position: row.position, item: result.item };
    else
      yield {
        position: row.position,
        problems: result.problems.map((p) => ({ ...where(row.position), ...p })),
        raw: row.fields ?? row.value,
      };
  }
}

class RollbackForInvalidInput extends Error {}

/** One line for a file that cannot be imported at all, whatever --skip-invalid says. */
function wholeFileRefused(filePath: string, problems: Problem[]): InvalidInput {
  const header = problems.filter((p) => p.field !== '(file)');
  if (header.length > 0) {
    return new InvalidInput(
      `${filePath}: the header (line 1) has no ${header.map((p) => p.field).join(', ')} column${header.length > 1 ? 's' : ''}; the file needs ${REQUIRED_CALL_FIELDS.join(', ')}. Nothing was stored.`,
    );
  }
  return new InvalidInput(`${filePath}: ${problems.map((p) => p.message).join('; ')}. Nothing was stored.`);
}

/**
 * Imports a file in one transaction, streamed in batches. Any invalid record stores nothing, unless
 * skipInvalid: then the valid ones are stored and the rejected ones written beside the input with reasons.
 */
export async function importFile(
  db: Db,
  accountId: string,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const format = detectFormat(filePath);
  checkImportableFile(filePath, format);
  const batchSize = options.batchSize ?? 4000;
  const maxProblems = options.maxProblems ?? 1000;
  const now = options.now ?? (() => new Date());
  const rejectPath = `${filePath}.rejected.ndjson`;
  let rejectStream: fs.WriteStream | null = null;
  const result: ImportResult = { ...emptyCounts(), rejected: 0, problems: [], problemsTotal: 0, rejectFile: null };

  const run = async (trx: Db) => {
    let batch: IngestItem[] = [];
    // One batch is written while the next is read, validated and hashed: the file's parsing overlaps the
    // database's work instead of waiting for it (the transaction still runs one statement at a time).
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (batch.length === 0) return;
      const prepared = prepareItems(batch);
      batch = [];
      await writing;
      writing = storePrepared(trx, accountId, prepared, now(), options.erasureKey).then((counts) => {
        Object.assign(result, addCounts(result, counts));
      });
      writing.catch(() => undefined); // awaited by the next flush or at the end
    };
    let records = 0;
    for await (const row of validatedRows(format, fs.createReadStream(filePath))) {
      if (row.fatal) throw wholeFileRefused(filePath, row.problems ?? []);
      records += 1;
      if (row.problems) {
        result.rejected += 1;
        result.problemsTotal += row.problems.length;
        for (const problem of row.problems) if (result.problems.length < maxProblems) result.problems.push(problem);
        if (options.skipInvalid) {
          rejectStream ??= fs.createWriteStream(rejectPath);
          rejectStream.write(
            `${JSON.stringify({ position: row.position, errors: row.problems, record: row.raw ?? null })}\n`,
          );
        }
        continue;
      }
      if (result.rejected > 0 && !options.skipInvalid) continue; // keep reading only to report every problem
      batch.push(row.item as IngestItem);
      if (batch.length >= batchSize) await flush();
    }
    await writing;
    if (records === 0)
      throw new InvalidInput(
        `${filePath} holds no records, only ${format === 'csv' ? 'a header' : 'blank lines'}; ${FILE_NEEDS[format]}`,
      );
    if (result.rejected > 0 && !options.skipInvalid) throw new RollbackForInvalidInput();
    await flush();
    await writing;
  };

  try {
    await db.transaction(run);
  } catch (error) {
    if (!(error instanceof RollbackForInvalidInput)) throw error;
    Object.assign(result, emptyCounts());
  } finally {
    if (rejectStream) {
      const stream: fs.WriteStream = rejectStream;
      await new Promise<void>((resolve) => stream.end(resolve));
      result.rejectFile = rejectPath;
    }
  }
  return result;
}
