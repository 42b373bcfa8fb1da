import type { Knex } from 'knex';

/** Where reports go by themselves: a Slack channel, a Teams conversation or an email address. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('subscriptions', (t) => {
    t.bigIncrements('id').primary();
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('platform').notNullable(); // slack | teams | email
    t.text('workspace_id'); // Slack team id or Teams tenant id; null for email
    t.text('destination').notNullable(); // channel id, conversation id or email address
    t.text('target_kind').notNullable(); // all | bot | campaign
    t.text('target_id').notNullable().defaultTo(''); // '' for all
    t.boolean('summaries').notNullable().defaultTo(true);
    t.boolean('digest').notNullable().defaultTo(false);
    t.text('created_by');
    t.text('status').notNullable().defaultTo('active'); // active | broken
    t.text('broken_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['account_id', 'platform', 'destination', 'target_kind', 'target_id']);
    t.index(['account_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('subscriptions');
}
