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
 * Targets (issue 19 tightened issue 2's): the campaign overview of a BENCH_ROWS-call campaign (up to 10,000,000)
 * in < 10 ms median and < 1/5 of a plain GROUP BY over its calls; monthly usage of 10 voicebots in < 10 ms
 * median. Also prints (INFO) how long loading, indexing and the rollups took and the disk the tables use.
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

/** What loading cost: seconds of each phase and the bytes the tables hold (pg_total_relation_size). */
interface LoadCost {
  insertS: number;
  indexS: number;
  rollupsS: number;
  callsBytes: number;
  rollupBytes: number;
}

/**
 * The secondary indexes of `calls` (those not backing a constraint): dropped before the bulk insert and
 * rebuilt after it, so that loading and indexing are timed apart (and the load is the faster bulk build).
 */
async function secondaryCallIndexes(db: Db): Promise<{ name: string; definition: string }[]> {
  const result = await db.raw(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
     from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = 'calls'::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
  );
  return result.rows as { name: string; definition: string }[];
}

const seconds = (since: number) => (nowMs() - since) / 1000;

async function relationBytes(db: Db, tables: string[]): Promise<number> {
  const result = await db.raw(
    `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
     from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relname = any(?)`,
    [tables],
  );
  return Number((result.rows[0] as { bytes: unknown }).bytes);
}

async function loadData(db: Db, rows: number, usageRows: number): Promise<LoadCost> {
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
  const indexes = await secondaryCallIndexes(db);
  for (const index of indexes) await db.raw(`drop index ${index.name}`);
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
  const insertS = seconds(start);
  log(`inserted ${(rows + usageRows).toLocaleString('en-US')} calls (primary key kept) in ${insertS.toFixed(1)} s`);
  start = nowMs();
  for (const index of indexes) await db.raw(index.definition);
  const indexS = seconds(start);
  log(
    `built ${indexes.length} secondary indexes of calls (${indexes.map((i) => i.name).join(', ')}) in ${indexS.toFixed(1)} s`,
  );
  start = nowMs();
  await db.transaction((trx) => rebuildRollups(trx, ACCOUNT));
  await db.raw('analyze');
  const rollupsS = seconds(start);
  log(`rebuildRollups + analyze in ${rollupsS.toFixed(1)} s`);
  const callsBytes = await relationBytes(db, ['calls']);
  const rollupBytes = await relationBytes(db, ROLLUP_TABLES);
  log(
    `disk (pg_total_relation_size, table + indexes + TOAST): calls ${mib(callsBytes)} MiB, rollups ${mib(rollupBytes)} MiB`,
  );
  return { insertS, indexS, rollupsS, callsBytes, rollupBytes };
}

/** The tables the reports read instead of the calls. */
const ROLLUP_TABLES = [
  'campaign_rollups',
  'campaign_result_codes',
  'campaign_customers',
  'campaign_hourly',
  'bot_usage_buckets',
];

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

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
    const load = await loadData(db, rows, usageRows);

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
        target: '< 10 ms and ratio < 0.2',
        pass: oursReport.medianMs < 10 && oursReport.medianMs < baseReport.medianMs / 5,
        details: { ours: oursReport, baseline: baseReport },
      }),
      figure({
        bench: 'overview',
        name: `monthly usage, 10 bots, ${usageRows.toLocaleString('en-US')} calls (median)`,
        unit: 'ms',
        ours: oursMonthly.medianMs,
        baseline: baseMonthly.medianMs,
        target: '< 10 ms',
        pass: oursMonthly.medianMs < 10,
        details: { ours: oursMonthly, baseline: baseMonthly },
      }),
      figure({
        bench: 'overview',
        name: `loading ${(rows + usageRows).toLocaleString('en-US')} calls (insert, then secondary indexes, then rollups)`,
        unit: 's',
        ours: load.insertS + load.indexS + load.rollupsS,
        baseline: null,
        target: `insert ${load.insertS.toFixed(1)} s, indexes ${load.indexS.toFixed(1)} s, rollups ${load.rollupsS.toFixed(1)} s`,
        pass: true,
        info: true,
        details: { ...load },
      }),
      figure({
        bench: 'overview',
        name: 'disk of calls (pg_total_relation_size)',
        unit: 'MiB',
        ours: Number(mib(load.callsBytes)),
        baseline: null,
        target: `rollups ${mib(load.rollupBytes)} MiB`,
        pass: true,
        info: true,
        details: { ...load },
      }),
    ];
  });
}

if (require.main === module) {
  void runBench('overview', benchRows(), () => overviewBench());
}
