import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Job, Queue, Worker } from 'bullmq';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { ingestRequest } from '../src/ingest/ingest-request';
import { bullConnection } from '../src/jobs/redis-connection';
import { startSchedulerRole } from '../src/jobs/scheduler-role';
import { startWorkerRole } from '../src/jobs/worker-role';
import { createDb } from '../src/storage/connection';
import { subscribe } from '../src/storage/subscriptions';
import { SlackCall, startFakeSlack } from '../test/support/fakes/fake-slack';
import { BenchDb, withBenchDb } from './support/bench-db';
import { cpuSplit } from './support/cpu';
import { ensureTmpDir, profileArgs, startScriptNodeOptions } from './support/paths';
import { startTsChild, stopChild } from './support/child';
import { Figure, figure, log, runBench } from './support/report';
import { mean, quantile } from './support/stats';
import { BENCH_REDIS_URL, dropJobQueues } from './support/job-queues';

/**
 * Delivery latency (issues 4 and 19): N campaigns settle at the same instant; ours is the time from the moment
 * each becomes complete by docs/metrics.md (the end of its settle window) to its summary reaching the (fake)
 * Slack. Targets (issue 19): p95 ≤ COMPLETION_CHECK_SECONDS + 1 s for 100 campaigns, ≤ 5 s for 1,000. The
 * worker and the scheduler run in a child process, as ROLE=worker,scheduler would, against PostgreSQL and
 * Redis, with COMPLETION_CHECK_SECONDS=1 (detection is part of what is measured). Baseline: BullMQ's bare
 * round trip of N empty jobs added at once (add → a worker completes them), same Redis.
 *
 * Shares: where each campaign's time went, from the campaign's completed_at (PostgreSQL), the delivery
 * job's debug line in the child's log (enqueued, started, and DeliveryMarks) and the fake Slack's arrival.
 * BENCH_DELIVERY_CAMPAIGNS=100,1000,100:off (the default) runs each in turn: N campaigns with charts as
 * QuickChart image URLs (the product's default; nothing here fetches them, nor does the fake Slack, so a
 * loopback URL is enough), or `N:off`, QUICKCHART_BASE_URL=off: every message draws its charts here and
 * uploads them (three Slack calls a chart), as the issue measured.
 */
const QUICKCHART_URL = 'http://127.0.0.1:9/quickchart';
const RUNS = (process.env.BENCH_DELIVERY_CAMPAIGNS ?? '100,1000,100:off').split(',').map((entry) => {
  const [size, charts] = entry.trim().split(':');
  return { campaigns: Number(size), quickchart: charts === 'off' ? 'off' : QUICKCHART_URL };
});
const SETTLE_SECONDS = 3;
const CHECK_SECONDS = 1;
const targetP95Ms = (campaigns: number) => (campaigns <= 100 ? (CHECK_SECONDS + 1) * 1000 : 5_000);
const TOKEN = 'xoxb-bench';

interface ChildSpec {
  env: Record<string, string>;
  prefix: string;
  /** The child's debug log (JSON lines): the delivery jobs' marks. */
  logFile: string;
  /** The first child also runs the scheduler role; the others are worker processes only. */
  scheduler: boolean;
}

/**
 * BENCH_DELIVERY_WARMUP (default 200): campaigns completed and posted by the same worker before the measured ones.
 * A deployed worker is long-lived; the first messages after it starts also pay for compiling its code (about 1 ms
 * more of the worker's CPU per message over the first thousand). 0 measures a worker that has just started.
 */
const WARMUP = Number(process.env.BENCH_DELIVERY_WARMUP ?? 200);

/** BENCH_DELIVERY_WORKERS: worker processes (ROLE=worker), one of them also the scheduler; default 1. */
const WORKERS = Number(process.env.BENCH_DELIVERY_WORKERS ?? 1);

/** `delivery-latency.ts serve <spec>`: the worker and scheduler roles in this process. */
async function serve(spec: ChildSpec): Promise<void> {
  const config = loadConfig(spec.env);
  // Buffered: a write per job's line would cost the worker's loop what production (LOG_LEVEL=info) never pays.
  const logFile = pino.destination({ dest: spec.logFile, sync: false, minLength: 8 * 1024 });
  const logger = pino({ level: 'debug' }, logFile);
  // BENCH_DELIVERY_CONCURRENCY: delivery jobs at once (default: the worker's); BENCH_DELIVERY_POOL: its pool.
  const concurrency = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 0);
  const db = createDb({
    databaseUrl: config.databaseUrl,
    poolMax: Number(process.env.BENCH_DELIVERY_POOL ?? 0) || (concurrency ? concurrency + 4 : 12),
  });
  const worker = await startWorkerRole({
    config,
    db,
    logger,
    slackTokenFor: async () => TOKEN,
    queuePrefix: spec.prefix,
    settings: concurrency ? { deliveryConcurrency: concurrency } : undefined,
  });
  const scheduler = spec.scheduler ? await startSchedulerRole({ config, db, logger, queuePrefix: spec.prefix }) : null;
  // BENCH_DELIVERY_QUERIES=1: how many times each statement ran, printed when the child stops.
  const queries = new Map<string, number>();
  if (process.env.BENCH_DELIVERY_QUERIES) {
    db.on('query', ({ sql }: { sql: string }) => {
      const statement = sql.replace(/\s+/g, ' ').slice(0, 110);
      queries.set(statement, (queries.get(statement) ?? 0) + 1);
    });
  }
  process.on('SIGTERM', () => {
    void (async () => {
      for (const [statement, times] of [...queries].sort((a, b) => b[1] - a[1])) {
        process.stderr.write(`${times}\t${statement}\n`);
      }
      await scheduler?.stop();
      await worker.stop();
      await db.destroy();
      logFile.flushSync();
      process.exit(0);
    })();
  });
  process.stdout.write('ready\n');
}

async function startChild(spec: ChildSpec): Promise<ChildProcess> {
  const { child } = await startTsChild('worker', __filename, ['serve', JSON.stringify(spec)], {
    readyWithinMs: 60_000,
    nodeArgs: [...startScriptNodeOptions(), ...profileArgs('delivery-worker')],
    ready: (line) => (line.trim() === 'ready' ? true : undefined),
  });
  return child;
}

const campaignId = (index: number) => `bench-${String(index).padStart(4, '0')}`;
const channelOf = (index: number) => `C0BENCH${index}`;

/** A campaign's calls, then (separately, at the instant measured from) its campaign.completed event. */
function campaignEvents(index: number): { calls: unknown[]; completed: unknown } {
  const id = campaignId(index);
  const start = Date.parse('2026-11-20T02:00:00Z') + index * 3_600_000;
  const calls = Array.from({ length: 20 }, (_, i) => {
    const answered = i % 3 !== 0;
    const startedAt = start + i * 60_000;
    return {
      type: 'call.completed',
      call_id: `${id}-${i}`,
      campaign_id: id,
      bot_id: `bot-${index % 5}`,
      customer_id: `cus-${i}`,
      phone: `+84901${String(100000 + i)}`,
      started_at: new Date(startedAt).toISOString(),
      answered_at: answered ? new Date(startedAt + 4_000).toISOString() : null,
      ended_at: new Date(startedAt + (answered ? 70_000 : 25_000)).toISOString(),
      result_code: answered ? 'PAID' : 'NA',
      messages: answered ? 5 : 0,
    };
  });
  const completed = {
    type: 'campaign.completed',
    campaign_id: id,
    bot_id: `bot-${index % 5}`,
    campaign_name: `Bench ${index}`,
    at: new Date(start + 7_200_000).toISOString(),
  };
  return { calls, completed };
}

/** BullMQ alone: N empty jobs added at once, from add to completed (Redis timestamps). */
async function bareRoundTrip(prefix: string, jobs: number): Promise<{ p95: number; median: number }> {
  const queue = new Queue('bench-empty', { connection: bullConnection(BENCH_REDIS_URL, 'worker'), prefix });
  const done: number[] = [];
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker('bench-empty', async () => undefined, {
    connection: bullConnection(BENCH_REDIS_URL, 'worker'),
    prefix,
    concurrency: 4,
  });
  worker.on('completed', (job: Job) => {
    done.push((job.finishedOn ?? Date.now()) - job.timestamp);
    if (done.length === jobs) resolveAll();
  });
  await worker.waitUntilReady();
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({ name: 'empty', data: {}, opts: { jobId: `empty-${i}` } })),
  );
  await all;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { p95: quantile(done, 0.95), median: quantile(done, 0.5) };
}

/** The phases of one campaign's latency, in order; they add up to settle end → Slack. */
const PHASES = [
  ['detection', 'settle end → marked complete (check period, completion tick)'],
  ['fan-out', 'marked complete → delivery job enqueued (fan-out job: queue, subscriptions, ledger rows)'],
  ['queue', 'delivery job enqueued → started (delivery worker concurrency)'],
  ['ledger', 'started → ledger ready (row, lock, attempt; in a batch, the rows posted before it)'],
  ['load', 'report loaded (campaign, figures)'],
  ['throttle', 'channel slot (per-channel throttle)'],
  ['post', 'render + Slack request until it reaches Slack'],
] as const;
type Phase = (typeof PHASES)[number][0];

interface JobLine {
  msg?: string;
  jobId?: string;
  deliveryId?: string;
  outcome?: string;
  started?: number;
  waitedMs?: number;
  marks?: { ready?: number; loaded?: number; slot?: number };
}

/** Each campaign's phases, from the ledger, the children's debug logs and the fake Slack's arrival times. */
async function phasesOf(
  bench: BenchDb,
  logFiles: readonly string[],
  settleEnd: number,
  arrivals: Map<string, number>,
): Promise<Record<Phase, number>[]> {
  const rows = (await bench
    .db('deliveries as d')
    .join('campaigns as c', function join() {
      this.on('c.account_id', 'd.account_id').andOn('c.campaign_id', 'd.report_ref');
    })
    .select('d.id', 'd.report_ref', 'c.completed_at')) as { id: string; report_ref: string; completed_at: Date }[];
  const jobs = new Map<string, JobLine>();
  for (const line of logFiles.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))) {
    if (!line.includes('"delivery job done"')) continue;
    const parsed = JSON.parse(line) as JobLine;
    if (parsed.outcome === 'posted' && parsed.deliveryId) jobs.set(parsed.deliveryId, parsed);
  }
  const out: Record<Phase, number>[] = [];
  for (const row of rows) {
    const job = jobs.get(row.id);
    const arrived = arrivals.get(row.report_ref);
    const marks = job?.marks;
    if (!job || arrived === undefined || !marks?.ready || !marks.loaded || !marks.slot) continue;
    const completedAt = new Date(row.completed_at).getTime();
    const started = job.started as number;
    const enqueued = started - (job.waitedMs as number);
    out.push({
      detection: completedAt - settleEnd,
      'fan-out': enqueued - completedAt,
      queue: started - enqueued,
      ledger: marks.ready - started,
      load: marks.loaded - marks.ready,
      throttle: marks.slot - marks.loaded,
      post: arrived - marks.slot,
    });
  }
  return out;
}

/** One line per phase: median, p95 and its share of the mean latency. */
function shareLines(phases: Record<Phase, number>[]): string[] {
  const total = PHASES.reduce((sum, [phase]) => sum + mean(phases.map((p) => p[phase])), 0);
  return PHASES.map(([phase, what]) => {
    const values = phases.map((p) => p[phase]);
    const share = total > 0 ? (100 * mean(values)) / total : 0;
    return `share ${phase.padEnd(9)} ${share.toFixed(0).padStart(3)} %  median ${Math.round(quantile(values, 0.5))} ms, p95 ${Math.round(quantile(values, 0.95))} ms  (${what})`;
  });
}

async function runSize(campaigns: number, quickchart: string, notes: string[]): Promise<Figure> {
  const drawn = quickchart === 'off';
  return withBenchDb('delivery', async (bench) => {
    const slack = await startFakeSlack();
    const tag = `${campaigns}${drawn ? '-off' : ''}`;
    const prefix = `bench-delivery-${process.pid}-${tag}`;
    const logFileOf = (k: number) => path.join(ensureTmpDir(), `delivery-worker-${tag}-${k}.log`);
    const logFiles = Array.from({ length: WORKERS }, (_, k) => logFileOf(k));
    for (const file of logFiles) fs.rmSync(file, { force: true });
    let children: ChildProcess[] = [];
    try {
      for (let i = 0; i < campaigns + WARMUP; i += 1) {
        await subscribe(bench.db, {
          accountId: 'default',
          platform: 'slack',
          workspaceId: 'T0FAKE',
          destination: channelOf(i),
          target: { kind: 'campaign', id: campaignId(i) },
          summaries: true,
          digest: false,
          live: false,
          alerts: false,
          createdBy: 'U0BENCH',
        });
      }
      const env = {
        DATABASE_URL: bench.url,
        REDIS_URL: BENCH_REDIS_URL,
        SLACK_API_URL: slack.apiUrl,
        QUICKCHART_BASE_URL: quickchart,
        RECORDING_LINK_SECRET: 'bench-links-secret-of-at-least-32-characters',
        PUBLIC_BASE_URL: 'http://localhost:3000',
        COMPLETION_CHECK_SECONDS: String(CHECK_SECONDS),
        COMPLETION_SETTLE_SECONDS: String(SETTLE_SECONDS),
        LOG_LEVEL: 'warn',
      };
      for (let k = 0; k < WORKERS; k += 1) {
        children.push(await startChild({ prefix, logFile: logFileOf(k), env, scheduler: k === 0 }));
      }
      log(
        `${campaigns} campaigns, 20 calls each, one subscribed channel each; settle window ${SETTLE_SECONDS} s; charts ${drawn ? 'drawn here and uploaded' : `as QuickChart URLs (${quickchart})`}`,
      );
      const ingest = (events: unknown[], at = new Date()) =>
        ingestRequest(bench.db, 'default', Buffer.from(JSON.stringify(events)), 'application/json', at);
      if (WARMUP > 0) {
        const warm = Array.from({ length: WARMUP }, (_, i) => campaignEvents(campaigns + i));
        await ingest(warm.flatMap((set) => set.calls));
        await ingest(warm.map((set) => set.completed));
        const posted = (i: number) => (c: SlackCall) =>
          c.method === 'chat.postMessage' && c.body.channel === channelOf(campaigns + i);
        await Promise.all(warm.map((_, i) => slack.waitFor(posted(i), 60_000)));
        log(`warm-up: the worker posted ${WARMUP} other campaigns first (BENCH_DELIVERY_WARMUP)`);
      }
      const sets = Array.from({ length: campaigns }, (_, i) => campaignEvents(i));
      for (let i = 0; i < campaigns; i += 100) await ingest(sets.slice(i, i + 100).flatMap((set) => set.calls));
      const receivedAt = new Date();
      await ingest(
        sets.map((set) => set.completed),
        receivedAt,
      );
      const settleEnd = receivedAt.getTime() + SETTLE_SECONDS * 1000;
      const timeoutMs = SETTLE_SECONDS * 1000 + 120_000 + campaigns * 500; // the loaded 2-core machine
      const {
        result: posts,
        split,
        wallMs,
      } = await cpuSplit(
        children.map((c) => c.pid as number),
        () =>
          Promise.all(
            Array.from({ length: campaigns }, (_, i) =>
              slack.waitFor(
                (c) =>
                  c.method === 'chat.postMessage' &&
                  c.body.channel === channelOf(i) &&
                  (c.response as { ok?: boolean }).ok === true,
                timeoutMs,
              ),
            ),
          ),
      );
      const perPost = (value: number) => ((value * wallMs) / campaigns).toFixed(2);
      const cpuLine = `CPU per message from the completion event to the last post, in ms: ${WORKERS} worker process${WORKERS > 1 ? 'es' : ''} ${perPost(split.processes)}, PostgreSQL ${perPost(split.postgres)}, Redis ${perPost(split.redis)}, fake Slack and this process ${perPost(split.self)}, machine ${perPost(split.machine)} (over ${(wallMs / 1000).toFixed(1)} s, settle window included)`;
      log(cpuLine);
      const latencies = posts.map((call) => call.at - settleEnd);
      const p95 = quantile(latencies, 0.95);
      await Promise.all(children.map((c) => stopChild(c, 35_000))); // flushes their logs
      children = [];
      const arrivals = new Map(posts.map((call, i) => [campaignId(i), call.at]));
      const phases = await phasesOf(bench, logFiles, settleEnd, arrivals);
      const shares = shareLines(phases);
      for (const line of shares) log(line);
      const bare = await bareRoundTrip(`${prefix}-bare`, campaigns);
      const target = targetP95Ms(campaigns);
      notes.push(
        `${campaigns} campaigns: median ${Math.round(quantile(latencies, 0.5))} ms, max ${Math.round(Math.max(...latencies))} ms (includes up to ${CHECK_SECONDS} s of completion-check period); baseline BullMQ empty-job round trip of ${campaigns} added at once, median ${bare.median.toFixed(1)} ms; shares from ${phases.length} campaigns:`,
        ...shares.map((line) => `  ${line}`),
        `  ${cpuLine}`,
      );
      return figure({
        bench: 'delivery',
        name: `settle end → Slack message, p95 of ${campaigns.toLocaleString('en-US')} campaigns${drawn ? ', charts drawn here (QUICKCHART_BASE_URL=off)' : ''}`,
        unit: 'ms',
        ours: p95,
        baseline: bare.p95,
        target: `p95 ≤ ${target} ms`,
        pass: p95 <= target,
        details: { latencies: latencies.sort((a, b) => a - b), shares },
      });
    } finally {
      await Promise.all(children.map((c) => stopChild(c, 35_000)));
      await slack.close();
      await dropJobQueues(BENCH_REDIS_URL, prefix);
    }
  });
}

async function main(): Promise<void> {
  await runBench('delivery', Math.max(...RUNS.map((run) => run.campaigns)), async (notes) => {
    const figures: Figure[] = [];
    for (const run of RUNS) figures.push(await runSize(run.campaigns, run.quickchart, notes));
    return figures;
  });
}

if (process.argv[2] === 'serve') {
  serve(JSON.parse(process.argv[3]) as ChildSpec).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(3);
  });
} else {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
