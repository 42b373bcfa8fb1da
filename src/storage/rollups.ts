import { CampaignAggregates } from '../domain/campaign-overview';
import { classifyResultCode } from '../domain/call-status';
import { formatDecimal, parseSignedDecimal } from '../domain/decimal';
import { CallFilter } from '../domain/report-model';
import { CustomerDelta, RollupDelta } from '../domain/rollup-delta';
import { Statement } from './one-statement';
import { campaignCallAtSql } from './calls';
import { Db, preparedAs } from './connection';
import {
  PositionalColumn,
  jsonValue,
  positionalRowsJson,
  positionalRowsSelect,
  toDate,
  toDecimalText,
  toInt,
} from './sql-values';

const CAMPAIGN_COUNTER_COLUMNS = [
  ['total', 'total'],
  ['callbacks', 'callbacks'],
  ['successful', 'successful'],
  ['unsuccessful', 'unsuccessful'],
  ['error', 'error'],
  ['busy', 'busy'],
  ['no_answer', 'noAnswer'],
  ['call_duration_ms', 'callDurationMs'],
  ['dialing_duration_ms', 'dialingDurationMs'],
  ['blocks', 'blocks'],
  ['cost_unknown', 'costUnknown'],
  ['messages', 'messages'],
] as const;

const USAGE_COLUMNS = [
  ['sessions', 'sessions'],
  ['messages', 'messages'],
  ['blocks', 'blocks'],
  ['dialing_duration_ms', 'dialingDurationMs'],
  ['call_duration_ms', 'callDurationMs'],
  ['calls', 'calls'],
] as const;

/** The counters of bot_usage_buckets and bot_usage_days, in table order. */
export const USAGE_COUNTER_COLUMNS: readonly string[] = USAGE_COLUMNS.map(([column]) => column);

function additiveUpdate(table: string, columns: readonly string[]): string {
  return columns.map((column) => `${column} = ${table}.${column} + excluded.${column}`).join(', ');
}

const byKey =
  (...keys: string[]) =>
  (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const key of keys) {
      const x = String(a[key]);
      const y = String(b[key]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

export type CustomerTransitions = Map<string, { called: number; approached: number }>;

/**
 * The campaign, result code, hourly and usage counters: rows every concurrent batch of a campaign shares, so
 * callers send these last before commit, as one statement (runAsOneStatement), and rows go in key order (a
 * stable lock order, hence no deadlock).
 */
export function counterDeltaStatements(
  accountId: string,
  delta: RollupDelta,
  customerTransitions: CustomerTransitions,
): Statement[] {
  if (delta.isEmpty()) return [];
  const statements: Statement[] = [];

  const counterColumns = CAMPAIGN_COUNTER_COLUMNS.map(([column]) => column);
  const campaignRows = [...delta.campaigns]
    .map(([campaignId, counters]) => {
      const row: Record<string, unknown> = { campaign_id: campaignId, cost_sum: formatDecimal(counters.costSum) };
      for (const [column, key] of CAMPAIGN_COUNTER_COLUMNS) row[column] = counters[key];
      const transitions = customerTransitions.get(campaignId) ?? { called: 0, approached: 0 };
      row.customers_called = transitions.called;
      row.customers_approached = transitions.approached;
      return row;
    })
    .sort(byKey('campaign_id'));
  const allCampaignColumns = [...counterColumns, 'customers_called', 'customers_approached'];
  statements.push({
    sql: `insert into campaign_rollups (account_id, campaign_id, ${allCampaignColumns.join(', ')}, cost_sum)
     select ?, campaign_id, ${allCampaignColumns.join(', ')}, cost_sum
     from json_to_recordset(?::json) as x(campaign_id text, ${allCampaignColumns.map((c) => `${c} bigint`).join(', ')}, cost_sum numeric)
     on conflict (account_id, campaign_id) do update set
       ${additiveUpdate('campaign_rollups', [...allCampaignColumns, 'cost_sum'])}`,
    bindings: [accountId, JSON.stringify(campaignRows)],
  });

  const codeRows = [...delta.resultCodes.values()]
    .filter((row) => row.calls !== 0)
    .map((row) => ({ campaign_id: row.campaignId, code: row.code, calls: row.calls }))
    .sort(byKey('campaign_id', 'code'));
  if (codeRows.length > 0) {
    statements.push({
      sql: `insert into campaign_result_codes (account_id, campaign_id, result_code, calls)
       select ?, campaign_id, code, calls from json_to_recordset(?::json) as x(campaign_id text, code text, calls bigint)
       on conflict (account_id, campaign_id, result_code) do update set calls = campaign_result_codes.calls + excluded.calls`,
      bindings: [accountId, JSON.stringify(codeRows)],
    });
  }

  const hourRows = [...delta.hourly.values()]
    .filter((row) => row.calls !== 0 || row.successful !== 0)
    .map((row) => ({
      campaign_id: row.campaignId,
      hour: new Date(row.hourMs).toISOString(),
      calls: row.calls,
      successful: row.successful,
    }))
    .sort(byKey('campaign_id', 'hour'));
  if (hourRows.length > 0) {
    statements.push({
      sql: `insert into campaign_hourly (account_id, campaign_id, hour, calls, successful)
       select ?, campaign_id, hour, calls, successful
       from json_to_recordset(?::json) as x(campaign_id text, hour timestamptz, calls int, successful int)
       on conflict (account_id, campaign_id, hour) do update set
         calls = campaign_hourly.calls + excluded.calls, successful = campaign_hourly.successful + excluded.successful`,
      bindings: [accountId, JSON.stringify(hourRows)],
    });
  }

  const usageColumns = USAGE_COUNTER_COLUMNS;
  const usageRows = [...delta.usage.values()]
    .map((row) => {
      const out: Record<string, unknown> = {
        bot_id: row.botId,
        bucket_start: new Date(row.bucketStartMs).toISOString(),
      };
      for (const [column, key] of USAGE_COLUMNS) out[column] = row[key];
      return out;
    })
    .sort(byKey('bot_id', 'bucket_start'));
  statements.push({
    sql: `insert into bot_usage_buckets (account_id, bot_id, bucket_start, ${usageColumns.join(', ')})
     select ?, bot_id, bucket_start, ${usageColumns.join(', ')}
     from json_to_recordset(?::json) as x(bot_id text, bucket_start timestamptz, ${usageColumns.map((c) => `${c} bigint`).join(', ')})
     on conflict (account_id, bot_id, bucket_start) do update set ${additiveUpdate('bot_usage_buckets', usageColumns)}`,
    bindings: [accountId, JSON.stringify(usageRows)],
  });
  // The same deltas by UTC day (storage/usage.ts reads whole days there), in key order.
  statements.push({
    sql: `insert into bot_usage_days (account_id, day, bot_id, ${usageColumns.join(', ')})
     select ?, (bucket_start at time zone 'UTC')::date, bot_id, ${usageColumns.map((c) => `sum(${c})`).join(', ')}
     from json_to_recordset(?::json) as x(bot_id text, bucket_start timestamptz, ${usageColumns.map((c) => `${c} bigint`).join(', ')})
     group by 2, 3 order by 2, 3
     on conflict (account_id, day, bot_id) do update set ${additiveUpdate('bot_usage_days', usageColumns)}`,
    bindings: [accountId, JSON.stringify(usageRows)],
  });
  return statements;
}

const CUSTOMER_COLUMNS: readonly PositionalColumn<CustomerDelta>[] = [
  { column: 'campaign_id', key: 'campaignId', type: 'text' },
  { column: 'customer_id', key: 'customerId', type: 'text' },
  { column: 'calls', key: 'calls', type: 'int' },
  { column: 'successful', key: 'successful', type: 'int' },
];
const CUSTOMER_ROWS_SELECT = positionalRowsSelect(CUSTOMER_COLUMNS);

/**
 * Applies per-customer counts and returns, per campaign, how many customers became (or stopped being)
 * called/approached: a customer's count crossing zero, worked out in the statement so that one row per
 * campaign comes back rather than one per customer.
 */
export async function applyCustomerDelta(trx: Db, accountId: string, delta: RollupDelta): Promise<CustomerTransitions> {
  const changed = [...delta.customers.values()]
    .filter((row) => row.calls !== 0 || row.successful !== 0)
    .sort((a, b) =>
      a.campaignId !== b.campaignId
        ? a.campaignId < b.campaignId
          ? -1
          : 1
        : a.customerId < b.customerId
          ? -1
          : a.customerId > b.customerId
            ? 1
            : 0,
    );
  const transitions: CustomerTransitions = new Map();
  if (changed.length === 0) return transitions;
  const result = await trx.raw(
    `with sent as (${CUSTOMER_ROWS_SELECT}),
     applied as (
       insert into campaign_customers (account_id, campaign_id, customer_id, calls, successful)
       select ?, campaign_id, customer_id, calls, successful from sent
       on conflict (account_id, campaign_id, customer_id) do update set
         calls = campaign_customers.calls + excluded.calls, successful = campaign_customers.successful + excluded.successful
       returning campaign_id, customer_id, calls, successful)
     select applied.campaign_id,
            sum((applied.calls > 0)::int - (applied.calls - sent.calls > 0)::int) as called,
            sum((applied.successful > 0)::int - (applied.successful - sent.successful > 0)::int) as approached
     from applied join sent using (campaign_id, customer_id)
     group by applied.campaign_id`,
    [positionalRowsJson(changed, CUSTOMER_COLUMNS), accountId],
  );
  for (const row of result.rows as { campaign_id: string; called: unknown; approached: unknown }[]) {
    transitions.set(row.campaign_id, { called: toInt(row.called), approached: toInt(row.approached) });
  }
  return transitions;
}

interface DbCampaignRollupRow {
  total: unknown;
  callbacks: unknown;
  successful: unknown;
  unsuccessful: unknown;
  error: unknown;
  busy: unknown;
  no_answer: unknown;
  call_duration_ms: unknown;
  dialing_duration_ms: unknown;
  blocks: unknown;
  cost_sum: unknown;
  cost_unknown: unknown;
  messages: unknown;
  customers_called: unknown;
  customers_approached: unknown;
}

/**
 * A campaign's rollup columns, as `<alias>.<column>`: what campaignAggregatesOf reads, beside result_code_calls.
 * The decimal sum comes as text, so that it stays exact inside JSON too.
 */
export function campaignRollupColumns(alias: string): string {
  const columns = [...CAMPAIGN_COUNTER_COLUMNS.map(([column]) => column), 'customers_called', 'customers_approached'];
  return [...columns.map((column) => `${alias}.${column}`), `${alias}.cost_sum::text as cost_sum`].join(', ');
}

/**
 * SQL of a campaign's result codes as a json array of [code, calls], for a select list; the arguments are SQL
 * (`?` for a binding, or a column of the outer query).
 */
export function resultCodeCallsSql(accountId: string, campaignId: string): string {
  return `(select coalesce(json_agg(json_build_array(rc.result_code, rc.calls)), '[]'::json)
             from campaign_result_codes rc
            where rc.account_id = ${accountId} and rc.campaign_id = ${campaignId} and rc.calls > 0)`;
}

/** The aggregates of a row holding campaignRollupColumns (null when the campaign has no rollup yet) and result_code_calls. */
export function campaignAggregatesOf(
  row: Partial<DbCampaignRollupRow> & { result_code_calls: unknown },
): CampaignAggregates {
  return {
    total: toInt(row.total),
    callbacks: toInt(row.callbacks),
    successful: toInt(row.successful),
    unsuccessful: toInt(row.unsuccessful),
    error: toInt(row.error),
    busy: toInt(row.busy),
    noAnswer: toInt(row.no_answer),
    callDurationMs: toInt(row.call_duration_ms),
    dialingDurationMs: toInt(row.dialing_duration_ms),
    blocks: toInt(row.blocks),
    costSum: parseSignedDecimal(toDecimalText(row.cost_sum) ?? '0'),
    costUnknown: toInt(row.cost_unknown),
    messages: toInt(row.messages),
    customersCalled: toInt(row.customers_called),
    customersApproached: toInt(row.customers_approached),
    resultCodes: jsonValue<Array<[string, unknown]>>(row.result_code_calls).map(([code, calls]) => ({
      code,
      count: toInt(calls),
    })),
  };
}

export async function loadCampaignAggregates(
  db: Db,
  accountId: string,
  campaignId: string,
): Promise<CampaignAggregates> {
  // One round trip for both: the rollup row, if any, and its codes.
  const result = await db.raw(
    `select ${campaignRollupColumns('r')}, ${resultCodeCallsSql('?', '?')} as result_code_calls
       from (select 1) as one
       left join campaign_rollups r on r.account_id = ? and r.campaign_id = ?`,
    [accountId, campaignId, accountId, campaignId],
  );
  return campaignAggregatesOf(result.rows[0]);
}

export interface CampaignTotals {
  total: number;
  successful: number;
  lastCallAt: Date | null;
}

/** Calls, successful calls and the last call of each campaign (a list of them), in one statement. */
export async function loadCampaignTotals(
  db: Db,
  accountId: string,
  campaignIds: readonly string[],
): Promise<Map<string, CampaignTotals>> {
  if (campaignIds.length === 0) return new Map();
  const result = await db
    .raw(
      `select c.campaign_id, r.total, r.successful,
            ${campaignCallAtSql('last', ':account', 'c.campaign_id')} as last_call_at
       from json_array_elements_text(:ids::json) as c(campaign_id)
       left join campaign_rollups r on r.account_id = :account and r.campaign_id = c.campaign_id`,
      { account: accountId, ids: JSON.stringify(campaignIds) },
    )
    .options(preparedAs('campaign-totals'));
  const rows = result.rows as { campaign_id: string; total: unknown; successful: unknown; last_call_at: unknown }[];
  return new Map(
    rows.map((row) => [
      row.campaign_id,
      { total: toInt(row.total), successful: toInt(row.successful), lastCallAt: toDate(row.last_call_at) },
    ]),
  );
}

/**
 * Calls stored so far for a campaign, from its rollups (0 before the first): all of them, or those of one
 * status or one result code (a code decides its status, docs/metrics.md), without reading a single call.
 */
export async function campaignCallCount(
  db: Db,
  accountId: string,
  campaignId: string,
  filter: CallFilter = {},
): Promise<number> {
  const { status, resultCode } = filter;
  if (resultCode !== undefined) {
    if (status !== undefined && classifyResultCode(resultCode) !== status) return 0;
    const row = (await db('campaign_result_codes')
      .select('calls')
      .where({ account_id: accountId, campaign_id: campaignId, result_code: resultCode })
      .first()) as { calls: unknown } | undefined;
    return toInt(row?.calls ?? 0);
  }
  const column = status ?? 'total';
  const row = (await db('campaign_rollups')
    .select(db.ref(column).as('calls'))
    .where({ account_id: accountId, campaign_id: campaignId })
    .first()) as { calls: unknown } | undefined;
  return toInt(row?.calls ?? 0);
}
