import { Db } from './connection';
import { jsonValue, toDate } from './sql-values';

/**
 * Teams conversation references (migration 20261126000500): what proactive posts need. The reference
 * is stored as plain JSON; only src/adapters/teams knows its Bot Framework shape.
 */
export interface DbTeamsConversationRow {
  conversation_key: string;
  tenant_id: string | null;
  channel_id: string;
  service_url: string;
  conversation_type: string | null;
  reference: Record<string, unknown> | string;
  bot_removed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface TeamsConversation {
  /** The conversation id without a thread's `;messageid=`: the subscriptions' destination. */
  key: string;
  tenantId: string | null;
  channelId: string;
  serviceUrl: string;
  conversationType: string | null;
  reference: Record<string, unknown>;
  botRemovedAt: Date | null;
  updatedAt: Date;
}

export type TeamsConversationInput = Omit<TeamsConversation, 'botRemovedAt' | 'updatedAt'>;

function toTeamsConversation(row: DbTeamsConversationRow): TeamsConversation {
  return {
    key: row.conversation_key,
    tenantId: row.tenant_id,
    channelId: row.channel_id,
    serviceUrl: row.service_url,
    conversationType: row.conversation_type,
    reference: jsonValue<Record<string, unknown>>(row.reference),
    botRemovedAt: toDate(row.bot_removed_at),
    updatedAt: toDate(row.updated_at) as Date,
  };
}

/** Saves the latest reference of a conversation (every incoming activity calls this); the bot is there again. */
export async function saveTeamsConversation(db: Db, input: TeamsConversationInput): Promise<void> {
  await db('teams_conversations')
    .insert({
      conversation_key: input.key,
      tenant_id: input.tenantId,
      channel_id: input.channelId,
      service_url: input.serviceUrl,
      conversation_type: input.conversationType,
      reference: JSON.stringify(input.reference),
    })
    .onConflict('conversation_key')
    .merge({
      tenant_id: db.raw('coalesce(excluded.tenant_id, teams_conversations.tenant_id)'),
      channel_id: db.raw('excluded.channel_id'),
      service_url: db.raw('excluded.service_url'),
      conversation_type: db.raw('coalesce(excluded.conversation_type, teams_conversations.conversation_type)'),
      reference: db.raw('excluded.reference'),
      bot_removed_at: null,
      updated_at: db.fn.now(),
    });
}

export async function findTeamsConversation(db: Db, key: string): Promise<TeamsConversation | null> {
  const row = await db<DbTeamsConversationRow>('teams_conversations').where({ conversation_key: key }).first();
  return row ? toTeamsConversation(row) : null;
}

/** Teams said the bot left the conversation (uninstalled, removed from the team or chat). */
export async function markTeamsBotRemoved(db: Db, key: string, at: Date = new Date()): Promise<void> {
  await db('teams_conversations')
    .where({ conversation_key: key })
    .update({ bot_removed_at: at, updated_at: db.fn.now() });
}

/**
 * The bot's personal chat with a user of a tenant (by Azure AD object id), where it can tell them
 * something privately; null when the user never installed the bot for themselves.
 */
export async function findPersonalTeamsConversation(
  db: Db,
  tenantId: string | null,
  userAadObjectId: string,
): Promise<TeamsConversation | null> {
  const row = await db<DbTeamsConversationRow>('teams_conversations')
    .where({ conversation_type: 'personal' })
    .whereNull('bot_removed_at')
    .whereRaw(`reference->'user'->>'aadObjectId' = ?`, [userAadObjectId])
    .modify((query) => {
      if (tenantId) query.where({ tenant_id: tenantId });
    })
    .orderBy('updated_at', 'desc')
    .first();
  return row ? toTeamsConversation(row) : null;
}
