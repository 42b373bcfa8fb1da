import type { Knex } from 'knex';

/**
 * A campaign's first call instant kept on its row (rewritten from the calls index by every ingest batch that
 * changes its calls), and an index by bot and first call: the previous campaign of a report is then the first
 * complete one walking back from its own first call, instead of probing every campaign of the bot.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('campaigns', (t) => {
    t.timestamp('first_call_at', { useTz: true }).nullable();
  });
  await knex.raw(
    `update campaigns c set first_call_at = (select started_at from calls
       where account_id = c.account_id and campaign_id = c.campaign_id order by started_at limit 1)`,
  );
  await knex.raw('create index campaigns_by_first_call on campaigns (account_id, bot_id, first_call_at, campaign_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists campaigns_by_first_call');
  await knex.schema.alterTable('campaigns', (t) => {
    t.dropColumn('first_call_at');
  });
}
