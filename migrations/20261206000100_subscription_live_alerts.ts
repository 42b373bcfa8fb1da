import type { Knex } from 'knex';

/**
 * Two more things a subscription can ask for (docs/chat.md): `live`, one message per campaign edited
 * from its first call to its final report, and `alerts`. Subscriptions made before keep what they had.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.boolean('live').notNullable().defaultTo(false);
    t.boolean('alerts').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.dropColumn('live');
    t.dropColumn('alerts');
  });
}
