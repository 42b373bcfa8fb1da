import { subscribe } from '../src/storage/subscriptions';
import { startAlertStack } from './support/alert-stack';
import { withBenchDb } from './support/bench-db';
import { BENCH_REDIS_URL } from './support/job-queues';
import { Figure, figure, log, runBench } from './support/report';

/**
 * A burst through the webhook (issue 15): BENCH_ALERT_BURST_CALLS calls (100,000 by default) over
 * BENCH_ALERT_BURST_CAMPAIGNS campaigns, a third of them CU, posted 1,000 a request, 4 requests at a
 * time, with the watch job and a worker running. Ours: `errors` alerts posted per campaign (target: 1).
 * Also shown: evaluations run (coalesced to at most one a second per campaign) against calls stored.
 */
const CALLS = Number(process.env.BENCH_ALERT_BURST_CALLS ?? 100_000);
const CAMPAIGNS = Number(process.env.BENCH_ALERT_BURST_CAMPAIGNS ?? 5);
const PER_REQUEST = 1_000;
const PARALLEL = 4;

function request(index: number): unknown[] {
  const start = Date.now() - 3_600_000;
  return Array.from({ length: PER_REQUEST }, (_, k) => {
    const i = index * PER_REQUEST + k;
    const campaignId = `burst-${i % CAMPAIGNS}`;
    const error = i % 3 === 0;
    const startedAt = start + i * 10;
    return {
      type: 'call.completed',
      call_id: `c-${i}`,
      campaign_id: campaignId,
      bot_id: 'bot-burst',
      customer_id: `cus-${i}`,
      started_at: new Date(startedAt).toISOString(),
      answered_at: error ? null : new Date(startedAt + 1_000).toISOString(),
      ended_at: new Date(startedAt + 30_000).toISOString(),
      result_code: error ? 'CU' : 'PAID',
    };
  });
}

async function main(): Promise<void> {
  await runBench('alert-burst', CALLS, async (notes) =>
    withBenchDb('alertburst', async (bench) => {
      const prefix = `bench-alertburst-${process.pid}`;
      const stack = await startAlertStack(bench, BENCH_REDIS_URL, prefix);
      let evaluations = 0;
      let lastEvaluationAt = 0;
      stack.worker.workers[0].on('completed', (job) => {
        if (job.name !== 'watch') return;
        evaluations += 1;
        lastEvaluationAt = Date.now();
      });
      try {
        await subscribe(bench.db, {
          accountId: 'default',
          platform: 'slack',
          workspaceId: 'T0FAKE',
          destination: 'C0BURST',
          target: { kind: 'all', id: '' },
          summaries: false,
          digest: false,
          live: false,
          alerts: true,
          createdBy: 'U0BENCH',
        });
        log(`${CALLS} calls over ${CAMPAIGNS} campaigns, a third CU, ${PER_REQUEST} a request, ${PARALLEL} at a time`);
        const started = Date.now();
        const requests = Math.ceil(CALLS / PER_REQUEST);
        let next = 0;
        await Promise.all(
          Array.from({ length: PARALLEL }, async () => {
            for (let index = next++; index < requests; index = next++) {
              await stack.post(request(index));
            }
          }),
        );
        const ingestMs = Date.now() - started;
        // The last watch job runs when its second is over; then its deliveries go out.
        const ingestEnd = Date.now();
        const deadline = ingestEnd + 60_000;
        for (;;) {
          const busy = await bench.db('deliveries').whereIn('status', ['pending', 'sending']).count({ n: '*' });
          if ((lastEvaluationAt > ingestEnd && Number(busy[0].n) === 0) || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const alerts = stack.slack
          .messages('C0BURST')
          .filter((m) => (m.metadata?.event_payload?.report_kind as string) === 'alert');
        const perCampaign = alerts.length / CAMPAIGNS;
        notes.push(
          `ingest: ${CALLS} calls in ${ingestMs} ms; ${evaluations} watch evaluations ran; ${alerts.length} alert messages for ${CAMPAIGNS} campaigns`,
        );
        notes.push(
          'baseline: one alert per campaign (the rule fires once per episode, and a third of errors never clears)',
        );
        const figures: Figure[] = [
          figure({
            bench: 'alert-burst',
            name: `errors alerts per campaign after ${CALLS} calls, a third errors`,
            unit: 'alerts',
            ours: perCampaign,
            baseline: 1,
            target: '1 per campaign',
            pass: perCampaign === 1,
            details: { evaluations, ingestMs, alerts: alerts.length },
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
