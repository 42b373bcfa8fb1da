import fc from 'fast-check';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { TestDb, createTestDb } from '../../support/test-db';
import { FuzzBody, FuzzHeaders, fuzzBody, fuzzHeaders } from './support/fuzz-arbitraries';
import {
  ACCOUNT,
  Answer,
  MAX_LOOP_DELAY_MS,
  SECRET,
  WebhookServer,
  postEvents,
  sendMeasured,
  startWebhookServer,
  storedFingerprint,
} from './support/webhook-server';

/**
 * Fuzzing the running webhook (a child process, real HTTP): arbitrary JSON, NDJSON, CSV and byte bodies
 * with correct, stale, wrong and arbitrary headers. Invariants for every request: the status is 202, 400,
 * 401 or 413 (never 500; 503 belongs to a database that is away, tested elsewhere); the answer is under
 * 64 KiB; the server's event loop is never held 200 ms; a request not answered 202 stores nothing.
 *
 * FUZZ_RUNS sets the number of requests (`npm run test:fuzz`: 3000 unless set; `npm test`: 60).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.FUZZ_LONG ? 3000 : 60));
const ALLOWED = [202, 400, 401, 413];
const MAX_ANSWER_BYTES = 64 * 1024;

let t: TestDb;
let server: WebhookServer;
const figures = {
  runs: 0,
  resent: 0,
  maxFirstLoopDelayMs: 0,
  byStatus: {} as Record<number, number>,
  maxLoopDelayMs: 0,
  maxAnswerBytes: 0,
  startedAt: 0,
};

beforeAll(async () => {
  t = await createTestDb();
  server = await startWebhookServer(t);
  figures.startedAt = Date.now();
});
afterAll(async () => {
  const seconds = (Date.now() - figures.startedAt) / 1000;
  console.log(
    `webhook fuzz: ${figures.runs} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(figures.byStatus)}; ` +
      `max event-loop delay ${figures.maxLoopDelayMs.toFixed(1)} ms (first tries: max ${figures.maxFirstLoopDelayMs.toFixed(1)} ms, ${figures.resent} over the limit and sent again); max answer ${figures.maxAnswerBytes} bytes`,
  );
  await server?.stop();
  await t?.drop();
});

function send(body: FuzzBody, headers: FuzzHeaders): Promise<Answer> {
  const now = Math.floor(Date.now() / 1000);
  switch (headers.kind) {
    case 'signed':
      return postEvents(server.base, body.body, { type: body.type });
    case 'stale':
      return postEvents(server.base, body.body, { type: body.type, t: now - headers.seconds });
    case 'wrong secret':
      return postEvents(server.base, body.body, { type: body.type, secret: headers.secret });
    case 'raw':
      return postEvents(server.base, body.body, {
        type: headers.contentType ?? body.type,
        account: headers.account ?? ACCOUNT,
        signature: headers.signature ?? signWebhookBody(SECRET, now, body.body),
      });
  }
}

describe('webhook fuzz', () => {
  it(
    `keeps its invariants for ${RUNS} arbitrary requests`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fuzzBody, fuzzHeaders, async (body, headers) => {
          const before = await storedFingerprint(t);
          const { answer, maxMs, firstMs, tries } = await sendMeasured(server, () => send(body, headers));
          figures.runs += 1;
          figures.resent += tries - 1;
          figures.maxFirstLoopDelayMs = Math.max(figures.maxFirstLoopDelayMs, firstMs);
          figures.byStatus[answer.status] = (figures.byStatus[answer.status] ?? 0) + 1;
          figures.maxLoopDelayMs = Math.max(figures.maxLoopDelayMs, maxMs);
          figures.maxAnswerBytes = Math.max(figures.maxAnswerBytes, answer.bytes);
          expect(ALLOWED).toContain(answer.status);
          expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
          expect(maxMs).toBeLessThan(MAX_LOOP_DELAY_MS);
          JSON.parse(answer.text); // every answer is JSON
          if (answer.status !== 202) expect(await storedFingerprint(t)).toBe(before);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 500),
  );
});
