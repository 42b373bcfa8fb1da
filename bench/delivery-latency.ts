import { ChildProcess } from 'node:child_process';
import { Job, Queue, Worker } from 'bullmq';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { ingestRequest } from '../src/ingest/ingest-request';
import { bullConnection } from '../src/jobs/redis-connection';
import { startSchedulerRole } from '../src/jobs/scheduler-role';
import { startWorkerRole } from '../src/jobs/worker-role';
import { createDb } from '../src/storage/connection';
import { subscribe } from '../src/storage/subscriptions';
import { startFakeSlack } from '../test/support/fakes/fake-slack';
import { withBenchDb } from './support/bench-db';
import { startTsChild, stopChild } from './support/child';
import { Figure, figure, log, runBench } from './support/report';
import { quantile } from './support/stats';

/**
 * Delivery latency (issue 4): 100 campaigns settle at the same instant; ours is the time from the end
 * of their settle window to their summary reaching the (fake) Slack, p95 under 5 s. The worker and the
 * scheduler run in a child process, as ROLE=worker,scheduler would, against PostgreSQL and Redis, with
 * COMPLETION_CHECK_SECONDS=1 (the smallest period: detection is part of what is measured). Baseline:
 * BullMQ's bare round trip of 100 empty jobs added at once (add → a worker completes them), same Redis.
 */
const CAMPAIGNS = Number(process.env.BENCH_DELIVERY_CAMPAIGNS ?? 100);
const SETTLE_SECONDS = 3;
const TARGET_P95_MS = 5_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'xoxb-bench';

interface ChildSpec {
  env: Record<string, string>;
  prefix: string;
}

/** `delivery-latency.ts serve <spec>`: the worker and scheduler roles in this process. */
async function serve(spec: ChildSpec): Promise<void> {
  const config = loadConfig(spec.env);
  const logger = pino({ level: process.env.BENCH_WORKER_LOG ?? 'warn' });
  const db = createDb({ databaseUrl: config.databaseUrl, poolMax: 12 });
  const worker = await startWorkerRole({
    config,
    db,
    logger,
    slackTokenFor: async () => TOKEN,
    queuePrefix: spec.prefix,
  });
  const scheduler = await startSchedulerRole({ config, db, logger, queuePrefix: spec.prefix });
  process.on('SIGTERM', () => {
    void (async () => {
      await scheduler.stop();
      await worker.stop();
      await db.destroy();
      process.exit(0);
    })();
  });
  process.stdout.write('ready\n');
}

async function startChild(spec: ChildSpec): Promise<ChildProcess> {
  const { child } = await startTsChild('worker', __filename, ['serve', JSON.stringify(spec)], {
    readyWithinMs: 60_000,
    ready: (line) => (line.trim() === 'ready' ? true : undefined),
  });
  return child;
}

function campaignEvents(index: number): unknown[] {
  const campaignId = `bench-${String(index).padStart(3, '0')}`;
  const start = Date.parse('2026-11-20T02:00:00Z') + index * 3_600_000;
  const calls = Array.from({ length: 20 }, (_, i) => {
    const answered = i % 3 !== 0;
    const startedAt = start + i * 60_000;
    return {
      type: 'call.completed',
      call_id: `${campaignId}-${i}`,
      campaign_id: campaignId,
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
  return [
    ...calls,
    {
      type: 'campaign.completed',
      campaign_id: campaignId,
      bot_id: `bot-${index % 5}`,
      campaign_name: `Bench ${index}`,
      at: new Date(start + 7_200_000).toISOString(),
    },
  ];
}

/** BullMQ alone: 100 empty jobs added at once, from add to completed (Redis timestamps), p95. */
async function bareRoundTrip(prefix: string): Promise<{ p95: number; median: number }> {
  const queue = new Queue('bench-empty', { connection: bullConnection(REDIS_URL, 'worker'), prefix });
  const done: number[] = [];
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker('bench-empty', async () => undefined, {
    connection: bullConnection(REDIS_URL, 'worker'),
    prefix,
    concurrency: 4,
  });
  worker.on('completed', (job: Job) => {
    done.push((job.finishedOn ?? Date.now()) - job.timestamp);
    if (done.length === CAMPAIGNS) resolveAll();
  });
  await worker.waitUntilReady();
  await queue.addBulk(
    Array.from({ length: CAMPAIGNS }, (_, i) => ({ name: 'empty', data: {}, opts: { jobId: `empty-${i}` } })),
  );
  await all;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { p95: quantile(done, 0.95), median: quantile(done, 0.5) };
}

async function main(): Promise<void> {
  await runBench('delivery', CAMPAIGNS, async (notes) =>
    withBenchDb('delivery', async (bench) => {
      const slack = await startFakeSlack();
      const prefix = `bench-delivery-${process.pid}`;
      let child: ChildProcess | null = null;
      try {
        for (let i = 0; i < CAMPAIGNS; i += 1) {
          await subscribe(bench.db, {
            accountId: 'default',
            platform: 'slack',
            workspaceId: 'T0FAKE',
            destination: `C0BENCH${i}`,
            target: { kind: 'campaign', id: `bench-${String(i).padStart(3, '0')}` },
            summaries: true,
            digest: false,
            live: false,
            alerts: false,
            createdBy: 'U0BENCH',
          });
        }
        child = await startChild({
          prefix,
          env: {
            DATABASE_URL: bench.url,
            REDIS_URL,
            SLACK_API_URL: slack.apiUrl,
            QUICKCHART_BASE_URL: 'off',
            RECORDING_LINK_SECRET: 'bench-links-secret-of-at-least-32-characters',
            PUBLIC_BASE_URL: 'http://localhost:3000',
            COMPLETION_CHECK_SECONDS: '1',
            COMPLETION_SETTLE_SECONDS: String(SETTLE_SECONDS),
            LOG_LEVEL: 'warn',
          },
        });
        log(`${CAMPAIGNS} campaigns, 20 calls each, one subscribed channel each; settle window ${SETTLE_SECONDS} s`);
        const events = Array.from({ length: CAMPAIGNS }, (_, i) => campaignEvents(i)).flat();
        const receivedAt = new Date();
        await ingestRequest(bench.db, 'default', Buffer.from(JSON.stringify(events)), 'application/json', receivedAt);
        const settleEnd = receivedAt.getTime() + SETTLE_SECONDS * 1000;
        const timeoutMs = SETTLE_SECONDS * 1000 + 60_000;
        const posts = await Promise.all(
          Array.from({ length: CAMPAIGNS }, (_, i) =>
            slack.waitFor(
              (c) =>
                c.method === 'chat.postMessage' &&
                c.body.channel === `C0BENCH${i}` &&
                (c.response as { ok?: boolean }).ok === true,
              timeoutMs,
            ),
          ),
        );
        const posted = posts.map((call) => call.at);
        const latencies = posted.map((at) => at - settleEnd);
        const p95 = quantile(latencies, 0.95);
        notes.push(
          `ours: median ${Math.round(quantile(latencies, 0.5))} ms, max ${Math.round(Math.max(...latencies))} ms, includes up to 1 s of completion-check period`,
        );
        const bare = await bareRoundTrip(`${prefix}-bare`);
        notes.push(
          `baseline: BullMQ empty-job round trip, ${CAMPAIGNS} added at once, median ${bare.median.toFixed(1)} ms`,
        );
        const figures: Figure[] = [
          figure({
            bench: 'delivery',
            name: `settle end → Slack message, p95 of ${CAMPAIGNS} campaigns`,
            unit: 'ms',
            ours: p95,
            baseline: bare.p95,
            target: `p95 < ${TARGET_P95_MS} ms`,
            pass: p95 < TARGET_P95_MS,
            details: { latencies: latencies.sort((a, b) => a - b) },
          }),
        ];
        return figures;
      } finally {
        if (child) await stopChild(child, 35_000);
        await slack.close();
        const cleanup = new Queue('report-control', { connection: bullConnection(REDIS_URL, 'worker'), prefix });
        await cleanup.obliterate({ force: true }).catch(() => undefined);
        await cleanup.close();
        const cleanupDelivery = new Queue('report-delivery', {
          connection: bullConnection(REDIS_URL, 'worker'),
          prefix,
        });
        await cleanupDelivery.obliterate({ force: true }).catch(() => undefined);
        await cleanupDelivery.close();
      }
    }),
  );
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
