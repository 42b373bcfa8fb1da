import type { Knex } from 'knex';

/**
 * Slack workspaces that installed the app through OAuth (multi-workspace mode). The whole installation,
 * tokens included, is sealed with AES-256-GCM under APP_ENCRYPTION_KEY; only ids stay readable.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('slack_installations', (t) => {
    t.text('enterprise_id').notNullable().defaultTo(''); // '' outside Enterprise Grid
    t.text('team_id').notNullable().defaultTo(''); // '' for an org-wide install
    t.boolean('is_enterprise_install').notNullable().defaultTo(false);
    t.text('app_id');
    t.text('bot_id');
    t.text('bot_user_id');
    t.timestamp('bot_token_expires_at', { useTz: true }); // null without token rotation
    t.text('installation_enc').notNullable();
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['enterprise_id', 'team_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('slack_installations');
}
