import type { Knex } from 'knex';

/**
 * Automatic delivery. `report_fanouts` is the outbox of reports that must go out (written in the same
 * transaction that completes a campaign, so a lost queue job cannot lose a report); `deliveries` is the
 * ledger: one row per (report, destination), claimed by the job that delivers it, recording what the
 * destination received (Slack channel + ts, email Message-ID) and the campaign revision it showed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_fanouts', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('report_kind').notNullable(); // campaign | digest
    t.text('report_ref').notNullable(); // campaign id | YYYY-MM
    t.text('status').notNullable().defaultTo('pending'); // pending | done
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('done_at', { useTz: true });
    t.primary(['account_id', 'report_kind', 'report_ref']);
    t.index(['status', 'created_at']);
  });

  await knex.schema.createTable('deliveries', (t) => {
    /** Deterministic: derived from the report and the destination (domain/delivery-ids). */
    t.text('id').primary();
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('report_kind').notNullable(); // campaign | digest
    t.text('report_ref').notNullable(); // campaign id | YYYY-MM
    t.text('channel_kind').notNullable(); // slack | email | teams
    t.text('workspace_id'); // Slack team / Teams tenant; null for email
    t.text('destination').notNullable(); // channel id | conversation id | email address
    /** The subscriptions that asked for it (empty for a campaign's report_emails). */
    t.jsonb('subscription_ids').notNullable().defaultTo('[]');
    /** Who set the destination up, told when it breaks. */
    t.text('notify_user');
    t.text('status').notNullable().defaultTo('pending'); // pending | sending | done | failed
    t.integer('attempts').notNullable().defaultTo(0);
    /** Slack ts, email Message-ID (recorded before the first attempt), Teams activity id. */
    t.text('message_ref');
    /** Where the message lives when the platform says (Slack's channel id). */
    t.text('message_container');
    /** The campaign revision being delivered when the irreversible step started. */
    t.integer('sending_revision');
    /** The campaign revision the destination shows. */
    t.integer('delivered_revision');
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true });
    t.index(['account_id', 'report_kind', 'report_ref']);
    t.index(['status', 'updated_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('deliveries');
  await knex.schema.dropTableIfExists('report_fanouts');
}
