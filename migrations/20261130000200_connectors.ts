import type { Knex } from 'knex';

/**
 * Connectors (docs/connectors.md): per account and platform, the platform's secret (sealed with
 * APP_ENCRYPTION_KEY like the ingest secret) and the outcome field; the account's code map from platform
 * reasons to result codes; and, per call that came through a connector, what the platform said (its reason,
 * the business outcome, when it answered, how complete the event was), so that a change of the code map can
 * re-derive the stored call. The platform facts live beside calls, not in it, so that /v1/events and file
 * imports write exactly the rows they wrote before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('connector_settings', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('platform').notNullable(); // retell | vapi | twilio
    t.text('secret_enc').notNullable();
    t.text('outcome_field'); // the platform's analysis field holding an answered call's business outcome
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'platform']);
  });

  await knex.schema.createTable('connector_code_map', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('platform').notNullable();
    t.text('reason').notNullable(); // as the platform sends it
    t.text('result_code').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'platform', 'reason']);
  });

  await knex.schema.createTable('connector_calls', (t) => {
    t.text('account_id').notNullable();
    t.text('call_id').notNullable();
    t.text('platform').notNullable();
    t.text('reason').notNullable();
    t.text('outcome'); // the value of the account's outcome field, when the platform sent one
    t.timestamp('answered_at', { useTz: true }); // when the platform says the call connected
    t.smallint('detail').notNullable().defaultTo(0); // how complete the event was (Retell call_analyzed > call_ended)
    t.boolean('unmapped').notNullable().defaultTo(false); // no code map entry and no default for the reason
    t.primary(['account_id', 'call_id']);
    t.index(['account_id', 'platform', 'reason']);
  });
  await knex.raw('create index connector_calls_unmapped on connector_calls (account_id) where unmapped');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('connector_calls');
  await knex.schema.dropTableIfExists('connector_code_map');
  await knex.schema.dropTableIfExists('connector_settings');
}
