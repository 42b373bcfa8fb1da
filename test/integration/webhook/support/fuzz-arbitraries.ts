import fc from 'fast-check';
import { callEvent, campaignEvent } from './webhook-server';

/**
 * Generators of hostile request bodies for the fuzz suites: events that are almost valid (one or more fields
 * replaced by something strange), arbitrary JSON, NDJSON with broken lines, CSV, bytes.
 */

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
/** Text a header may carry (fetch refuses control characters). */
export const headerText = fc.string({ unit: printable, maxLength: 120 });

/** Values PostgreSQL refuses, values at the edges of every rule, and values that used to stall the server. */
export const edgeValues = fc.constantFrom<unknown>(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '🎉',
  '',
  ' ',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '9999-12-31T23:59:59+14:00',
  '0001-01-01T00:00:00+14:00',
  '2026-02-29T00:00:00Z',
  '2024-02-29T23:59:59.999999999+07:00',
  '2026-11-20T03:00:00',
  `a@${'.'.repeat(20_000)}@`,
  [`a@${'.'.repeat(20_000)}@`],
  `${'9'.repeat(5000)}`,
  ` ${' '.repeat(3000)}1x`,
  '+8490123456789012345',
  '1e400',
  '-0',
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  1e-7,
  0.1,
  true,
  null,
  [],
  {},
  'https://example.com/r.mp3',
  'javascript:alert(1)',
  'x'.repeat(201),
  'x'.repeat(2049),
);

export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgeValues },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  { weight: 1, arbitrary: fc.integer() },
);

const FIELDS = [
  'type',
  'call_id',
  'campaign_id',
  'campaign_name',
  'bot_id',
  'bot_name',
  'customer_id',
  'phone',
  'attempt',
  'started_at',
  'answered_at',
  'ended_at',
  'result_code',
  'messages',
  'blocks',
  'cost',
  'recording_url',
  'customers_total',
  'report_emails',
  'at',
  '__proto__',
  'constructor',
];

function validEventFor(isCall: boolean, id: number): Record<string, unknown> {
  return isCall
    ? callEvent(`fz-${id}`, { campaign_id: `fz-c${id % 3}` })
    : campaignEvent({ campaign_id: `fz-c${id % 3}` });
}

/** A valid event, for batches that should be stored (call ids from a small set: duplicates and corrections happen). */
const validEvent = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 30 }), fc.constantFrom('paid', 'BS', 'NA', 'CU', 'promise'))
  .map(([isCall, id, code]) => {
    const event = validEventFor(isCall, id);
    if (isCall && code !== 'paid')
      Object.assign(event, { result_code: code, ...(code === 'promise' ? {} : { answered_at: null }) });
    return event;
  });

/** A valid event with some fields replaced by strange values or removed; call ids drawn from a small set so that corrections happen. */
export const nearlyValidEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.boolean(),
    fc.integer({ min: 0, max: 30 }),
    fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom(...FIELDS), strangeValue, { minKeys: 1, maxKeys: 3 })),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray(FIELDS, { minLength: 1, maxLength: 2 }) },
    ),
  )
  .map(([isCall, id, overrides, removed]) => {
    const event = validEventFor(isCall, id);
    for (const field of removed) delete event[field];
    return { ...event, ...overrides };
  });

export type FuzzBody = { kind: string; body: string | Buffer; type: string };

const someEvents = fc.oneof(fc.array(validEvent, { maxLength: 12 }), fc.array(nearlyValidEvent, { maxLength: 12 }));

const jsonArrayBody = someEvents.map((events): FuzzBody => ({
  kind: 'json events',
  body: JSON.stringify(events),
  type: 'application/json',
}));

const ndjsonBody = fc
  .oneof(
    someEvents.map((events) => events.map((event) => JSON.stringify(event))),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: nearlyValidEvent.map((event) => JSON.stringify(event)) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      ),
      { maxLength: 12 },
    ),
  )
  .chain((lines) =>
    fc
      .constantFrom('\n', '\r\n')
      .map((separator): FuzzBody => ({ kind: 'ndjson', body: lines.join(separator), type: 'application/x-ndjson' })),
  );

const anyJsonBody = fc
  .jsonValue({ maxDepth: 5 })
  .map((value): FuzzBody => ({ kind: 'any json', body: JSON.stringify(value) ?? 'null', type: 'application/json' }));

const nestedBody = fc.integer({ min: 1, max: 200_000 }).map((depth): FuzzBody => ({
  kind: 'nested',
  body: `${'['.repeat(depth)}${']'.repeat(depth)}`,
  type: 'application/json',
}));

const bytesBody = fc
  .tuple(
    fc.uint8Array({ maxLength: 400 }),
    fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', ''),
  )
  .map(([bytes, type]): FuzzBody => ({ kind: 'bytes', body: Buffer.from(bytes), type }));

const CSV_COLUMNS = [
  'call_id',
  'campaign_id',
  'bot_id',
  'customer_id',
  'started_at',
  'answered_at',
  'ended_at',
  'result_code',
  'phone',
  'cost',
  'blocks',
  'messages',
  'recording_url',
  'extra',
];

const csvCell = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  edgeValues.map((value) => (typeof value === 'string' ? value.slice(0, 100) : (JSON.stringify(value) ?? ''))),
  fc.constantFrom('"', '""', '"a,b"', 'a\nb', '\r', ',', '2026-11-20T03:00:00Z', 'BS', 'NA', 'paid'),
);

/** CSV text: a header of known (and unknown) columns, then rows of strange cells, quoted or not. */
export const csvText = fc
  .tuple(
    fc.subarray(CSV_COLUMNS, { minLength: 1 }),
    fc.array(fc.array(csvCell, { maxLength: 15 }), { maxLength: 10 }),
    fc.boolean(),
  )
  .map(([header, rows, quoteAll]) => {
    const cell = (text: string) => (quoteAll || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    return [header.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n');
  });

const csvBody = csvText.map((text): FuzzBody => ({ kind: 'csv', body: text, type: 'text/csv' }));

const MiB = 1024 * 1024;
/** Over a limit: 10,001 events in NDJSON or in a JSON array, or more than 5 MiB. */
const oversizedBody = fc
  .constantFrom<() => FuzzBody>(
    () => ({ kind: 'too many ndjson lines', body: '{}\n'.repeat(10_001), type: 'application/x-ndjson' }),
    () => ({ kind: 'too many json events', body: `[${'{},'.repeat(10_000)}{}]`, type: 'application/json' }),
    () => ({ kind: 'over 5 MiB', body: Buffer.alloc(5 * MiB + 1, 0x20), type: 'application/json' }),
  )
  .map((make) => make());

export const fuzzBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 1, arbitrary: oversizedBody },
  { weight: 4, arbitrary: jsonArrayBody },
  { weight: 3, arbitrary: ndjsonBody },
  { weight: 1, arbitrary: anyJsonBody },
  { weight: 1, arbitrary: nestedBody },
  { weight: 1, arbitrary: bytesBody },
  { weight: 1, arbitrary: csvBody },
);

/** How the request is signed and addressed: mostly right, sometimes each header broken its own way. */
export type FuzzHeaders =
  | { kind: 'signed' }
  | { kind: 'stale'; seconds: number }
  | { kind: 'wrong secret'; secret: string }
  | { kind: 'raw'; account?: string; signature?: string; contentType?: string };

export const fuzzHeaders: fc.Arbitrary<FuzzHeaders> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<FuzzHeaders>({ kind: 'signed' }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 301, max: 10_000_000 })
      .chain((seconds) =>
        fc.constantFrom<FuzzHeaders>({ kind: 'stale', seconds }, { kind: 'stale', seconds: -seconds }),
      ),
  },
  { weight: 1, arbitrary: headerText.map((secret): FuzzHeaders => ({ kind: 'wrong secret', secret })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        account: fc.option(headerText, { nil: undefined }),
        signature: fc.option(headerText, { nil: undefined }),
        contentType: fc.option(headerText, { nil: undefined }),
      })
      .map((raw): FuzzHeaders => ({ kind: 'raw', ...raw })),
  },
);
