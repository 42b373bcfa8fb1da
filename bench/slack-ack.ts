import { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import express from 'express';
import { App, ExpressReceiver } from '@slack/bolt';
import { createSlackSurface } from '../src/adapters/slack/slack-surface';
import { loadConfig } from '../src/config';
import { startWebServer } from '../src/http/web-server';
import { importFile } from '../src/ingest/import-file';
import { createLogger } from '../src/logger';
import { createDb } from '../src/storage/connection';
import { linkWorkspace } from '../src/storage/workspace-links';
import { BENCH_DATABASE_URL, schemaUrl, withBenchDb } from './support/bench-db';
import { portLine, startTsChild, stopChild } from './support/child';
import { REPO_DIR, profileArgs } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';

/**
 * Slash-command ack under load: 200 signed /campaign-report requests a second for 20 s over loopback
 * (autocannon), p99 of the HTTP answer (the ack) under 100 ms. Ours is the real server (startWebServer +
 * the Slack surface, PostgreSQL with the sample data) that also computes every answer after the ack and
 * posts it to a local response_url sink (its own process). The baseline is a bare Bolt app that only acks, answering the same
 * signed requests in the same run. Each server runs in its own child process (this file, `serve <kind>`).
 */
const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const TEXTS = ['cmp-1-000', 'list', 'calls cmp-1-000', 'usage 2026-10', 'help', 'cmp-1-00', 'subscriptions'];
const RATE = Number(process.env.BENCH_SLACK_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SLACK_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_SLACK_CONNECTIONS ?? 20);
const P99_TARGET_MS = 100;

function signedRequest(sequence: number, sinkUrl: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'x',
    team_id: TEAM,
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: 'U0BENCH',
    user_name: 'bench',
    command: '/campaign-report',
    text: TEXTS[sequence % TEXTS.length],
    api_app_id: 'A0BENCH',
    response_url: `${sinkUrl}/response/${sequence}`,
    trigger_id: String(sequence),
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}

/**
 * Stands in for Slack: takes the answers posted to response_urls (and any Web API call) and counts them.
 * It runs in its own process so that receiving thousands of answers does not slow the load generator's
 * clock (autocannon measures latency on its own event loop).
 */
async function serveSink(): Promise<void> {
  let answers = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/count') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ answers }));
        return;
      }
      if (req.url?.startsWith('/response/')) answers += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

async function answersAt(sinkUrl: string): Promise<number> {
  const response = await fetch(`${sinkUrl}/count`);
  return ((await response.json()) as { answers: number }).answers;
}

interface AckLoad {
  requests: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  seconds: number;
}

async function load(port: number, sinkUrl: string, offset: number): Promise<AckLoad> {
  let sequence = offset;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => ({ ...request, ...signedRequest((sequence += 1), sinkUrl) }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    seconds: result.duration,
  };
}

async function startChild(
  kind: 'ours' | 'baseline' | 'sink',
  schema: string,
  sinkUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const { child, ready: port } = await startTsChild(`${kind} server`, __filename, ['serve', kind, schema, sinkUrl], {
    nodeArgs: profileArgs(`slack-${kind}`),
    ready: portLine,
  });
  return { child, port };
}

async function measure(kind: 'ours' | 'baseline', schema: string, sinkUrl: string, offset: number): Promise<AckLoad> {
  const { child, port } = await startChild(kind, schema, sinkUrl);
  try {
    // Warm-up: every kind of command a few times, so that neither side pays for module loading, JIT or
    // first connections in the measured run; then a second of quiet for their answers to finish.
    for (let i = 1; i <= TEXTS.length * 5; i += 1) {
      const warm = signedRequest(offset - i, sinkUrl);
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: warm.body, headers: warm.headers });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return await load(port, sinkUrl, offset);
  } finally {
    await stopChild(child);
  }
}

export async function slackAckBench(): Promise<Figure[]> {
  return withBenchDb('slack', async ({ db, schema }) => {
    await importFile(db, 'default', path.join(REPO_DIR, 'test/fixtures/sample/campaigns.ndjson'));
    await importFile(db, 'default', path.join(REPO_DIR, 'test/fixtures/sample/calls.csv'));
    await linkWorkspace(db, 'slack', TEAM, 'default');
    const sink = await startChild('sink', schema, '');
    const sinkUrl = `http://127.0.0.1:${sink.port}`;
    try {
      log(`${RATE} req/s for ${SECONDS} s, ${CONNECTIONS} connections; commands: ${TEXTS.join(' | ')}`);
      const baseline = await measure('baseline', schema, sinkUrl, 1_000_000);
      log(
        `baseline (bare Bolt, ack only): ${baseline.requests} requests, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms, non-2xx ${baseline.non2xx}`,
      );
      const before = await answersAt(sinkUrl);
      const ours = await measure('ours', schema, sinkUrl, 0);
      const answered = (await answersAt(sinkUrl)) - before;
      log(
        `ours (full server): ${ours.requests} requests, p50 ${ours.latencyMs.p50} ms, p99 ${ours.latencyMs.p99} ms, non-2xx ${ours.non2xx}, answers posted ${answered}`,
      );
      console.log(
        `  slash-command ack p99: OURS ${ours.latencyMs.p99} ms | BASELINE ${baseline.latencyMs.p99} ms | RATIO ${(ours.latencyMs.p99 / Math.max(baseline.latencyMs.p99, 1e-9)).toFixed(3)}`,
      );
      return [
        figure({
          bench: 'slack',
          name: `slash-command ack p99 at ${RATE} req/s`,
          unit: 'ms',
          ours: ours.latencyMs.p99,
          baseline: baseline.latencyMs.p99,
          target: `p99 < ${P99_TARGET_MS} ms`,
          pass: ours.latencyMs.p99 < P99_TARGET_MS && ours.non2xx === 0 && ours.errors === 0,
          details: { ours, baseline, answersPosted: answered, rate: RATE, seconds: SECONDS, connections: CONNECTIONS },
        }),
      ];
    } finally {
      await stopChild(sink.child);
    }
  });
}

/** Prints, when called, how busy the server's event loop was and the CPU it used since it started listening. */
function usageMeter(kind: string): () => void {
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  return () => {
    delay.disable();
    const used = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    console.error(
      `  .. ${kind} server: event loop ${(busy * 100).toFixed(0)}% busy (delay p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms), ` +
        `${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
    );
  };
}

/** The servers under test, each in its own process. */
async function serve(kind: string, schema: string, sinkUrl: string): Promise<void> {
  if (kind === 'sink') return serveSink();
  if (kind === 'baseline') {
    const receiver = new ExpressReceiver({
      signingSecret: SECRET,
      endpoints: '/slack/events',
      app: express(),
      processBeforeResponse: false,
    });
    const app = new App({ receiver, token: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCH' });
    app.command('/campaign-report', async ({ ack }) => {
      await ack();
    });
    const server = http.createServer(receiver.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
    const stopUsage = usageMeter('baseline');
    process.once('SIGTERM', () => {
      stopUsage();
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
    return;
  }
  const port = await new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const free = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(free));
    });
  });
  const config = loadConfig({
    DATABASE_URL: schemaUrl(schema),
    PORT: String(port),
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_BOT_ID: 'B0BENCH',
    SLACK_BOT_USER_ID: 'U0BENCH',
    SLACK_API_URL: `${sinkUrl}/api/`,
    QUICKCHART_BASE_URL: 'https://quickchart.example.test',
    RECORDING_LINK_SECRET: 'bench-recordings-secret-of-32-characters',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.logLevel, false);
  const db = createDb({ databaseUrl: BENCH_DATABASE_URL, schema });
  const slack = createSlackSurface({ config, db, logger });
  if (!slack) throw new Error('the Slack surface is not configured');
  const server = await startWebServer({ config, db, logger, extraRouters: [slack.router] });
  console.log(JSON.stringify({ port: config.port }));
  const stopUsage = usageMeter('ours');
  process.once('SIGTERM', () => {
    stopUsage();
    server.close();
    server.closeAllConnections();
    void slack
      .stop()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

if (require.main === module) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'serve') {
    serve(args[0], args[1], args[2]).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    void runBench('slack', 0, () => slackAckBench());
  }
}
