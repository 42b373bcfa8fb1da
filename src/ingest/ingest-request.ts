import { InvalidInput, Problem } from '../domain/errors';
import { Db } from '../storage/connection';
import { IngestCounts, prepareItems, storePrepared } from './store-items';
import { IngestItem, validateEventObject } from './validate-record';

export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const MAX_REQUEST_EVENTS = 10_000;

export class TooManyEvents extends Error {
  constructor(readonly count: number) {
    super(`the request holds ${count} events; send at most ${MAX_REQUEST_EVENTS} a request`);
  }
}

/** Splits a webhook body (a JSON array, one JSON object, or NDJSON) into raw events. */
function parseRequestEvents(body: Buffer, contentType: string): { events: unknown[] } | { problems: Problem[] } {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (contentType.includes('application/x-ndjson')) {
    const events: unknown[] = [];
    const problems: Problem[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i].trim();
      if (line === '') continue;
      try {
        events.push(JSON.parse(line));
      } catch {
        problems.push({ index: events.length + problems.length, field: '(line)', message: `line ${i + 1} is not valid JSON; each line must be one JSON object` });
      }
    }
    return problems.length > 0 ? { problems } : { events };
  }
  if (!contentType.includes('application/json')) {
    return { problems: [{ field: '(body)', message: 'send Content-Type application/json (an array of events) or application/x-ndjson' }] };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return { events: Array.isArray(parsed) ? parsed : [parsed] };
  } catch {
    return { problems: [{ field: '(body)', message: 'the body is not valid JSON; send an array of events' }] };
  }
}

/**
 * Validates every event of a request and stores them in one transaction, or none when any is invalid.
 * Throws TooManyEvents past the limit, InvalidInput with every problem (by index) when invalid.
 */
export async function ingestRequest(db: Db, accountId: string, body: Buffer, contentType: string, now = new Date()): Promise<IngestCounts> {
  const parsed = parseRequestEvents(body, contentType);
  if ('problems' in parsed) throw new InvalidInput('the request cannot be read', parsed.problems);
  if (parsed.events.length > MAX_REQUEST_EVENTS) throw new TooManyEvents(parsed.events.length);
  const items: IngestItem[] = [];
  const problems: Problem[] = [];
  parsed.events.forEach((event, index) => {
    const result = validateEventObject(event);
    if (result.item) items.push(result.item);
    else for (const problem of result.problems) problems.push({ index, ...problem });
  });
  if (problems.length > 0) throw new InvalidInput(`${problems.length} problem(s) in the request; nothing was stored`, problems);
  const prepared = prepareItems(items);
  return db.transaction((trx) => storePrepared(trx, accountId, prepared, now));
}
