import { createHmac } from 'node:crypto';
import type { Vapi } from '@vapi-ai/server-sdk';
import fc from 'fast-check';
import { sign } from 'retell-sdk';
import twilio from 'twilio';
import { TestDb, createTestDb } from '../../support/test-db';
import {
  Answer,
  CONNECTOR_SECRETS,
  MAX_LOOP_DELAY_MS,
  PUBLIC_BASE_URL,
  WebhookServer,
  sendMeasured,
  startWebhookServer,
  storedFingerprint,
} from '../webhook/support/webhook-server';
import { ConnectorFuzz, connectorFuzz } from './support/connector-fuzz-arbitraries';

/**
 * Fuzzing the running connector routes (a child process, real HTTP) as the webhook fuzz does /v1/events:
 * arbitrary bytes in every path segment, arbitrary JSON and form values in every platform field, signed
 * correctly most of the time (retell-sdk's sign, Vapi's HMAC credential, twilio's getExpectedTwilioSignature).
 * Invariants for every request: the status is 202, 204, 400, 401, 404 or 413 (never 500); the answer is JSON
 * (or empty for 204), under 16 KiB, and quotes no value of the URL at length; the server's event loop is never
 * held 200 ms; a request not answered 202 stores nothing; /healthz, asked after each request, answers 200
 * within a second.
 *
 * FUZZ_RUNS sets the number of requests (`npm run test:fuzz`: 3000 unless set; `npm test`: 60).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.FUZZ_LONG ? 3000 : 60));
const ALLOWED = [202, 204, 400, 401, 404, 413];
const MAX_ANSWER_BYTES = 16 * 1024;
const MAX_HEALTH_MS = 1000;

let t: TestDb;
let server: WebhookServer;
const figures = {
  runs: 0,
  resent: 0,
  byStatus: {} as Record<number, number>,
  byKind: {} as Record<string, number>,
  maxLoopDelayMs: 0,
  maxFirstLoopDelayMs: 0,
  maxAnswerBytes: 0,
  maxHealthMs: 0,
  startedAt: 0,
};

beforeAll(async () => {
  t = await createTestDb();
  server = await startWebhookServer(t, { connectors: true });
  figures.startedAt = Date.now();
});
afterAll(async () => {
  const seconds = (Date.now() - figures.startedAt) / 1000;
  console.log(
    `connector fuzz: ${figures.runs} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(figures.byStatus)}; ` +
      `kinds ${JSON.stringify(figures.byKind)}; max event-loop delay ${figures.maxLoopDelayMs.toFixed(1)} ms ` +
      `(first tries: max ${figures.maxFirstLoopDelayMs.toFixed(1)} ms, ${figures.resent} over the limit and sent again); ` +
      `max answer ${figures.maxAnswerBytes} bytes; slowest /healthz ${figures.maxHealthMs.toFixed(0)} ms`,
  );
  await server?.stop();
  await t?.drop();
});

/** Vapi's HMAC credential as docs/connectors.md asks for it: the raw body alone, hex, in X-Vapi-Signature. */
const VAPI_PLAN: Vapi.HmacAuthenticationPlan = {
  secretKey: CONNECTOR_SECRETS.vapi,
  algorithm: 'sha256',
  signatureHeader: 'x-vapi-signature',
  includeTimestamp: false,
  payloadFormat: '{body}',
  signatureEncoding: 'hex',
};

async function signatureHeaders(request: ConnectorFuzz, pathAndQuery: string): Promise<Record<string, string>> {
  const secret = request.auth.kind === 'wrong secret' ? 'not-the-secret' : CONNECTOR_SECRETS[request.signAs];
  const body = request.body.toString();
  if (request.auth.kind === 'none') return {};
  switch (request.signAs) {
    case 'retell':
      if (request.auth.kind === 'raw') return { 'x-retell-signature': request.auth.header };
      return { 'x-retell-signature': await sign(body, secret) };
    case 'vapi':
      if (request.auth.kind === 'raw') return { 'x-vapi-signature': request.auth.header };
      return { [VAPI_PLAN.signatureHeader as string]: createHmac('sha256', secret).update(request.body).digest('hex') };
    case 'twilio': {
      if (request.auth.kind === 'raw') return { 'x-twilio-signature': request.auth.header };
      // No prototype: a field named __proto__ is a field like any other.
      const fields = Object.create(null) as Record<string, string[]>;
      for (const [key, value] of new URLSearchParams(body)) (fields[key] ??= []).push(value);
      return {
        'x-twilio-signature': twilio.getExpectedTwilioSignature(secret, `${PUBLIC_BASE_URL}${pathAndQuery}`, fields),
      };
    }
  }
}

async function send(request: ConnectorFuzz): Promise<Answer> {
  const url = new URL(
    `${server.base}/v1/connectors/${request.platformSegment}/${request.accountSegment}${request.query}`,
  );
  const headers = {
    'content-type': request.contentType,
    ...(await signatureHeaders(request, `${url.pathname}${url.search}`)),
  };
  const response = await fetch(url, { method: 'POST', body: request.body, headers });
  const raw = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text: raw.toString('utf8'), bytes: raw.length };
}

/** /healthz's time to answer; a slow one is asked again (a loaded machine can stall any one request). */
async function healthMs(): Promise<number> {
  let ms = Infinity;
  for (let tries = 0; tries < 2 && ms >= MAX_HEALTH_MS; tries += 1) {
    const started = performance.now();
    const response = await fetch(`${server.base}/healthz`);
    await response.text();
    expect(response.status).toBe(200);
    ms = performance.now() - started;
  }
  return ms;
}

/** The first 100 characters of every value of the URL longer than that: an answer may quote a value, never at length. */
function longValuesOf(request: ConnectorFuzz): string[] {
  const values = [request.platformSegment, request.accountSegment, ...new URLSearchParams(request.query).values()];
  for (const segment of [request.platformSegment, request.accountSegment]) {
    try {
      values.push(decodeURIComponent(segment));
    } catch {
      // not decodable: quoted as sent, if at all
    }
  }
  return values.filter((value) => value.length > 100).map((value) => value.slice(0, 100));
}

describe('connector fuzz', () => {
  it(
    `keeps its invariants for ${RUNS} arbitrary requests`,
    async () => {
      await fc.assert(
        fc.asyncProperty(connectorFuzz, async (request) => {
          const before = await storedFingerprint(t);
          const { answer, maxMs, firstMs, tries } = await sendMeasured(server, () => send(request));
          const health = await healthMs();
          figures.runs += 1;
          figures.resent += tries - 1;
          figures.byStatus[answer.status] = (figures.byStatus[answer.status] ?? 0) + 1;
          figures.byKind[request.kind] = (figures.byKind[request.kind] ?? 0) + 1;
          figures.maxLoopDelayMs = Math.max(figures.maxLoopDelayMs, maxMs);
          figures.maxFirstLoopDelayMs = Math.max(figures.maxFirstLoopDelayMs, firstMs);
          figures.maxAnswerBytes = Math.max(figures.maxAnswerBytes, answer.bytes);
          figures.maxHealthMs = Math.max(figures.maxHealthMs, health);
          expect(ALLOWED).toContain(answer.status);
          expect(answer.bytes).toBeLessThan(MAX_ANSWER_BYTES);
          expect(maxMs).toBeLessThan(MAX_LOOP_DELAY_MS);
          expect(health).toBeLessThan(MAX_HEALTH_MS);
          for (const echoed of longValuesOf(request)) expect(answer.text).not.toContain(echoed);
          if (answer.status === 204) expect(answer.text).toBe('');
          else JSON.parse(answer.text); // every other answer is JSON
          if (answer.status !== 202) expect(await storedFingerprint(t)).toBe(before);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 500),
  );
});
