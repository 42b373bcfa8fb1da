import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { FieldProblem, REQUIRED_CALL_FIELDS } from './validate-record';

export interface SourceRow {
  /** 1-based line in the file (the header is line 1), or the index in a request. */
  position: number;
  fields?: Record<string, unknown>;
  problems?: FieldProblem[];
  /** The problems concern the whole file (no header, a wrong header, unreadable): nothing in it can be stored. */
  fatal?: true;
}

export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

/**
 * Streams a CSV of calls (docs/webhook.md): header row, columns in any order, BOM, CRLF, RFC 4180 quoting.
 * Broken rows come back as problems with their line; the reader itself never throws.
 */
export async function* readCallsCsv(input: Readable): AsyncGenerator<SourceRow> {
  let header: string[] | null = null;
  const parser = parse({
    bom: true,
    columns: false,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
    info: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = chunk;
      const line = info.lines;
      if (!header) {
        header = record.map((name) => name.trim().toLowerCase());
        const missing = REQUIRED_CALL_FIELDS.filter((name) => !header?.includes(name));
        if (missing.length > 0) {
          yield {
            position: line,
            fatal: true,
            problems: missing.map((field) => ({
              field,
              message: `the header has no ${field} column; the file needs ${REQUIRED_CALL_FIELDS.join(', ')}`,
            })),
          };
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield {
          position: line,
          problems: [
            {
              field: '(row)',
              message: `this row has ${record.length} fields but the header has ${header.length}; check for an unquoted comma or a missing value`,
            },
          ],
        };
        continue;
      }
      const fields: Record<string, unknown> = {};
      header.forEach((name, i) => {
        fields[name] = record[i];
      });
      yield { position: line, fields };
    }
    if (!header)
      yield {
        position: 1,
        fatal: true,
        problems: [{ field: '(file)', message: 'the file is empty; it needs a header row and at least one call' }],
      };
  } catch (error) {
    const err = error as { message?: string; lines?: number };
    yield {
      position: err.lines ?? 0,
      problems: [{ field: '(file)', message: `the CSV cannot be read past here: ${err.message ?? String(error)}` }],
    };
  } finally {
    input.unpipe(parser);
    input.destroy();
  }
}
