import type { Knex } from 'knex';

/**
 * Alerts (docs/alerts.md): each account's rule thresholds, each bot's monthly block budget, the
 * account's alert email recipients, and the episodes (one row from a firing to its clearing). The calls
 * index serves "the last N calls of a campaign by ended_at, then call_id" without reading the campaign.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alert_settings', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('rule').notNullable(); // errors | answer-rate | stalled
    t.boolean('enabled').notNullable();
    /** Exact decimal: errors percent, answer-rate factor, stalled minutes. */
    t.decimal('threshold', null).notNullable();
    t.text('changed_by');
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'rule']);
  });

  await knex.schema.createTable('bot_budgets', (t) => {
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('bot_id').notNullable();
    t.bigInteger('monthly_blocks').notNullable();
    t.text('changed_by');
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['account_id', 'bot_id']);
  });

  await knex.schema.alterTable('accounts', (t) => {
    t.jsonb('alert_emails').notNullable().defaultTo('[]');
  });

  await knex.schema.createTable('alert_episodes', (t) => {
    t.bigIncrements('id').primary();
    t.text('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('rule').notNullable();
    /** What the episode is about: the campaign id, or `<bot>|<YYYY-MM>|<level>` for budget. */
    t.text('scope').notNullable();
    t.text('campaign_id');
    t.text('bot_id').notNullable();
    t.timestamp('fired_at', { useTz: true }).notNullable();
    t.jsonb('fire_figures').notNullable();
    t.timestamp('cleared_at', { useTz: true });
    t.jsonb('clear_figures');
    /** recovered | completed | month-ended | rule-off */
    t.text('clear_reason');
    t.index(['account_id', 'campaign_id']);
  });
  // At most one open episode per rule and scope: two evaluations racing cannot both fire.
  await knex.raw(
    'create unique index alert_episodes_open on alert_episodes (account_id, rule, scope) where cleared_at is null',
  );
  // A budget level fires once per bot and month, even after the month's episode cleared.
  await knex.raw(
    "create unique index alert_episodes_budget_once on alert_episodes (account_id, scope) where rule = 'budget'",
  );
  await knex.raw('create index alert_episodes_open_all on alert_episodes (rule) where cleared_at is null');

  await knex.schema.alterTable('calls', (t) => {
    t.index(['account_id', 'campaign_id', 'ended_at', 'call_id'], 'calls_campaign_ended');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.dropIndex([], 'calls_campaign_ended'));
  await knex.schema.dropTableIfExists('alert_episodes');
  await knex.schema.alterTable('accounts', (t) => t.dropColumn('alert_emails'));
  await knex.schema.dropTableIfExists('bot_budgets');
  await knex.schema.dropTableIfExists('alert_settings');
}
