import type { Knex } from 'knex';

/**
 * calls.account_id → accounts.id ran a referential-integrity trigger for every inserted call, each taking a
 * KEY SHARE lock on the same accounts row; with concurrent webhook batches those locks become MultiXacts.
 * It was the largest single cost of storing a call after the indexes. Calls are only written by ingest,
 * which has resolved the account first, and no account is ever deleted, so the constraint guarded nothing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.dropForeign(['account_id']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.foreign('account_id').references('accounts.id').onDelete('CASCADE'));
}
