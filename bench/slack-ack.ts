import { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import express from 'express';
import { App, ExpressReceiver } from '@slack/bolt';
import { createSlackSurface } from '../src/adapters/slack/slack-surface';
import { startAnswerThreads } from '../src/answer-thread';
import { loadConfig } from '../src/config';
import { startWebRole } from '../src/web-role';
import { reportWiring } from '../src/jobs/report-deps';
import { BENCH_REDIS_URL, dropJobQueues } from './support/job-queues';
import { createLogger } from '../src/logger';
import { Db, createDb } from '../src/storage/connection';
import { BENCH_DATABASE_URL, checkpointNow, schemaUrl, withBenchDb } from './support/bench-db';
import { describeCores, serverCpuSplit, threadCpuMs, threadCpuSince } from './support/cpu';
import { portLine, startTsChild, stopChild } from './support/child';
import { profileArgs, startScriptNodeOptions } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';
import { loadSampleLinkedTo } from './support/sample-workspace';
import { mean, quantile, withCoordinatedOmission } from './support/stats';
import { LoadResult, load as webhookLoad, prepareWebhookAccount } from './webhook';

/**
 * Slash commands under load (issue 19, items 1 and 4): 200 signed /campaign-report requests a second over
 * loopback (autocannon). Ours is the real server (startWebServer + the Slack surface, PostgreSQL with the
 * sample data) whose answer threads compute every answer after the ack and post it to a local response_url
 * sink (its own process), which times each answer from the moment its command was sent. Figures, each
 * against a baseline measured in the same run:
 *  - the ack p99 against a bare Bolt app that only acks (target ≤ 1.5 ×), with QuickChart URLs and with
 *    QUICKCHART_BASE_URL=off (charts drawn here with canvas and uploaded to the sink's files API);
 *  - the answers' p95, command sent → answer posted (target < 1 s), against the same server answering on
 *    its request loop (ANSWER_THREADS=0, as before answer threads);
 *  - the webhook's throughput (1,000-event batches) on the same server while 200 commands a second are
 *    answered, against its throughput alone in the turns just before and just after (target ≥ 0.8 ×).
 * Each server runs in its own child process (this file, `serve <kind>`).
 */
const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const TEXTS = ['cmp-1-000', 'list', 'calls cmp-1-000', 'usage 2026-10', 'help', 'cmp-1-00', 'subscriptions'];
const RATE = Number(process.env.BENCH_SLACK_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SLACK_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_SLACK_CONNECTIONS ?? 20);
/** Answer threads of our server; unset: the configuration's default (DEFAULT_ANSWER_THREADS). */
const THREADS = process.env.BENCH_ANSWER_THREADS;
/** BENCH_SLACK_PARTS=on,off,webhook (the default: all three): which measurements run (for profiling one). */
const PARTS = new Set((process.env.BENCH_SLACK_PARTS ?? 'on,off,webhook').split(',').map((part) => part.trim()));
const ACK_RATIO_TARGET = 1.5;
const ANSWER_P95_TARGET_MS = 1000;
const WEBHOOK_RATIO_TARGET = 0.8;

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
    // The sink times the answer from this moment (same machine, same clock).
    response_url: `${sinkUrl}/response/${sequence}/${Date.now()}`,
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
 * Stands in for Slack: takes the answers posted to response_urls (timing each from its command's send
 * time), the files API of chart uploads, and any other Web API call. Its own process, so that receiving
 * thousands of answers does not slow the load generator's clock.
 */
async function serveSink(): Promise<void> {
  let latencies: number[] = [];
  let files = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      const json = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (url === '/take') {
        json({ latencies });
        latencies = [];
        return;
      }
      const answer = /^\/response\/\d+\/(\d+)$/.exec(url);
      if (answer) {
        latencies.push(Date.now() - Number(answer[1]));
        return json({ ok: true });
      }
      if (url.endsWith('/files.getUploadURLExternal')) {
        files += 1;
        const port = (server.address() as AddressInfo).port;
        return json({ ok: true, upload_url: `http://127.0.0.1:${port}/upload/F${files}`, file_id: `F${files}` });
      }
      if (url.endsWith('/files.completeUploadExternal')) return json({ ok: true, files: [{ id: `F${files}` }] });
      json({ ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

/** The answers posted since the last call, each's ms from command sent to answer posted. */
async function takeAnswers(sinkUrl: string): Promise<number[]> {
  const response = await fetch(`${sinkUrl}/take`);
  return ((await response.json()) as { latencies: number[] }).latencies;
}

interface AckLoad {
  requests: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  seconds: number;
}

/**
 * `seconds` of slash commands at RATE; the acks' latencies, corrected for coordinated omission, in `latencies`,
 * from `settleMs` on (a turn's first moments open its connections).
 */
async function slashLoad(
  port: number,
  sinkUrl: string,
  offset: number,
  seconds = SECONDS,
  settleMs = 0,
): Promise<AckLoad & { latencies: number[] }> {
  let sequence = offset;
  const acked: number[] = [];
  // Without a callback autocannon returns its tracker (an EventEmitter) made thenable; its types say Promise.
  const tracker = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: seconds,
    timeout: 10,
    // autocannon's own correction takes 1 ms as the expected interval at any rate (Math.ceil(1 / rate)), so
    // every answer slower than 1 ms gets made-up samples; the correct one is applied below instead.
    ignoreCoordinatedOmission: true,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => ({ ...request, ...signedRequest((sequence += 1), sinkUrl) }),
      },
    ],
  }) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  const measuredFrom = Date.now() + settleMs;
  tracker.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300 && Date.now() >= measuredFrom) acked.push(responseTime);
  });
  const result = await tracker;
  const latencies = withCoordinatedOmission(acked, (1000 * CONNECTIONS) / RATE);
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latencyMs: latencySummary(latencies),
    seconds: result.duration,
    latencies,
  };
}

function latencySummary(latencies: number[]): AckLoad['latencyMs'] {
  return {
    p50: round1(quantile(latencies, 0.5)),
    p90: round1(quantile(latencies, 0.9)),
    p99: round1(quantile(latencies, 0.99)),
    max: round1(Math.max(0, ...latencies)),
  };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

interface Variant {
  kind: 'ours' | 'baseline' | 'sink';
  /** Answer threads ('' = the configuration's default). */
  threads?: string;
  quickchart?: 'on' | 'off';
}

async function startChild(
  variant: Variant,
  schema: string,
  sinkUrl: string,
  keyBase64 = '',
): Promise<{ child: ChildProcess; port: number }> {
  const args = ['serve', variant.kind, schema, sinkUrl, variant.threads ?? '', variant.quickchart ?? 'on', keyBase64];
  const { child, ready: port } = await startTsChild(`${variant.kind} server`, __filename, args, {
    // Ours runs with the node options `npm start` gives it; the bare Bolt app and the sink with node's own.
    nodeArgs: [...(variant.kind === 'ours' ? startScriptNodeOptions() : []), ...profileArgs(`slack-${variant.kind}`)],
    ready: portLine,
  });
  return { child, port };
}

/**
 * BENCH_SLACK_WARM_SECONDS (default 15): the load each server meets before it is measured. The figures are
 * a long-running server's: on a fresh process V8 spends the first ~15 s at this rate compiling the answers'
 * code on its own threads (seen as ~20 % of a core besides the answers themselves, falling to ~3 %).
 */
const WARM_SECONDS = Number(process.env.BENCH_SLACK_WARM_SECONDS ?? 15);

/**
 * Every kind of command a few times (module loading; answer threads start with the server and load the
 * program first), then WARM_SECONDS of the load, so that no side pays for JIT or first connections; ours'
 * answers are awaited and forgotten, and a second of quiet follows.
 */
async function warmUp(port: number, sinkUrl: string, offset: number, answered: boolean): Promise<void> {
  const count = TEXTS.length * 5;
  for (let i = 1; i <= count; i += 1) {
    const warm = signedRequest(offset - i, sinkUrl);
    await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: warm.body, headers: warm.headers });
  }
  if (answered) await collectAnswers(sinkUrl, count);
  if (WARM_SECONDS > 0) {
    const load = await slashLoad(port, sinkUrl, offset + 50_000, WARM_SECONDS);
    if (answered) await collectAnswers(sinkUrl, load.requests - load.non2xx);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await takeAnswers(sinkUrl);
}

interface Measured {
  acks: AckLoad;
  answers: { count: number; p50: number; p95: number; max: number };
}

/** Waits (up to 60 s) until every acked command has its answer at the sink, then summarizes the answers. */
async function collectAnswers(sinkUrl: string, expected: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + 60_000;
  while (latencies.length < expected && Date.now() < until) {
    latencies.push(...(await takeAnswers(sinkUrl)));
    if (latencies.length < expected) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return latencies;
}

/**
 * BENCH_SLACK_ROUNDS (default 4): the servers compared take turns under the load, SECONDS / ROUNDS each, so that
 * the machine's drift over the minutes of a run (a bare Bolt app's p99 moved from 23 to 36 ms between runs)
 * weighs on each of them alike.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_SLACK_ROUNDS ?? 4));
/** The start of each turn, not measured: every server meets the load on fresh connections. */
const TURN_SETTLE_MS = 1000;

/** The variants' servers, all started and warmed, then loaded in turns; each one's acks and answers pooled. */
async function measureInTurns(
  variants: Variant[],
  schema: string,
  sinkUrl: string,
  offset: number,
): Promise<Measured[]> {
  const servers: { child: ChildProcess; port: number }[] = [];
  try {
    for (const [i, variant] of variants.entries()) {
      servers.push(await startChild(variant, schema, sinkUrl));
      await warmUp(servers[i].port, sinkUrl, offset + i * 100_000, variant.kind === 'ours');
    }
    const pooled = variants.map(() => ({ acks: [] as AckLoad[], latencies: [] as number[], answers: [] as number[] }));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, variant] of variants.entries()) {
        const turn = offset + i * 100_000 + round * 10_000;
        const acks = await slashLoad(
          servers[i].port,
          sinkUrl,
          turn,
          SECONDS / ROUNDS + TURN_SETTLE_MS / 1000,
          TURN_SETTLE_MS,
        );
        pooled[i].acks.push(acks);
        pooled[i].latencies.push(...acks.latencies);
        if (variant.kind === 'ours') {
          pooled[i].answers.push(...(await collectAnswers(sinkUrl, acks.requests - acks.non2xx)));
          // A command may be answered twice (an answer, then its follow-up): those count in this turn too.
          await new Promise((resolve) => setTimeout(resolve, 250));
          pooled[i].answers.push(...(await takeAnswers(sinkUrl)));
        }
      }
    }
    return pooled.map(({ acks, latencies, answers }) => ({
      acks: {
        requests: sum(acks.map((turn) => turn.requests)),
        non2xx: sum(acks.map((turn) => turn.non2xx)),
        errors: sum(acks.map((turn) => turn.errors)),
        latencyMs: latencySummary(latencies),
        seconds: sum(acks.map((turn) => turn.seconds)),
      },
      answers: {
        count: answers.length,
        p50: Math.round(quantile(answers, 0.5)),
        p95: Math.round(quantile(answers, 0.95)),
        max: Math.max(0, ...answers),
      },
    }));
  } finally {
    await Promise.all(servers.map((server) => stopChild(server.child)));
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function describe(name: string, m: Measured): string {
  const answers =
    m.answers.count > 0 ? `; ${m.answers.count} answers, p50 ${m.answers.p50} ms, p95 ${m.answers.p95} ms` : '';
  return `${name}: ${m.acks.requests} acks, p50 ${m.acks.latencyMs.p50} ms, p99 ${m.acks.latencyMs.p99} ms, non-2xx ${m.acks.non2xx}${answers}`;
}

/**
 * BENCH_SLACK_WEBHOOK_TURNS (default 3) turns of the webhook under the answer load, each between two turns of
 * it alone (alone, loaded, alone, …, alone), BENCH_SLACK_WEBHOOK_SECONDS (default 8) each. Every loaded turn is
 * compared with the two beside it: the webhook slows as `calls` grows (by ~15 % over a minute of this load),
 * so a baseline measured only before and after holds the loaded turn to a table of another size.
 * Each turn starts right after a CHECKPOINT: at this rate PostgreSQL checkpoints every ~16 s (max_wal_size
 * 1 GB), and the full-page writes that follow one would otherwise fall on whichever turn they meet.
 */
const WEBHOOK_TURNS = Math.max(1, Number(process.env.BENCH_SLACK_WEBHOOK_TURNS ?? 3));
const WEBHOOK_SECONDS = Number(process.env.BENCH_SLACK_WEBHOOK_SECONDS ?? 8);

interface WebhookTurns {
  alone: LoadResult[];
  loaded: LoadResult[];
  /** For each loaded turn, the mean throughput of the two turns alone beside it. */
  beside: number[];
  /** The commands of the loaded turns: acked, and answered at the sink (latencies, ms). */
  commands: { acked: number; answered: number[] };
}

/** The mean of each figure over the turns of one kind. */
function meanCores(turns: Record<string, number>[]): Record<string, number> {
  const means: Record<string, number> = {};
  for (const name of Object.keys(turns[0])) means[name] = mean(turns.map((cores) => cores[name]));
  return means;
}

async function webhookSideBySide(db: Db, schema: string, sink: { url: string; pid: number }): Promise<WebhookTurns> {
  const sinkUrl = sink.url;
  const { key, secret, uniqueBody } = await prepareWebhookAccount(db, 's');
  const { child, port } = await startChild({ kind: 'ours', threads: THREADS }, schema, sinkUrl, key.toString('base64'));
  try {
    await warmUp(port, sinkUrl, 3_000_000, true);
    await webhookLoad(port, '/v1/events', uniqueBody, secret, 2); // warm-up, not measured
    // Where the machine's CPU goes in each kind of turn (the sink stands in for Slack, not on this machine).
    const cores: { alone: Record<string, number>[]; loaded: Record<string, number>[] } = { alone: [], loaded: [] };
    const turn = async <T>(kind: 'alone' | 'loaded', fn: () => Promise<T>): Promise<T> => {
      await checkpointNow();
      const measured = await serverCpuSplit(child.pid as number, { 'response_url sink': sink.pid }, fn);
      cores[kind].push(measured.cores);
      return measured.result;
    };
    const alone = () => turn('alone', () => webhookLoad(port, '/v1/events', uniqueBody, secret, WEBHOOK_SECONDS));
    const commands = { acked: 0, answered: [] as number[], p99: [] as number[] };
    const result: WebhookTurns = { alone: [await alone()], loaded: [], beside: [], commands };
    for (let i = 0; i < WEBHOOK_TURNS; i += 1) {
      const [loaded, acks] = await turn('loaded', () =>
        Promise.all([
          webhookLoad(port, '/v1/events', uniqueBody, secret, WEBHOOK_SECONDS),
          slashLoad(port, sinkUrl, 4_000_000 + i * 100_000, WEBHOOK_SECONDS),
        ]),
      );
      commands.acked += acks.requests - acks.non2xx;
      commands.p99.push(acks.latencyMs.p99);
      // Every answer is in before the next turn alone starts.
      commands.answered.push(...(await collectAnswers(sinkUrl, acks.requests - acks.non2xx)));
      result.loaded.push(loaded);
      result.alone.push(await alone());
      const [before, after] = result.alone.slice(-2).map((run) => run.eventsPerSecond);
      result.beside.push((before + after) / 2);
      log(
        `webhook turn ${i + 1}: alone ${Math.round(before)} events/s, under ${RATE} answered commands/s ${Math.round(loaded.eventsPerSecond)}, alone ${Math.round(after)} (${(loaded.eventsPerSecond / result.beside[i]).toFixed(3)} ×)`,
      );
    }
    log(`CPU, webhook alone (mean of ${cores.alone.length} turns), in cores: ${describeCores(meanCores(cores.alone))}`);
    log(
      `CPU, webhook under answer load (mean of ${cores.loaded.length} turns), in cores: ${describeCores(meanCores(cores.loaded))}`,
    );
    log(
      `webhook under answer load: ${commands.acked} commands acked (p99 per turn ${commands.p99.join(', ')} ms), ${commands.answered.length} answered (p95 ${Math.round(quantile(commands.answered, 0.95))} ms)`,
    );
    return result;
  } finally {
    await stopChild(child);
  }
}

export async function slackAckBench(): Promise<Figure[]> {
  return withBenchDb('slack', async ({ db, schema }) => {
    await loadSampleLinkedTo(db, TEAM);
    const sink = await startChild({ kind: 'sink' }, schema, '');
    const sinkUrl = `http://127.0.0.1:${sink.port}`;
    try {
      log(
        `${RATE} req/s for ${SECONDS} s a server, in ${ROUNDS} turns each, ${CONNECTIONS} connections, answer threads ${THREADS || 'default'}; commands: ${TEXTS.join(' | ')}`,
      );
      const figures: Figure[] = [];
      for (const quickchart of (['on', 'off'] as const).filter((part) => PARTS.has(part))) {
        const label = quickchart === 'on' ? 'QuickChart URLs' : 'QUICKCHART_BASE_URL=off';
        const [bare, ours, onLoop] = await measureInTurns(
          [
            { kind: 'baseline' },
            { kind: 'ours', threads: THREADS, quickchart },
            { kind: 'ours', threads: '0', quickchart },
          ],
          schema,
          sinkUrl,
          quickchart === 'on' ? 100_000 : 1_100_000,
        );
        log(describe(`baseline (bare Bolt, ack only), beside ${label}`, bare));
        log(describe(`ours, answer threads, ${label}`, ours));
        log(describe(`ours, answers on the request loop (ANSWER_THREADS=0), ${label}`, onLoop));
        const ackRatio = ours.acks.latencyMs.p99 / Math.max(bare.acks.latencyMs.p99, 1e-9);
        const complete = ours.acks.non2xx === 0 && ours.acks.errors === 0;
        figures.push(
          figure({
            bench: 'slack',
            name: `slash-command ack p99 at ${RATE} req/s, ${label} (baseline: bare Bolt)`,
            unit: 'ms',
            ours: ours.acks.latencyMs.p99,
            baseline: bare.acks.latencyMs.p99,
            target: `≤ ${ACK_RATIO_TARGET} × baseline`,
            pass: ackRatio <= ACK_RATIO_TARGET && complete,
            details: { ours: ours.acks, baseline: bare.acks, onLoop: onLoop.acks, rate: RATE, seconds: SECONDS },
          }),
          figure({
            bench: 'slack',
            name: `answer p95 (command → response_url), ${label} (baseline: answers on the request loop)`,
            unit: 'ms',
            ours: ours.answers.p95,
            baseline: onLoop.answers.p95,
            target: `< ${ANSWER_P95_TARGET_MS} ms, every command answered`,
            pass:
              ours.answers.p95 < ANSWER_P95_TARGET_MS && ours.answers.count >= ours.acks.requests - ours.acks.non2xx,
            details: { ours: ours.answers, onLoop: onLoop.answers },
          }),
        );
      }
      if (!PARTS.has('webhook')) return figures;
      const turns = await webhookSideBySide(db, schema, { url: sinkUrl, pid: sink.child.pid as number });
      // The loaded turns' mean against the mean of the turns alone beside each of them.
      const loadedRate = mean(turns.loaded.map((run) => run.eventsPerSecond));
      const aloneRate = mean(turns.beside);
      figures.push(
        figure({
          bench: 'slack',
          name: `webhook throughput under ${RATE} answered slash commands/s (baseline: webhook alone in the turns beside, mean)`,
          unit: 'events/s',
          ours: loadedRate,
          baseline: aloneRate,
          target: `≥ ${WEBHOOK_RATIO_TARGET} × baseline, every command answered`,
          pass:
            loadedRate >= WEBHOOK_RATIO_TARGET * aloneRate &&
            turns.loaded.every((run) => run.errors === 0 && Object.keys(run.other).length === 0) &&
            turns.commands.answered.length >= turns.commands.acked,
          details: {
            loaded: turns.loaded,
            alone: turns.alone,
            beside: turns.beside,
            turnSeconds: WEBHOOK_SECONDS,
            commands: { acked: turns.commands.acked, answered: turns.commands.answered.length },
          },
        }),
      );
      return figures;
    } finally {
      await stopChild(sink.child);
    }
  });
}

/** Prints, when called, how busy the server's event loop was and the CPU it used since it started listening. */
function usageMeter(kind: string, server: http.Server): () => void {
  const inServer: number[] = [];
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/slack/')) return;
    const start = performance.now();
    res.once('finish', () => inServer.push(performance.now() - start));
  });
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const threads = threadCpuMs(process.pid);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  return () => {
    delay.disable();
    const used = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    const split = threadCpuSince(process.pid, threads);
    console.error(
      `  .. ${kind} server: request loop ${(busy * 100).toFixed(0)}% busy (delay p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms), ` +
        `${((used.user + used.system) / 1000).toFixed(0)} ms CPU (all threads: request loop ${split.main}, answer threads ${split.lowered}, others ${split.others}); in the server, request → ack p50 ${quantile(inServer, 0.5).toFixed(1)} ms, p99 ${quantile(inServer, 0.99).toFixed(1)} ms, max ${Math.max(0, ...inServer).toFixed(1)} ms`,
    );
  };
}

/** The servers under test, each in its own process. */
async function serve(
  kind: string,
  schema: string,
  sinkUrl: string,
  threads: string,
  quickchart: string,
  keyBase64: string,
): Promise<void> {
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
    const stopUsage = usageMeter('baseline', server);
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
  const env: Record<string, string> = {
    DATABASE_URL: schemaUrl(schema),
    PORT: String(port),
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_BOT_ID: 'B0BENCH',
    SLACK_BOT_USER_ID: 'U0BENCH',
    SLACK_API_URL: `${sinkUrl}/api/`,
    QUICKCHART_BASE_URL: quickchart === 'off' ? 'off' : 'https://quickchart.example.test',
    RECORDING_LINK_SECRET: 'bench-recordings-secret-of-32-characters',
    PUBLIC_BASE_URL: 'https://reports.example.test',
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: `bench-slack-${schema}`,
    LOG_LEVEL: 'warn',
    ...(threads ? { ANSWER_THREADS: threads } : {}),
    ...(keyBase64 ? { APP_ENCRYPTION_KEY: keyBase64 } : {}),
  };
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, false);
  const db = createDb({ databaseUrl: BENCH_DATABASE_URL, schema });
  const offload = config.answerThreads > 0 ? startAnswerThreads(config, logger, { env, schema }) : undefined;
  // As src/main.ts composes ROLE=web: the same report wiring, every route of startWebRole.
  const { reportDeps, fullReportUrlFor } = reportWiring(config, db);
  const slack = createSlackSurface({ config, db, logger, reportDeps, fullReportUrlFor, offload });
  if (!slack) throw new Error('the Slack surface is not configured');
  const web = await startWebRole({ config, db, logger, reportDeps, slack });
  console.log(JSON.stringify({ port: config.port }));
  const stopUsage = usageMeter(`ours (${config.answerThreads} answer threads, QuickChart ${quickchart})`, web.server);
  process.once('SIGTERM', () => {
    stopUsage();
    web.server.closeAllConnections();
    void web
      .stop()
      .then(() => offload?.close())
      .then(() => dropJobQueues(config.redisUrl, config.queuePrefix))
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

if (require.main === module) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'serve') {
    serve(args[0], args[1], args[2], args[3] ?? '', args[4] ?? 'on', args[5] ?? '').catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    void runBench('slack', 0, () => slackAckBench());
  }
}
