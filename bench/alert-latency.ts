import { Job, Queue, Worker } from 'bullmq';
import { bullConnection } from '../src/jobs/redis-connection';
import { subscribe } from '../src/storage/subscriptions';
import { startAlertStack } from './support/alert-stack';
import { withBenchDb } from './support/bench-db';
import { Figure, figure, log, runBench } from './support/report';
import { BENCH_REDIS_URL } from './support/job-queues';
import { quantile } from './support/stats';

/**
 * Alert latency (issue 15): from the webhook's 202 for the call that crosses the `errors` threshold to
 * the alert's arrival at the (fake) Slack, p95 ≤ 2 s. Each campaign first receives 19 calls (3 of them
 * CU: fewer than 20 calls, no alert), then one more CU: 4 of 20 (20 %) fires. The web app, the watch job
 * and the delivery worker run in this process against PostgreSQL and Redis. Baseline: BullMQ's bare
 * round trip of an empty job (add → a worker completes it), same Redis, as many times.
 */
const CAMPAIGNS = Number(process.env.BENCH_ALERT_CAMPAIGNS ?? 20);
const TARGET_P95_MS = 2_000;

function calls(campaignId: string, from: number, to: number): unknown[] {
  const start = Date.now() - 600_000;
  return Array.from({ length: to - from + 1 }, (_, k) => {
    const i = from + k;
    const error = i >= 17;
    const startedAt = start + i * 1_000;
    return {
      type: 'call.completed',
      call_id: `${campaignId}-${i}`,
      campaign_id: campaignId,
      bot_id: 'bot-bench',
      customer_id: `cus-${i}`,
      started_at: new Date(startedAt).toISOString(),
      answered_at: error ? null : new Date(startedAt + 2_000).toISOString(),
      ended_at: new Date(startedAt + 30_000).toISOString(),
      result_code: error ? 'CU' : 'PAID',
    };
  });
}

async function bareRoundTrip(prefix: string, count: number): Promise<number[]> {
  const queue = new Queue('bench-empty', { connection: bullConnection(BENCH_REDIS_URL, 'worker'), prefix });
  const worker = new Worker('bench-empty', async () => undefined, {
    connection: bullConnection(BENCH_REDIS_URL, 'worker'),
    prefix,
  });
  await worker.waitUntilReady();
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const done = new Promise<number>((resolve) =>
      worker.once('completed', (job: Job) => resolve((job.finishedOn ?? Date.now()) - job.timestamp)),
    );
    await queue.add('empty', {}, { jobId: `empty-${i}` });
    times.push(await done);
  }
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return times;
}

async function main(): Promise<void> {
  await runBench('alerts', CAMPAIGNS, async (notes) =>
    withBenchDb('alerts', async (bench) => {
      const prefix = `bench-alerts-${process.pid}`;
      const stack = await startAlertStack(bench, BENCH_REDIS_URL, prefix);
      const { slack, post } = stack;
      try {
        for (let i = 0; i < CAMPAIGNS; i += 1) {
          await subscribe(bench.db, {
            accountId: 'default',
            platform: 'slack',
            workspaceId: 'T0FAKE',
            destination: `C0ALERT${i}`,
            target: { kind: 'campaign', id: `alert-${i}` },
            summaries: false,
            digest: false,
            live: false,
            alerts: true,
            createdBy: 'U0BENCH',
          });
        }
        log(`${CAMPAIGNS} campaigns, one after another: 19 calls, then the call that crosses the errors threshold`);
        const latencies: number[] = [];
        for (let i = 0; i < CAMPAIGNS; i += 1) {
          const campaignId = `alert-${i}`;
          await post(calls(campaignId, 1, 19));
          const arrived = slack.waitFor(
            (c) => c.method === 'chat.postMessage' && c.body.channel === `C0ALERT${i}`,
            30_000,
          );
          const accepted = await post(calls(campaignId, 20, 20));
          latencies.push((await arrived).at - accepted);
        }
        const p95 = quantile(latencies, 0.95);
        notes.push(
          `ours: median ${Math.round(quantile(latencies, 0.5))} ms, max ${Math.round(Math.max(...latencies))} ms; ` +
            'includes the watch job waiting for the end of its second (coalescing: at most one evaluation a second)',
        );
        const bare = await bareRoundTrip(`${prefix}-bare`, CAMPAIGNS);
        notes.push(`baseline: BullMQ empty-job round trip, one at a time, median ${quantile(bare, 0.5).toFixed(1)} ms`);
        const figures: Figure[] = [
          figure({
            bench: 'alerts',
            name: `webhook 202 of the crossing call → alert at Slack, p95 of ${CAMPAIGNS} campaigns`,
            unit: 'ms',
            ours: p95,
            baseline: quantile(bare, 0.95),
            target: `p95 ≤ ${TARGET_P95_MS} ms`,
            pass: p95 <= TARGET_P95_MS,
            details: { latencies: latencies.sort((a, b) => a - b) },
          }),
        ];
        return figures;
      } finally {
        await stack.stop();
      }
    }),
  );
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
