import type { Knex } from 'knex';

/**
 * Personal data (docs/security.md "Personal data"): why a call's phone or recording is gone
 * (`forgotten` or `retention`), an account's retention period, keyed hashes of the identifiers that were
 * forgotten (so a re-delivered call does not bring them back), the audit of every erasure, and the ledger
 * that runs the daily retention once per day across processes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => {
    t.text('personal_data_removed'); // null | forgotten | retention
  });
  await knex.schema.alterTable('accounts', (t) => {
    t.integer('retain_personal_days'); // null: keep
  });
  await knex.schema.createTable('forgotten_identifiers', (t) => {
    t.text('account_id').notNullable();
    /** HMAC-SHA256 under a key derived from APP_ENCRYPTION_KEY of a customer id or an E.164 phone; never the value. */
    t.text('identifier_hash').notNullable();
    /** The pseudonym the customer's calls carry. */
    t.text('pseudonym').notNullable();
    t.timestamp('forgotten_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'identifier_hash']);
  });
  await knex.schema.createTable('personal_data_erasures', (t) => {
    t.bigIncrements('id').primary();
    t.text('account_id').notNullable();
    t.text('kind').notNullable(); // forget | retention
    t.text('requested_by').notNullable(); // the operating system user, --by, or "scheduler"
    t.integer('calls').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['account_id', 'at']);
  });
  await knex.schema.createTable('retention_runs', (t) => {
    t.date('day').primary(); // UTC day
    t.text('status').notNullable().defaultTo('running'); // running | done
    t.integer('calls').notNullable().defaultTo(0);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('retention_runs');
  await knex.schema.dropTableIfExists('personal_data_erasures');
  await knex.schema.dropTableIfExists('forgotten_identifiers');
  await knex.schema.alterTable('accounts', (t) => t.dropColumn('retain_personal_days'));
  await knex.schema.alterTable('calls', (t) => t.dropColumn('personal_data_removed'));
}
