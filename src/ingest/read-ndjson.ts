import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { MAX_JSON_DEPTH, measureJson } from './json-shape';
import { SourceRow } from './read-csv';

export const MAX_NDJSON_LINE_CHARS = 1024 * 1024;

/** Streams NDJSON events one line at a time; a line that is not JSON comes back as a problem, never a throw. */
export async function* readNdjson(input: Readable): AsyncGenerator<SourceRow & { value?: unknown }> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed === '') continue;
      if (trimmed.length > MAX_NDJSON_LINE_CHARS) {
        yield {
          position: line,
          problems: [{ field: '(line)', message: `the line is longer than ${MAX_NDJSON_LINE_CHARS} characters` }],
        };
        continue;
      }
      if (measureJson(trimmed).depth > MAX_JSON_DEPTH) {
        yield {
          position: line,
          problems: [
            {
              field: '(line)',
              message: `the line nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; each event is one flat JSON object`,
            },
          ],
        };
        continue;
      }
      try {
        yield { position: line, value: JSON.parse(trimmed) };
      } catch {
        yield {
          position: line,
          problems: [{ field: '(line)', message: 'the line is not valid JSON; each line must be one JSON object' }],
        };
      }
    }
  } catch (error) {
    yield {
      position: line + 1,
      fatal: true,
      problems: [{ field: '(file)', message: `the file cannot be read: ${(error as Error).message}` }],
    };
  } finally {
    lines.close();
    input.destroy();
  }
}
