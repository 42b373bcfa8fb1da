import type { Knex } from 'knex';

/**
 * Webhook requests already applied, by the signature that authenticated them (docs/webhook.md "Sending again is safe").
 * A signature stays valid for 300 s, so a row is kept until then (plus a margin for clocks that differ) and
 * a replay within the window finds it and changes nothing. In PostgreSQL, not in memory: every web process
 * sees the same rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('signed_requests', (t) => {
    t.text('account_id').notNullable();
    t.text('signature').notNullable(); // the hex HMAC that matched: one per timestamp and body
    t.timestamp('replayable_until', { useTz: true }).notNullable();
    t.primary(['account_id', 'signature']);
    t.index(['replayable_until']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('signed_requests');
}
