import type { Knex } from 'knex';

/**
 * The Slack campaign picker searches an account's campaigns by the start of their id or name, lower-cased,
 * on every key press: these indexes keep that an index lookup however many campaigns an account has.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index campaigns_search_id on campaigns (account_id, lower(campaign_id) text_pattern_ops)');
  await knex.raw('create index campaigns_search_name on campaigns (account_id, lower(name) text_pattern_ops)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists campaigns_search_id');
  await knex.raw('drop index if exists campaigns_search_name');
}
