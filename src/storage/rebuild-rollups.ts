import { refreshFirstCalls } from './campaigns';
import { Db } from './connection';
import { USAGE_COUNTER_COLUMNS } from './rollups';

/**
 * Recomputes every rollup of an account from its calls with plain GROUP BYs. Ingest keeps the rollups
 * current by deltas; this is for tariff changes and repair, and tests hold the two equal.
 */
export async function rebuildRollups(trx: Db, accountId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`ingest:${accountId}`]);
  for (const table of [
    'campaign_result_codes',
    'campaign_customers',
    'campaign_hourly',
    'bot_usage_buckets',
    'bot_usage_days',
  ]) {
    await trx(table).where('account_id', accountId).delete();
  }
  await trx.raw(
    `insert into campaign_customers (account_id, campaign_id, customer_id, calls, successful)
     select account_id, campaign_id, customer_id, count(*), count(*) filter (where status = 'successful')
     from calls where account_id = ? group by account_id, campaign_id, customer_id`,
    [accountId],
  );
  await trx.raw(
    `insert into campaign_result_codes (account_id, campaign_id, result_code, calls)
     select account_id, campaign_id, result_code, count(*) from calls where account_id = ?
     group by account_id, campaign_id, result_code`,
    [accountId],
  );
  await trx.raw(
    `insert into campaign_hourly (account_id, campaign_id, hour, calls, successful)
     select account_id, campaign_id, date_trunc('hour', started_at at time zone 'UTC') at time zone 'UTC',
            count(*), count(*) filter (where status = 'successful')
     from calls where account_id = ? group by 1, 2, 3`,
    [accountId],
  );
  await trx.raw(
    `insert into bot_usage_buckets (account_id, bot_id, bucket_start, sessions, messages, blocks,
                                    dialing_duration_ms, call_duration_ms, calls)
     select account_id, bot_id, to_timestamp(floor(extract(epoch from started_at) / 900) * 900),
            count(*) filter (where status = 'successful'), sum(messages), sum(blocks),
            sum(dialing_duration_ms), sum(call_duration_ms), count(*)
     from calls where account_id = ? group by 1, 2, 3`,
    [accountId],
  );
  await trx.raw(
    `insert into bot_usage_days (account_id, day, bot_id, ${USAGE_COUNTER_COLUMNS.join(', ')})
     select account_id, (bucket_start at time zone 'UTC')::date, bot_id,
            ${USAGE_COUNTER_COLUMNS.map((column) => `sum(${column})`).join(', ')}
     from bot_usage_buckets where account_id = ? group by 1, 2, 3`,
    [accountId],
  );
  await trx.raw(
    `update campaign_rollups r set
       total = coalesce(c.total, 0), callbacks = coalesce(c.callbacks, 0), successful = coalesce(c.successful, 0),
       unsuccessful = coalesce(c.unsuccessful, 0), error = coalesce(c.error, 0), busy = coalesce(c.busy, 0),
       no_answer = coalesce(c.no_answer, 0), call_duration_ms = coalesce(c.call_duration_ms, 0),
       dialing_duration_ms = coalesce(c.dialing_duration_ms, 0), blocks = coalesce(c.blocks, 0),
       cost_sum = coalesce(c.cost_sum, 0), cost_unknown = coalesce(c.cost_unknown, 0), messages = coalesce(c.messages, 0),
       customers_called = coalesce(k.called, 0), customers_approached = coalesce(k.approached, 0)
     from campaigns g
     left join (
       select campaign_id, count(*) as total, count(*) filter (where attempt > 1) as callbacks,
              count(*) filter (where status = 'successful') as successful,
              count(*) filter (where status = 'unsuccessful') as unsuccessful,
              count(*) filter (where status = 'error') as error,
              count(*) filter (where result_code = 'BS') as busy, count(*) filter (where result_code = 'NA') as no_answer,
              sum(call_duration_ms) as call_duration_ms, sum(dialing_duration_ms) as dialing_duration_ms,
              sum(blocks) as blocks, coalesce(sum(cost), 0) as cost_sum, count(*) filter (where cost is null) as cost_unknown,
              sum(messages) as messages
       from calls where account_id = ? group by campaign_id
     ) c on c.campaign_id = g.campaign_id
     left join (
       select campaign_id, count(*) filter (where calls > 0) as called, count(*) filter (where successful > 0) as approached
       from campaign_customers where account_id = ? group by campaign_id
     ) k on k.campaign_id = g.campaign_id
     where g.account_id = ? and r.account_id = g.account_id and r.campaign_id = g.campaign_id`,
    [accountId, accountId, accountId],
  );
  await refreshFirstCalls(trx, accountId, 'all');
}

/** Re-derives blocks and cost of a bot's calls from its tariff (docs/metrics.md "Per call"), then the rollups. */
export async function applyTariffToCalls(trx: Db, accountId: string, botId: string): Promise<number> {
  const updated = await trx.raw(
    `update calls c set
       blocks = coalesce(c.given_blocks,
                case when c.status = 'successful' then ceil(c.call_duration_ms::numeric / (v.block_seconds * 1000))::int else 0 end),
       cost = coalesce(c.given_cost,
              v.price_per_block * coalesce(c.given_blocks,
                case when c.status = 'successful' then ceil(c.call_duration_ms::numeric / (v.block_seconds * 1000))::int else 0 end))
     from voicebots v
     where c.account_id = ? and c.bot_id = ? and v.account_id = c.account_id and v.bot_id = c.bot_id`,
    [accountId, botId],
  );
  await rebuildRollups(trx, accountId);
  return Number(updated.rowCount ?? 0);
}
