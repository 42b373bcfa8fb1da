import { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { encryptSecret, newSecret } from '../src/domain/secret-box';
import { signWebhookBody } from '../src/domain/webhook-signature';
import { upsertAccount } from '../src/storage/accounts';
import { Db } from '../src/storage/connection';
import { withBenchDb } from './support/bench-db';
import { portLine, startTsChild, stopChild } from './support/child';
import { measureCpu } from './support/cpu';
import { callEvent, callRow } from './support/call-data';
import { benchRows, profileArgs, startScriptNodeOptions } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';

/**
 * Target 3: ≥ 20,000 events/s accepted (202) by POST /v1/events of the real server, in signed batches of
 * 1,000 `call.completed` events with unique call ids, for ~15 s with autocannon. Baseline: POST /bench/sink
 * of the same server process (same express stack, same bodies read, 202 without ingesting).
 * The server runs in a child process so that it does not share an event loop with the load generator.
 */
const ACCOUNT = 'bench';
const EVENTS_PER_REQUEST = 1000;
const TEMPLATES = 8;
const SEQ_MARK = '@@';

function seconds(): number {
  if (process.env.BENCH_WEBHOOK_SECONDS) return Number(process.env.BENCH_WEBHOOK_SECONDS);
  return benchRows() >= 1_000_000 ? 15 : 5;
}

const connections = () => Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 4);

/** One web process per core (WEB_CONCURRENCY, as README advises for an ingest-heavy web role). */
const webProcesses = () => Number(process.env.BENCH_WEB_CONCURRENCY ?? os.cpus().length);

/** Bodies of 1,000 realistic events whose call ids carry a marker, replaced by a request number when sent. */
function bodyTemplates(): string[] {
  const shape = {
    rows: 1_000_000,
    bots: 10,
    campaigns: 200,
    concurrent: 8,
    monthStart: new Date('2026-11-01T00:00:00Z'),
    idPrefix: `w${SEQ_MARK}_`,
  };
  return Array.from({ length: TEMPLATES }, (_, t) =>
    JSON.stringify(Array.from({ length: EVENTS_PER_REQUEST }, (_, j) => callEvent(callRow(t * 40_000 + j, shape)))),
  );
}

export interface WebhookAccount {
  /** APP_ENCRYPTION_KEY of the server under test, which seals the ingest secret. */
  key: Buffer;
  /** The account's ingest secret, which signs each body. */
  secret: string;
  templates: string[];
  /** The next body of the templates in turn, its call ids made unique with `prefix` and a sequence number. */
  uniqueBody: () => string;
}

/** The account ACCOUNT with a fresh ingest secret, and bodies of 1,000 new calls each. */
export async function prepareWebhookAccount(db: Db, prefix: string): Promise<WebhookAccount> {
  const key = randomBytes(32);
  const secret = newSecret();
  await upsertAccount(db, ACCOUNT, { ingestSecretSealed: encryptSecret(secret, key) }, 'Asia/Ho_Chi_Minh');
  const templates = bodyTemplates();
  let sequence = 0;
  const uniqueBody = () => {
    sequence += 1;
    return templates[sequence % templates.length].replaceAll(SEQ_MARK, `${prefix}${sequence}`);
  };
  return { key, secret, templates, uniqueBody };
}

async function startServer(schema: string, key: string): Promise<{ child: ChildProcess; port: number }> {
  const { child, ready: port } = await startTsChild(
    'server',
    path.join(__dirname, 'support', 'webhook-server-child.ts'),
    [schema, key, String(webProcesses())],
    {
      nodeArgs: [...startScriptNodeOptions(), ...profileArgs('webhook-server')],
      ready: portLine,
    },
  );
  return { child, port };
}

export interface LoadResult {
  eventsPerSecond: number;
  accepted202: number;
  other: Record<string, number>;
  errors: number;
  latencyMs: { p50: number; p99: number; max: number };
  seconds: number;
}

export async function load(
  port: number,
  urlPath: string,
  nextBody: () => string,
  secret: string,
  duration = seconds(),
): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: connections(),
    duration,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: urlPath,
        setupRequest: (request) => {
          const body = nextBody();
          return {
            ...request,
            body,
            headers: {
              'content-type': 'application/json',
              'x-voicebot-account': ACCOUNT,
              'x-voicebot-signature': signWebhookBody(secret, Math.floor(Date.now() / 1000), body),
            },
          };
        },
      },
    ],
  });
  const stats = result.statusCodeStats ?? {};
  const accepted202 = stats['202']?.count ?? 0;
  const other = Object.fromEntries(
    Object.entries(stats)
      .filter(([code]) => code !== '202')
      .map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    eventsPerSecond: (accepted202 * EVENTS_PER_REQUEST) / result.duration,
    accepted202,
    other,
    errors: result.errors + result.timeouts,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    seconds: result.duration,
  };
}

export async function webhookBench(): Promise<Figure[]> {
  return withBenchDb('webhook', async ({ db, schema }) => {
    const { key, secret, templates, uniqueBody } = await prepareWebhookAccount(db, '');
    log(
      `bodies: ${EVENTS_PER_REQUEST} events, ${(templates[0].length / 1024).toFixed(0)} KiB each; ${connections()} connections, ${seconds()} s a run; ${webProcesses()} web processes (node ${startScriptNodeOptions().join(' ')})`,
    );
    let rotation = 0;
    const sameBodies = templates.map((t) => t.replaceAll(SEQ_MARK, 'sink'));
    const rotatingBody = () => sameBodies[(rotation += 1) % TEMPLATES];

    const { child, port } = await startServer(schema, key.toString('base64'));
    try {
      const { result: baseline } = await measureCpu(child.pid, () => load(port, '/bench/sink', rotatingBody, secret));
      log(
        `baseline /bench/sink: ${baseline.accepted202} × 202 in ${baseline.seconds} s, p50 ${baseline.latencyMs.p50} ms`,
      );
      const post = (body: string, signed: boolean) =>
        fetch(`http://127.0.0.1:${port}/v1/events`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-voicebot-account': ACCOUNT,
            ...(signed ? { 'x-voicebot-signature': signWebhookBody(secret, Math.floor(Date.now() / 1000), body) } : {}),
          },
        });
      const unsigned = await post(uniqueBody(), false);
      if (unsigned.status !== 401) throw new Error(`an unsigned request got ${unsigned.status}, expected 401`);
      for (let i = 0; i < 3; i += 1) {
        const warm = await post(uniqueBody(), true); // warm-up, not measured
        if (warm.status !== 202)
          throw new Error(`a signed batch got ${warm.status}: ${(await warm.text()).slice(0, 500)}`);
      }
      const { result: ours, cpu } = await measureCpu(child.pid, () => load(port, '/v1/events', uniqueBody, secret));
      log(
        `ours /v1/events: ${ours.accepted202} × 202 in ${ours.seconds} s, other ${JSON.stringify(ours.other)}, errors ${ours.errors}, p50 ${ours.latencyMs.p50} ms, p99 ${ours.latencyMs.p99} ms`,
      );
      log(
        `CPU during ours: server processes ${cpu.processCores?.toFixed(2) ?? '?'} cores, load generator ${cpu.selfCores.toFixed(2)}, whole machine ${cpu.machineCores.toFixed(2)} of ${os.cpus().length} cores`,
      );
      const stored = Number(((await db('calls').count('* as n')) as { n: number }[])[0].n);
      if (stored < ours.accepted202 * EVENTS_PER_REQUEST) {
        throw new Error(`${ours.accepted202} requests got 202 but only ${stored} calls are stored`);
      }
      return [
        figure({
          bench: 'webhook',
          name: `webhook ingest, ${EVENTS_PER_REQUEST}-event batches`,
          unit: 'events/s',
          ours: ours.eventsPerSecond,
          baseline: baseline.eventsPerSecond,
          target: '≥ 20,000 events/s',
          pass: ours.eventsPerSecond >= 20_000 && ours.errors === 0 && Object.keys(ours.other).length === 0,
          details: {
            ours,
            baseline,
            connections: connections(),
            webProcesses: webProcesses(),
            storedCalls: stored,
            cpuDuringOurs: cpu,
          },
        }),
      ];
    } finally {
      await stopChild(child, 10_000);
    }
  });
}

if (require.main === module) {
  void runBench('webhook', benchRows(), () => webhookBench());
}
