import type { Knex } from 'knex';

/**
 * Reporting core: accounts, voicebots with their tariff, campaigns, calls, workspace links, and the
 * rollups that keep every report a handful of index lookups (maintained by ingest, rebuildable from calls).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('accounts', (t) => {
    t.text('id').primary();
    t.text('time_zone').notNullable();
    t.text('locale').notNullable().defaultTo('en-US');
    t.text('ingest_secret_enc');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('voicebots', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('bot_id').notNullable();
    t.text('name');
    t.integer('block_seconds').notNullable().defaultTo(60);
    t.decimal('price_per_block', null);
    t.text('currency').notNullable().defaultTo('VND');
    t.primary(['account_id', 'bot_id']);
  });

  await knex.schema.createTable('campaigns', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('campaign_id').notNullable();
    t.text('bot_id').notNullable();
    t.text('name');
    t.integer('customers_total');
    t.jsonb('report_emails').notNullable().defaultTo('[]');
    t.timestamp('started_event_at', { useTz: true });
    t.timestamp('completed_event_at', { useTz: true });
    /** When we last received a call of it (not the call's own time): completion waits on arrivals. */
    t.timestamp('last_received_at', { useTz: true });
    /** Arrival of the completion event, for the settle window. */
    t.timestamp('completed_event_received_at', { useTz: true });
    t.text('state').notNullable().defaultTo('running');
    t.timestamp('completed_at', { useTz: true });
    /** Bumped whenever a call of a complete campaign arrives or changes, so posted reports get updated. */
    t.integer('revision').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'campaign_id']);
    t.index(['state', 'last_received_at']);
  });

  await knex.schema.createTable('calls', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('call_id').notNullable();
    t.text('campaign_id').notNullable();
    t.text('bot_id').notNullable();
    t.text('customer_id').notNullable();
    t.text('phone');
    t.integer('attempt').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('ended_at', { useTz: true }).notNullable();
    t.text('result_code').notNullable();
    t.text('status').notNullable();
    t.bigInteger('call_duration_ms').notNullable();
    t.bigInteger('dialing_duration_ms').notNullable();
    t.integer('blocks').notNullable();
    t.decimal('cost', null);
    t.integer('given_blocks');
    t.decimal('given_cost', null);
    t.integer('messages').notNullable();
    t.integer('given_messages');
    t.text('recording_url');
    t.text('content_hash').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.primary(['account_id', 'call_id']);
    t.index(['account_id', 'campaign_id', 'started_at', 'call_id']);
    t.index(['account_id', 'bot_id', 'started_at']);
  });

  await knex.schema.createTable('campaign_rollups', (t) => {
    t.text('account_id').notNullable();
    t.text('campaign_id').notNullable();
    for (const column of [
      'total',
      'callbacks',
      'successful',
      'unsuccessful',
      'error',
      'busy',
      'no_answer',
      'call_duration_ms',
      'dialing_duration_ms',
      'blocks',
      'cost_unknown',
      'messages',
      'customers_called',
      'customers_approached',
    ]) {
      t.bigInteger(column).notNullable().defaultTo(0);
    }
    t.decimal('cost_sum', null).notNullable().defaultTo(0);
    t.primary(['account_id', 'campaign_id']);
    t.foreign(['account_id', 'campaign_id'])
      .references(['account_id', 'campaign_id'])
      .inTable('campaigns')
      .onDelete('CASCADE');
  });

  await knex.schema.createTable('campaign_result_codes', (t) => {
    t.text('account_id').notNullable();
    t.text('campaign_id').notNullable();
    t.text('result_code').notNullable();
    t.bigInteger('calls').notNullable().defaultTo(0);
    t.primary(['account_id', 'campaign_id', 'result_code']);
  });

  await knex.schema.createTable('campaign_customers', (t) => {
    t.text('account_id').notNullable();
    t.text('campaign_id').notNullable();
    t.text('customer_id').notNullable();
    t.integer('calls').notNullable().defaultTo(0);
    t.integer('successful').notNullable().defaultTo(0);
    t.primary(['account_id', 'campaign_id', 'customer_id']);
  });

  await knex.schema.createTable('campaign_hourly', (t) => {
    t.text('account_id').notNullable();
    t.text('campaign_id').notNullable();
    t.timestamp('hour', { useTz: true }).notNullable();
    t.integer('calls').notNullable().defaultTo(0);
    t.integer('successful').notNullable().defaultTo(0);
    t.primary(['account_id', 'campaign_id', 'hour']);
  });

  // 15-minute UTC buckets: every IANA offset is a multiple of 15 minutes, so any zone's month is a
  // whole number of buckets and an account may change its zone without a rebuild.
  await knex.schema.createTable('bot_usage_buckets', (t) => {
    t.text('account_id').notNullable();
    t.text('bot_id').notNullable();
    t.timestamp('bucket_start', { useTz: true }).notNullable();
    for (const column of ['sessions', 'messages', 'blocks', 'dialing_duration_ms', 'call_duration_ms', 'calls']) {
      t.bigInteger(column).notNullable().defaultTo(0);
    }
    t.primary(['account_id', 'bot_id', 'bucket_start']);
  });

  await knex.schema.createTable('workspace_links', (t) => {
    t.text('platform').notNullable();
    t.text('external_id').notNullable();
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['platform', 'external_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'workspace_links',
    'bot_usage_buckets',
    'campaign_hourly',
    'campaign_customers',
    'campaign_result_codes',
    'campaign_rollups',
    'calls',
    'campaigns',
    'voicebots',
    'accounts',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
