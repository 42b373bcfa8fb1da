import { loadCampaignReport } from '../src/reports/campaign-report';
import { Db } from '../src/storage/connection';
import { rebuildRollups } from '../src/storage/rebuild-rollups';
import { withBenchDb } from './support/bench-db';
import { benchRows } from './support/paths';
import { Figure, figure, log, runBench } from './support/report';
import { insertGeneratedCalls } from './support/sql-calls';
import { nowMs, timeRuns } from './support/stats';

/**
 * Issue 15, comparisons: the campaign overview with its comparison against the bot's previous campaign stays a
 * handful of indexed reads. Data: one bot with CAMPAIGNS campaigns run one after another over a month,
 * BENCH_ROWS calls in all (default 300,000: the machine is shared; the figure does not depend on it).
 *   ours: loadCampaignReport of the last campaign (the overview, and its comparison from the rollups);
 *   baseline: the same previous campaign and its figures found by GROUP BYs over the bot's calls.
 * The previous campaign and its figures are checked equal before anything is timed.
 */
const ACCOUNT = 'default';
const BOT = 'bot_01';
const CAMPAIGNS = 100;
const RUNS = 30;
const BASELINE_BUDGET_MS = 20_000;
const campaignId = (c: number) => `cmp_${String(c).padStart(4, '0')}`;
const LAST = campaignId(CAMPAIGNS);
const NOW = new Date('2026-12-06T03:00:00Z');

async function loadData(db: Db, rows: number): Promise<void> {
  await db('voicebots').insert({ account_id: ACCOUNT, bot_id: BOT, name: 'Voicebot 1' });
  const campaigns = Array.from({ length: CAMPAIGNS }, (_, c) => ({
    account_id: ACCOUNT,
    campaign_id: campaignId(c + 1),
    bot_id: BOT,
    name: `Campaign ${c + 1}`,
    last_received_at: new Date('2026-11-01T00:00:00Z').toISOString(),
  }));
  await db('campaigns').insert(campaigns);
  await db('campaign_rollups').insert(campaigns.map((c) => ({ account_id: ACCOUNT, campaign_id: c.campaign_id })));
  const start = nowMs();
  await insertGeneratedCalls(db, {
    accountId: ACCOUNT,
    rows,
    idPrefix: 'c',
    monthStart: new Date('2026-10-01T00:00:00Z'),
    spreadDays: 27,
    campaignExpr: `'cmp_' || lpad((i * ${CAMPAIGNS} / ${rows} + 1)::text, 4, '0')`,
    botExpr: `'${BOT}'`,
  });
  await db.transaction((trx) => rebuildRollups(trx, ACCOUNT));
  await db.raw('analyze');
  log(
    `${rows.toLocaleString('en-US')} calls of ${CAMPAIGNS} campaigns loaded in ${((nowMs() - start) / 1000).toFixed(1)} s`,
  );
}

interface Compared {
  previous: string;
  successful: number;
  total: number;
  approached: number;
  customers: number;
  averageCallDurationMs: number;
}

async function ours(db: Db): Promise<Compared> {
  const { overview } = await loadCampaignReport({ db, now: () => NOW }, ACCOUNT, LAST);
  const c = overview.comparison;
  if (!c) throw new Error(`no comparison for ${LAST}`);
  // The previous campaign's own figures, as its overview has them.
  const { overview: p } = await loadCampaignReport({ db, now: () => NOW }, ACCOUNT, c.previousCampaignId);
  return {
    previous: c.previousCampaignId,
    successful: p.calls.successful,
    total: p.calls.total,
    approached: p.customers.approached,
    customers: p.customers.total,
    averageCallDurationMs: c.averageCallDurationMs.previous ?? -1,
  };
}

async function byGroupBy(db: Db): Promise<Compared> {
  const firsts = await db.raw(
    `select campaign_id, min(started_at) as first from calls where account_id = ? and bot_id = ? group by campaign_id`,
    [ACCOUNT, BOT],
  );
  const rows = firsts.rows as { campaign_id: string; first: Date }[];
  const mine = rows.find((row) => row.campaign_id === LAST);
  if (!mine) throw new Error(`no calls of ${LAST}`);
  const previous = rows
    .filter((row) => row.campaign_id !== LAST && row.first < mine.first)
    .sort((a, b) => b.first.getTime() - a.first.getTime() || (a.campaign_id < b.campaign_id ? 1 : -1))[0];
  const figures = await db.raw(
    `select count(*) filter (where status = 'successful') as successful, count(*) as total,
            count(distinct customer_id) filter (where status = 'successful') as approached,
            count(distinct customer_id) as customers,
            round(sum(call_duration_ms)::numeric / nullif(count(*) filter (where status = 'successful'), 0)) as average
     from calls where account_id = ? and campaign_id = ?`,
    [ACCOUNT, previous.campaign_id],
  );
  const r = figures.rows[0] as Record<string, unknown>;
  await db.raw(`select count(*) from calls where account_id = ? and campaign_id = ?`, [ACCOUNT, LAST]);
  return {
    previous: previous.campaign_id,
    successful: Number(r.successful),
    total: Number(r.total),
    approached: Number(r.approached),
    customers: Number(r.customers),
    averageCallDurationMs: Number(r.average),
  };
}

export async function comparisonBench(): Promise<Figure[]> {
  const rows = benchRows(300_000);
  return withBenchDb('comparison', async ({ db }) => {
    await loadData(db, rows);
    const [mine, base] = [await ours(db), await byGroupBy(db)];
    if (JSON.stringify(mine) !== JSON.stringify(base)) {
      throw new Error(`comparison differs:\n ours ${JSON.stringify(mine)}\n base ${JSON.stringify(base)}`);
    }
    const report = await timeRuns(() => loadCampaignReport({ db, now: () => NOW }, ACCOUNT, LAST), {
      minRuns: RUNS,
      warmup: 3,
    });
    const baseline = await timeRuns(() => byGroupBy(db), {
      minRuns: 5,
      maxRuns: RUNS,
      budgetMs: BASELINE_BUDGET_MS,
      warmup: 1,
    });
    log(`ours ${report.runs} runs, GROUP BY ${baseline.runs} runs`);
    return [
      figure({
        bench: 'comparison',
        name: `overview with comparison, ${CAMPAIGNS} campaigns of a bot, ${rows.toLocaleString('en-US')} calls (median)`,
        unit: 'ms',
        ours: report.medianMs,
        baseline: baseline.medianMs,
        target: '< 50 ms and ratio < 0.2',
        pass: report.medianMs < 50 && report.medianMs < baseline.medianMs / 5,
        details: { ours: report, baseline },
      }),
    ];
  });
}

if (require.main === module) {
  void runBench('comparison', benchRows(300_000), () => comparisonBench());
}
