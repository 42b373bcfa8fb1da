import { DEFAULT_TARIFF, Tariff } from '../domain/call-record';
import { Db } from './connection';
import { toDecimalText } from './sql-values';

export interface DbVoicebotRow {
  account_id: string;
  bot_id: string;
  name: string | null;
  block_seconds: number;
  price_per_block: string | null;
  currency: string;
}

export interface Voicebot extends Tariff {
  botId: string;
  name: string | null;
}

function toVoicebot(row: DbVoicebotRow): Voicebot {
  return {
    botId: row.bot_id,
    name: row.name,
    blockSeconds: Number(row.block_seconds),
    pricePerBlock: toDecimalText(row.price_per_block),
    currency: row.currency,
  };
}

/**
 * Makes sure every bot exists (with the default tariff) and records names when a record carries one.
 * Rows are locked only when a name changes, so concurrent batches of the same bots do not wait on each other.
 */
export async function ensureVoicebots(db: Db, accountId: string, bots: Map<string, string | null>): Promise<void> {
  if (bots.size === 0) return;
  const rows = [...bots]
    .map(([botId, name]) => ({ account_id: accountId, bot_id: botId, name }))
    .sort((a, b) => (a.bot_id < b.bot_id ? -1 : a.bot_id > b.bot_id ? 1 : 0));
  await db.raw(
    `with x as (select * from json_to_recordset(?::json) as x(account_id text, bot_id text, name text)),
     renamed as (
       update voicebots v set name = x.name from x
       where v.account_id = x.account_id and v.bot_id = x.bot_id and x.name is not null and v.name is distinct from x.name
     )
     insert into voicebots (account_id, bot_id, name)
     select account_id, bot_id, name from x
     on conflict (account_id, bot_id) do nothing`,
    [JSON.stringify(rows)],
  );
}

export async function loadTariffs(db: Db, accountId: string, botIds: string[]): Promise<Map<string, Tariff>> {
  const rows = await db<DbVoicebotRow>('voicebots').where('account_id', accountId).whereIn('bot_id', botIds);
  const tariffs = new Map<string, Tariff>();
  for (const row of rows) tariffs.set(row.bot_id, toVoicebot(row));
  for (const botId of botIds) if (!tariffs.has(botId)) tariffs.set(botId, DEFAULT_TARIFF);
  return tariffs;
}

export async function findVoicebot(db: Db, accountId: string, botId: string): Promise<Voicebot | null> {
  const row = await db<DbVoicebotRow>('voicebots').where({ account_id: accountId, bot_id: botId }).first();
  return row ? toVoicebot(row) : null;
}

export async function saveTariff(
  db: Db,
  accountId: string,
  botId: string,
  changes: { blockSeconds?: number; pricePerBlock?: string | null; currency?: string },
): Promise<Voicebot> {
  await db('voicebots').insert({ account_id: accountId, bot_id: botId }).onConflict(['account_id', 'bot_id']).ignore();
  const patch: Partial<DbVoicebotRow> = {};
  if (changes.blockSeconds !== undefined) patch.block_seconds = changes.blockSeconds;
  if (changes.pricePerBlock !== undefined) patch.price_per_block = changes.pricePerBlock;
  if (changes.currency !== undefined) patch.currency = changes.currency;
  if (Object.keys(patch).length > 0) {
    await db('voicebots').where({ account_id: accountId, bot_id: botId }).update(patch);
  }
  return (await findVoicebot(db, accountId, botId)) as Voicebot;
}

/** The account's bot ids in order (for saying which exist when one is misspelt). */
export async function listVoicebotIds(db: Db, accountId: string): Promise<string[]> {
  return (await db('voicebots').where('account_id', accountId).orderBy('bot_id').pluck('bot_id')) as string[];
}
