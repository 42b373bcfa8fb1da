import { Db } from '../../src/storage/connection';
import { BUSINESS_CODES, PRICE_PER_BLOCK } from './call-data';

/**
 * Loads generated calls straight into `calls` with one INSERT ... SELECT over generate_series: the same
 * shape as call-data.ts (customer k = floor(7i/10), 30% callbacks, retried first attempts fail, 55% of the
 * rest answered with a business code, realistic ring/talk times, blocks and cost given), with random()
 * instead of the row hash. Derived columns (status, durations, blocks, cost) follow docs/metrics.md. The caller
 * creates the campaigns and then runs rebuildRollups, so that every rollup equals a GROUP BY over calls.
 */
export interface SqlCallSet {
  accountId: string;
  rows: number;
  /** Prefix of call ids; sets with different prefixes never collide. */
  idPrefix: string;
  monthStart: Date;
  /** Rows spread evenly over this many days from monthStart. */
  spreadDays: number;
  /** SQL expression of the row's customer index `k` giving its campaign id. */
  campaignExpr: string;
  /** SQL expression of `k` giving its bot id. */
  botExpr: string;
}

export async function insertGeneratedCalls(db: Db, set: SqlCallSet): Promise<void> {
  const codes = `array[${BUSINESS_CODES.map((code) => `'${code}'`).join(', ')}]`;
  await db.raw(
    `insert into calls (account_id, call_id, campaign_id, bot_id, customer_id, phone, attempt, started_at, answered_at,
                        ended_at, result_code, status, call_duration_ms, dialing_duration_ms, blocks, cost, given_blocks,
                        given_cost, messages, given_messages, recording_url, content_hash, received_at)
     select :account, call_id, campaign_id, bot_id, customer_id, phone, attempt, started_at,
            case when ok then started_at + ring end,
            started_at + case when ok then ring + talk else fail end,
            code, case when ok then 'successful' when code = 'CU' then 'error' else 'unsuccessful' end,
            case when ok then talk_ms else 0 end, case when ok then ring_ms else fail_ms end,
            blocks, blocks * ${PRICE_PER_BLOCK}, blocks, blocks * ${PRICE_PER_BLOCK},
            case when ok then 2 + floor(r4 * 19)::int else 0 end, case when ok then 2 + floor(r4 * 19)::int end,
            case when ok then 'https://recordings.example.com/' || campaign_id || '/' || call_id || '.mp3' end,
            md5(call_id), now()
     from (
       select *, code not in ('BS', 'NA', 'CU') as ok, ceil(talk_ms / 60000.0)::int * (code not in ('BS', 'NA', 'CU'))::int as blocks,
              make_interval(secs => ring_ms / 1000.0) as ring, make_interval(secs => talk_ms / 1000.0) as talk,
              make_interval(secs => fail_ms / 1000.0) as fail
       from (
         select *, :prefix || lpad(i::text, 8, '0') as call_id, ${set.campaignExpr} as campaign_id, ${set.botExpr} as bot_id,
                'cus_' || lpad(k::text, 8, '0') as customer_id, '+849' || lpad((k % 100000000)::text, 8, '0') as phone,
                i - (k * 10 + 6) / 7 + 1 as attempt,
                :start::timestamptz + make_interval(secs => (i::float8 / :rows) * :spread) + ((i - (k * 10 + 6) / 7) * interval '2 hours') as started_at,
                case when (i + 1) * 7 / 10 <> k and r1 < 0.55 then (${codes})[1 + floor(r2 * ${BUSINESS_CODES.length})::int]
                     when r2 < 0.55 then 'NA' when r2 < 0.88 then 'BS' else 'CU' end as code,
                3000 + floor(r3 * 12000)::bigint as ring_ms, 15000 + floor(r4 * 225000)::bigint as talk_ms,
                case when r2 < 0.55 then 30000 + floor(r3 * 15000) when r2 < 0.88 then 2000 + floor(r3 * 4000) else floor(r3 * 3000) end::bigint as fail_ms
         from (select i, i * 7 / 10 as k, random() as r1, random() as r2, random() as r3, random() as r4
               from generate_series(0::bigint, :last::bigint) as i) g
       ) a
     ) b`,
    {
      account: set.accountId,
      prefix: set.idPrefix,
      start: set.monthStart.toISOString(),
      rows: set.rows,
      spread: set.spreadDays * 86400,
      last: set.rows - 1,
    },
  );
}
