import { setImmediate as nextTurn } from 'node:timers/promises';
import { InvalidInput, ProblemList } from '../domain/errors';
import { Db } from '../storage/connection';
import { claimSignedRequest } from '../storage/signed-requests';
import { MAX_JSON_DEPTH, measureJson } from './json-shape';
import { IngestCounts, prepareItemsInTurns, storePrepared } from './store-items';
import { IngestItem, validateEventObject } from './validate-record';

export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const MAX_REQUEST_EVENTS = 10_000;
/** An answer about bad input lists this many problems and counts the rest, so it stays well under 64 KiB. */
export const MAX_LISTED_PROBLEMS = 50;
/** Events validated between two turns of the event loop, so that one request never holds it for long. */
const EVENTS_PER_TURN = 1000;
/** Past this many bytes, reading a body gives the event loop a turn between its steps. */
const LARGE_TEXT = 256 * 1024;

export class TooManyEvents extends Error {
  constructor() {
    super(`the request holds more than ${MAX_REQUEST_EVENTS} events; send at most ${MAX_REQUEST_EVENTS} a request`);
    this.name = 'TooManyEvents';
  }
}

const tooDeep = (where: string) =>
  `${where} nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; each event is one flat JSON object`;

function isNdjson(contentType: string): boolean {
  return contentType.includes('application/x-ndjson');
}

const NOT_JSON = Symbol('not JSON');

/**
 * JSON.parse without the cost of a stack trace when it fails: 10,000 junk lines would otherwise spend
 * ~100 ms of the event loop building traces nobody reads.
 */
function parseJsonQuietly(text: string): unknown {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** NDJSON: one event a line. Counts lines as it goes and stops past the limit; each line is measured before parsing. */
function parseNdjsonEvents(text: string): unknown[] {
  const events: unknown[] = [];
  const problems = new ProblemList(MAX_LISTED_PROBLEMS);
  let lineNumber = 0;
  let count = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lineNumber += 1;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    count += 1;
    if (count > MAX_REQUEST_EVENTS) throw new TooManyEvents();
    const where = { index: count - 1, field: '(line)' };
    if (measureJson(line).depth > MAX_JSON_DEPTH) {
      problems.add({ ...where, message: tooDeep(`line ${lineNumber}`) });
      continue;
    }
    const event = parseJsonQuietly(line);
    if (event === NOT_JSON)
      problems.add({ ...where, message: `line ${lineNumber} is not valid JSON; each line must be one JSON object` });
    else events.push(event);
  }
  if (problems.total > 0)
    throw new InvalidInput(
      `${problems.total} line(s) of the request cannot be read; nothing was stored`,
      problems.listed,
      problems.total,
    );
  return events;
}

/** A JSON array of events (or one event). Its elements are counted before anything is built. */
async function parseJsonEvents(text: string): Promise<unknown[]> {
  const shape = measureJson(text, 0, text.length, MAX_JSON_DEPTH, MAX_REQUEST_EVENTS);
  if (shape.topLevelItems > MAX_REQUEST_EVENTS) throw new TooManyEvents();
  if (shape.depth > MAX_JSON_DEPTH)
    throw new InvalidInput('the request cannot be read', [{ field: '(body)', message: tooDeep('the body') }]);
  if (text.length > LARGE_TEXT) await nextTurn();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInput('the request cannot be read', [
      { field: '(body)', message: 'the body is not valid JSON; send an array of events' },
    ]);
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * Splits a request body (a JSON array, one JSON object, or NDJSON) into raw events.
 * Throws TooManyEvents past the limit (counted while reading), InvalidInput when the body cannot be read.
 */
export async function parseRequestEvents(body: Buffer, contentType: string): Promise<unknown[]> {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (body.length > LARGE_TEXT) await nextTurn();
  if (isNdjson(contentType)) return parseNdjsonEvents(text);
  if (!contentType.includes('application/json')) {
    throw new InvalidInput('the request cannot be read', [
      { field: '(body)', message: 'send Content-Type application/json (an array of events) or application/x-ndjson' },
    ]);
  }
  return parseJsonEvents(text);
}

/**
 * Validates raw events with the one validator. Throws InvalidInput listing the first problems by index and
 * counting all of them. Yields to the event loop between slices of events.
 */
export async function validateRequestEvents(events: unknown[]): Promise<IngestItem[]> {
  if (events.length > MAX_REQUEST_EVENTS) throw new TooManyEvents();
  const items: IngestItem[] = [];
  const problems = new ProblemList(MAX_LISTED_PROBLEMS);
  for (let index = 0; index < events.length; index += 1) {
    if (index > 0 && index % EVENTS_PER_TURN === 0) await nextTurn();
    const result = validateEventObject(events[index]);
    if (result.item) items.push(result.item);
    else for (const problem of result.problems) problems.add({ index, ...problem });
  }
  if (problems.total > 0) {
    throw new InvalidInput(
      `${problems.total} problem(s) in the request; nothing was stored`,
      problems.listed,
      problems.total,
    );
  }
  return items;
}

/** Says who signed a request and with which signature, so that the same signed request is applied once. */
export interface SignedRequest {
  /** The signature that matched (hex), unique per timestamp and body. */
  signature: string;
  /** Until when a replay of it could still pass the signature check. */
  replayableUntil: Date;
}

/**
 * Stores validated items in one transaction. With `signed`, the signature is claimed in the same
 * transaction: a request already applied changes nothing and counts every event as a duplicate.
 */
export async function storeRequestItems(
  db: Db,
  accountId: string,
  items: IngestItem[],
  now: Date,
  signed?: SignedRequest,
  erasureKey?: Buffer,
): Promise<IngestCounts> {
  const prepared = await prepareItemsInTurns(items, EVENTS_PER_TURN);
  return db.transaction(async (trx) => {
    if (signed && !(await claimSignedRequest(trx, accountId, signed.signature, signed.replayableUntil))) {
      return { accepted: 0, duplicates: items.length, updated: 0 };
    }
    return storePrepared(trx, accountId, prepared, now, erasureKey);
  });
}

/**
 * Validates every event of a request and stores them in one transaction, or none when any is invalid.
 * Throws TooManyEvents past the limit, InvalidInput with the first problems (by index) when invalid.
 */
export async function ingestRequest(
  db: Db,
  accountId: string,
  body: Buffer,
  contentType: string,
  now = new Date(),
  signed?: SignedRequest,
  erasureKey?: Buffer,
): Promise<IngestCounts> {
  const events = await parseRequestEvents(body, contentType);
  const items = await validateRequestEvents(events);
  return storeRequestItems(db, accountId, items, now, signed, erasureKey);
}
