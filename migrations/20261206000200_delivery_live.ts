import type { Knex } from 'knex';

/**
 * The live message (docs/live.md): a campaign's delivery row in a chat destination is made at its first
 * call when a subscription there wants `live`, and stays the one row, and the one message, of that
 * campaign there: edited with the live progress, then with the final report.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deliveries', (t) => {
    /** The message shows live progress and has yet to become the final report. */
    t.boolean('live').notNullable().defaultTo(false);
    /** Live edits made so far: the next edit's job id (live-<delivery>-e<n>), so edits in between coalesce. */
    t.integer('live_edits').notNullable().defaultTo(0);
    /** Calls the live message shows; null when unknown (a post found again after a crash). */
    t.integer('live_calls');
    /** When the live message was last posted or edited: the next edit waits LIVE_UPDATE_SECONDS from it. */
    t.timestamp('live_edited_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deliveries', (t) => {
    t.dropColumn('live');
    t.dropColumn('live_edits');
    t.dropColumn('live_calls');
    t.dropColumn('live_edited_at');
  });
}
