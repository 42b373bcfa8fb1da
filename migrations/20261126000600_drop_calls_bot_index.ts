import type { Knex } from 'knex';

/** calls(account_id, bot_id, started_at) serves no report (usage reads bot_usage_buckets); it only slows ingest. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.dropIndex(['account_id', 'bot_id', 'started_at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.index(['account_id', 'bot_id', 'started_at']));
}
