import type { Knex } from 'knex';

const COUNTERS = ['sessions', 'messages', 'blocks', 'dialing_duration_ms', 'call_duration_ms', 'calls'];

/**
 * Monthly usage summed whole UTC days from bot_usage_days and only the part-days at the ends of the month (its
 * midnights in the account's zone) from the 15-minute buckets: about 30 rows a bot instead of 2,900, and the
 * buckets of one account found by time, not by reading all of its history.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('bot_usage_days', (t) => {
    t.text('account_id').notNullable();
    t.date('day').notNullable();
    t.text('bot_id').notNullable();
    for (const column of COUNTERS) t.bigInteger(column).notNullable().defaultTo(0);
    t.primary(['account_id', 'day', 'bot_id']);
  });
  await knex.raw(
    `insert into bot_usage_days (account_id, day, bot_id, ${COUNTERS.join(', ')})
     select account_id, (bucket_start at time zone 'UTC')::date, bot_id, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
     from bot_usage_buckets group by 1, 2, 3`,
  );
  await knex.raw('create index bot_usage_buckets_by_time on bot_usage_buckets (account_id, bucket_start)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists bot_usage_buckets_by_time');
  await knex.schema.dropTable('bot_usage_days');
}
