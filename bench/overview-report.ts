import { CampaignAggregates } from '../src/domain/campaign-overview';
import { loadCampaignReport } from '../src/reports/campaign-report';
import { loadMonthlyUsage } from '../src/reports/usage-report';
import { monthRange } from '../src/domain/time-zone';
import { Db } from '../src/storage/connection';
import { rebuildRollups } from '../src/storage/rebuild-rollups';
import { withBenchDb } from './support/bench-db';
import { benchRows } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';
import { insertGeneratedCalls } from './support/sql-calls';
import { nowMs, timeRuns } from './support/stats';

/**
 * Target 2: the campaign overview of a 1,000,000-call campaign in < 50 ms median and < 1/5 of a plain
 * GROUP BY over its calls; monthly usage of 10 voicebots over 1,000,000 calls of a month in < 100 ms median.
 *
 * Data: loaded with INSERT ... SELECT generate_series (support/sql-calls.ts), then rebuildRollups
 * (src/storage/rebuild-rollups.ts) so that every rollup equals a GROUP BY over the calls; the figures of
 * ours and of the baseline are checked equal before anything is timed.
 *   - campaign cmp_big: BENCH_ROWS calls (default 1,000,000) of bot_01, October 2026;
 *   - usage month 2026-11 (Asia/Ho_Chi_Minh): BENCH_USAGE_ROWS calls (default BENCH_ROWS) over 10 bots and
 *     20 campaigns. The usage report reads 15-minute buckets, so its cost does not grow with the calls;
 *     BENCH_USAGE_ROWS=10000000 reads "10 × 1,000,000" literally and only makes the baseline slower.
 */
const ACCOUNT = 'default';
const CAMPAIGN = 'cmp_big';
const USAGE_MONTH = '2026-11';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const RUNS = 30;
const BASELINE_BUDGET_MS = 20_000;

async function loadData(db: Db, rows: number, usageRows: number): Promise<void> {
  const bots = Array.from({ length: 10 }, (_, b) => `bot_${String(b + 1).padStart(2, '0')}`);
  await db('voicebots').insert(bots.map((bot, b) => ({ account_id: ACCOUNT, bot_id: bot, name: `Voicebot ${b + 1}` })));
  const campaigns = [
    { campaign_id: CAMPAIGN, bot_id: 'bot_01', name: 'Big campaign' },
    ...Array.from({ length: 20 }, (_, c) => ({
      campaign_id: `use_${String(c + 1).padStart(2, '0')}`,
      bot_id: bots[c % 10],
      name: `Usage ${c + 1}`,
    })),
  ];
  await db('campaigns').insert(campaigns.map((c) => ({ account_id: ACCOUNT, ...c, state: 'complete' })));
  await db('campaign_rollups').insert(campaigns.map((c) => ({ account_id: ACCOUNT, campaign_id: c.campaign_id })));
  let start = nowMs();
  await insertGeneratedCalls(db, {
    accountId: ACCOUNT,
    rows,
    idPrefix: 'b',
    monthStart: new Date('2026-10-01T00:00:00Z'),
    spreadDays: 27,
    campaignExpr: `'${CAMPAIGN}'`,
    botExpr: `'bot_01'`,
  });
  await insertGeneratedCalls(db, {
    accountId: ACCOUNT,
    rows: usageRows,
    idPrefix: 'u',
    monthStart: new Date('2026-11-01T00:00:00Z'),
    spreadDays: 27,
    campaignExpr: `'use_' || lpad((k % 20 + 1)::text, 2, '0')`,
    botExpr: `'bot_' || lpad((k % 10 + 1)::text, 2, '0')`,
  });
  log(`inserted ${(rows + usageRows).toLocaleString('en-US')} calls in ${((nowMs() - start) / 1000).toFixed(1)} s`);
  start = nowMs();
  await db.transaction((trx) => rebuildRollups(trx, ACCOUNT));
  await db.raw('analyze');
  log(`rebuildRollups + analyze in ${((nowMs() - start) / 1000).toFixed(1)} s`);
}

/** The overview's sums (domain CampaignAggregates) with the result codes flattened for comparison. */
type OverviewFigures = Omit<CampaignAggregates, 'costSum' | 'costUnknown' | 'resultCodes'> & { codes: string };

/** The same figures as the overview, straight from the calls with plain GROUP BYs (run concurrently, as ours). */
async function overviewByGroupBy(db: Db): Promise<OverviewFigures> {
  const where = [ACCOUNT, CAMPAIGN];
  const [totals, codes] = await Promise.all([
    db.raw(
      `select count(*) as total, count(*) filter (where attempt > 1) as callbacks,
              count(*) filter (where status = 'successful') as successful,
              count(*) filter (where status = 'unsuccessful') as unsuccessful,
              count(*) filter (where status = 'error') as error,
              count(*) filter (where result_code = 'BS') as busy, count(*) filter (where result_code = 'NA') as no_answer,
              sum(call_duration_ms) as call_duration_ms, sum(dialing_duration_ms) as dialing_duration_ms,
              sum(blocks) as blocks, sum(cost) as cost, count(*) filter (where cost is null) as cost_unknown,
              sum(messages) as messages, count(distinct customer_id) as customers_called,
              count(distinct customer_id) filter (where status = 'successful') as customers_approached,
              min(started_at) as first, max(started_at) as last
       from calls where account_id = ? and campaign_id = ?`,
      where,
    ),
    db.raw(
      `select result_code, count(*) as calls from calls where account_id = ? and campaign_id = ?
       group by result_code order by calls desc, result_code`,
      where,
    ),
  ]);
  const r = totals.rows[0] as Record<string, unknown>;
  const n = (key: string) => Number(r[key]);
  return {
    total: n('total'),
    callbacks: n('callbacks'),
    successful: n('successful'),
    unsuccessful: n('unsuccessful'),
    error: n('error'),
    busy: n('busy'),
    noAnswer: n('no_answer'),
    callDurationMs: n('call_duration_ms'),
    dialingDurationMs: n('dialing_duration_ms'),
    blocks: n('blocks'),
    messages: n('messages'),
    customersCalled: n('customers_called'),
    customersApproached: n('customers_approached'),
    codes: (codes.rows as { result_code: string; calls: unknown }[])
      .map((row) => `${row.result_code}=${Number(row.calls)}`)
      .join(','),
  };
}

async function oursOverview(db: Db): Promise<OverviewFigures> {
  const { overview: o } = await loadCampaignReport({ db }, ACCOUNT, CAMPAIGN);
  return {
    ...o.calls,
    callDurationMs: o.costs.totalCallDurationMs,
    dialingDurationMs: o.dialingDurationMs,
    blocks: o.costs.blocks,
    messages: o.messages,
    customersCalled: o.customers.total,
    customersApproached: o.customers.approached,
    codes: o.resultCodes.map((c) => `${c.code}=${c.count}`).join(','),
  };
}

async function usageByGroupBy(db: Db): Promise<string> {
  const range = monthRange(USAGE_MONTH, TIME_ZONE);
  const result = await db.raw(
    `select bot_id, count(*) filter (where status = 'successful') as sessions, sum(messages) as messages, sum(blocks) as blocks,
            sum(dialing_duration_ms) as dialing_duration_ms, sum(call_duration_ms) as call_duration_ms, count(*) as calls
     from calls where account_id = ? and started_at >= ? and started_at < ?
     group by bot_id order by bot_id`,
    [ACCOUNT, range.start.toISOString(), range.end.toISOString()],
  );
  return (result.rows as Record<string, unknown>[])
    .map((r) =>
      [r.bot_id, r.sessions, r.messages, r.blocks, r.dialing_duration_ms, r.call_duration_ms, r.calls]
        .map(String)
        .join(':'),
    )
    .join(',');
}

async function oursUsage(db: Db): Promise<string> {
  const usage = await loadMonthlyUsage({ db }, ACCOUNT, USAGE_MONTH);
  return usage.bots
    .map((b) =>
      [b.botId, b.sessions, b.messages, b.blocks, b.dialingDurationMs, b.callDurationMs, b.totalCalls]
        .map(String)
        .join(':'),
    )
    .join(',');
}

export async function overviewBench(): Promise<Figure[]> {
  const rows = benchRows();
  const usageRows = process.env.BENCH_USAGE_ROWS ? Number(process.env.BENCH_USAGE_ROWS) : rows;
  return withBenchDb('overview', async ({ db }) => {
    await loadData(db, rows, usageRows);

    const [ourFigures, baseFigures] = [await oursOverview(db), await overviewByGroupBy(db)];
    if (JSON.stringify(ourFigures) !== JSON.stringify(baseFigures)) {
      throw new Error(
        `overview differs from the GROUP BY:\n ours ${JSON.stringify(ourFigures)}\n base ${JSON.stringify(baseFigures)}`,
      );
    }
    if (ourFigures.total !== rows) throw new Error(`campaign holds ${ourFigures.total} calls, expected ${rows}`);
    const oursReport = await timeRuns(() => loadCampaignReport({ db }, ACCOUNT, CAMPAIGN), {
      minRuns: RUNS,
      warmup: 3,
    });
    const baseReport = await timeRuns(() => overviewByGroupBy(db), {
      minRuns: 5,
      maxRuns: RUNS,
      budgetMs: BASELINE_BUDGET_MS,
      warmup: 1,
    });
    log(
      `overview: ours ${oursReport.runs} runs, GROUP BY ${baseReport.runs} runs (at least 5, up to ${RUNS} within ${BASELINE_BUDGET_MS / 1000} s)`,
    );

    const [ourUsage, baseUsage] = [await oursUsage(db), await usageByGroupBy(db)];
    if (ourUsage !== baseUsage)
      throw new Error(`usage differs from the GROUP BY:\n ours ${ourUsage}\n base ${baseUsage}`);
    const oursMonthly = await timeRuns(() => loadMonthlyUsage({ db }, ACCOUNT, USAGE_MONTH), {
      minRuns: RUNS,
      warmup: 3,
    });
    const baseMonthly = await timeRuns(() => usageByGroupBy(db), {
      minRuns: 5,
      maxRuns: RUNS,
      budgetMs: BASELINE_BUDGET_MS,
      warmup: 1,
    });
    log(`usage: ours ${oursMonthly.runs} runs, GROUP BY ${baseMonthly.runs} runs`);

    return [
      figure({
        bench: 'overview',
        name: `campaign overview, ${rows.toLocaleString('en-US')} calls (median)`,
        unit: 'ms',
        ours: oursReport.medianMs,
        baseline: baseReport.medianMs,
        target: '< 50 ms and ratio < 0.2',
        pass: oursReport.medianMs < 50 && oursReport.medianMs < baseReport.medianMs / 5,
        details: { ours: oursReport, baseline: baseReport },
      }),
      figure({
        bench: 'overview',
        name: `monthly usage, 10 bots, ${usageRows.toLocaleString('en-US')} calls (median)`,
        unit: 'ms',
        ours: oursMonthly.medianMs,
        baseline: baseMonthly.medianMs,
        target: '< 100 ms',
        pass: oursMonthly.medianMs < 100,
        details: { ours: oursMonthly, baseline: baseMonthly },
      }),
    ];
  });
}

if (require.main === module) {
  void runBench('overview', benchRows(), () => overviewBench());
}
