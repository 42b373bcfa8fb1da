import type { Knex } from 'knex';

/**
 * Where the Teams bot can post by itself: the conversation reference of every conversation that sent it
 * an activity (Bot Framework's proactive messaging needs the serviceUrl, the bot and the conversation).
 * Keyed by the conversation id without a thread's `;messageid=` part, which is also the subscription's
 * destination, so a summary becomes a new post in a channel rather than a reply in an old thread.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('teams_conversations', (t) => {
    t.text('conversation_key').primary();
    t.text('tenant_id'); // Teams tenant (the workspace linked to an account); null outside Teams
    t.text('channel_id').notNullable(); // Bot Framework channel: msteams (emulator, webchat in development)
    t.text('service_url').notNullable();
    t.text('conversation_type'); // personal | groupChat | channel
    t.jsonb('reference').notNullable(); // the ConversationReference as sent, without an activity id
    t.timestamp('bot_removed_at', { useTz: true }); // set when Teams says the bot left; cleared when it is back
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('teams_conversations');
}
