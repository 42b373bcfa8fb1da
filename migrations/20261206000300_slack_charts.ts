import type { Knex } from 'knex';

/**
 * Slack's own charts and tables (docs/chat.md): an account may choose Slack's charts (`account <id> --charts
 * native`) instead of chart images; and a workspace whose Slack refused the newer block types (tables,
 * charts) is remembered, so that it gets chart images and text tables from then on instead of a refusal
 * on every message. A workspace id is no personal data.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.text('slack_charts').notNullable().defaultTo('images');
  });
  await knex.raw(
    `alter table accounts add constraint accounts_slack_charts_check check (slack_charts in ('images', 'native'))`,
  );
  await knex.schema.createTable('slack_plain_workspaces', (t) => {
    t.text('workspace_id').primary();
    t.text('reason').notNullable(); // what Slack said (its `errors`, cut), for whoever wonders why
    t.timestamp('refused_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('slack_plain_workspaces');
  await knex.raw('alter table accounts drop constraint accounts_slack_charts_check');
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('slack_charts');
  });
}
