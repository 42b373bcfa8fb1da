import { CallStatus } from '../domain/call-status';
import { Micros, parseSignedDecimal } from '../domain/decimal';
import { CallContribution } from '../domain/rollup-delta';
import { Db } from './connection';
import { toDate, toDecimalText, toInt } from './sql-values';

/** A call as stored, with its derived figures (metrics.md "Per call"). */
export interface DbCallRow {
  call_id: string;
  campaign_id: string;
  bot_id: string;
  customer_id: string;
  phone: string | null;
  attempt: number;
  started_at: string;
  answered_at: string | null;
  ended_at: string;
  result_code: string;
  status: CallStatus;
  call_duration_ms: number;
  dialing_duration_ms: number;
  blocks: number;
  cost: string | null;
  given_blocks: number | null;
  given_cost: string | null;
  messages: number;
  given_messages: number | null;
  recording_url: string | null;
  content_hash: string;
  received_at: string;
}

export interface StoredCall extends CallContribution {
  callId: string;
  contentHash: string;
}

const CALL_COLUMNS: [keyof DbCallRow, string][] = [
  ['call_id', 'text'],
  ['campaign_id', 'text'],
  ['bot_id', 'text'],
  ['customer_id', 'text'],
  ['phone', 'text'],
  ['attempt', 'int'],
  ['started_at', 'timestamptz'],
  ['answered_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
  ['result_code', 'text'],
  ['status', 'text'],
  ['call_duration_ms', 'bigint'],
  ['dialing_duration_ms', 'bigint'],
  ['blocks', 'int'],
  ['cost', 'numeric'],
  ['given_blocks', 'int'],
  ['given_cost', 'numeric'],
  ['messages', 'int'],
  ['given_messages', 'int'],
  ['recording_url', 'text'],
  ['content_hash', 'text'],
  ['received_at', 'timestamptz'],
];

const COLUMN_LIST = CALL_COLUMNS.map(([name]) => name).join(', ');
const RECORDSET_TYPE = CALL_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
const UPDATE_SET = CALL_COLUMNS.filter(([name]) => name !== 'call_id')
  .map(([name]) => `${name} = excluded.${name}`)
  .join(', ');

function toContribution(row: Pick<DbCallRow, 'campaign_id' | 'bot_id' | 'customer_id' | 'attempt' | 'started_at' | 'result_code' | 'status' | 'call_duration_ms' | 'dialing_duration_ms' | 'blocks' | 'cost' | 'messages'>): CallContribution {
  const cost = toDecimalText(row.cost);
  return {
    campaignId: row.campaign_id,
    botId: row.bot_id,
    customerId: row.customer_id,
    attempt: toInt(row.attempt),
    startedAt: toDate(row.started_at) as Date,
    resultCode: row.result_code,
    status: row.status,
    callDurationMs: toInt(row.call_duration_ms),
    dialingDurationMs: toInt(row.dialing_duration_ms),
    blocks: toInt(row.blocks),
    cost: cost === null ? null : (parseSignedDecimal(cost) as Micros),
    messages: toInt(row.messages),
  };
}

/**
 * Inserts the calls whose id is not stored yet, in call id order (a stable lock order between concurrent
 * batches); returns the ids it inserted. The unique index decides, so two batches never both insert one id.
 */
export async function insertNewCalls(db: Db, accountId: string, rows: CallRowInput[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const sorted = [...rows].sort((a, b) => (a.call_id < b.call_id ? -1 : a.call_id > b.call_id ? 1 : 0));
  const result = await db.raw(
    `insert into calls (account_id, ${COLUMN_LIST})
     select ?, ${COLUMN_LIST} from json_to_recordset(?::json) as x(${RECORDSET_TYPE})
     on conflict (account_id, call_id) do nothing
     returning call_id`,
    [accountId, JSON.stringify(sorted)],
  );
  return new Set((result.rows as { call_id: string }[]).map((row) => row.call_id));
}

/** The stored version of each given call id, row-locked (in call id order) until the transaction ends. */
export async function lockStoredCalls(db: Db, accountId: string, callIds: string[]): Promise<Map<string, StoredCall>> {
  const found = new Map<string, StoredCall>();
  if (callIds.length === 0) return found;
  const result = await db.raw(
    `select call_id, content_hash, campaign_id, bot_id, customer_id, attempt, started_at, result_code, status,
            call_duration_ms, dialing_duration_ms, blocks, cost, messages
     from calls where account_id = ? and call_id in (select json_array_elements_text(?::json))
     order by call_id for update`,
    [accountId, JSON.stringify(callIds)],
  );
  for (const row of result.rows as DbCallRow[]) {
    found.set(row.call_id, { ...toContribution(row), callId: row.call_id, contentHash: row.content_hash });
  }
  return found;
}

export type CallRowInput = Omit<DbCallRow, 'started_at' | 'answered_at' | 'ended_at' | 'received_at'> & {
  started_at: string;
  answered_at: string | null;
  ended_at: string;
  received_at: string;
};

/** Inserts or replaces calls in one statement. */
export async function upsertCalls(db: Db, accountId: string, rows: CallRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.raw(
    `insert into calls (account_id, ${COLUMN_LIST})
     select ?, ${COLUMN_LIST} from json_to_recordset(?::json) as x(${RECORDSET_TYPE})
     on conflict (account_id, call_id) do update set ${UPDATE_SET}`,
    [accountId, JSON.stringify(rows)],
  );
}

export interface CallQuery {
  status?: CallStatus;
  resultCode?: string;
}

export interface CallPageCursor {
  startedAt: string;
  callId: string;
}

/** Calls of a campaign in report order (started_at, call_id), one page after the cursor. */
export async function listCampaignCalls(
  db: Db,
  accountId: string,
  campaignId: string,
  query: CallQuery,
  limit: number,
  after?: CallPageCursor,
): Promise<DbCallRow[]> {
  const builder = db('calls')
    .where({ account_id: accountId, campaign_id: campaignId })
    .orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'call_id', order: 'asc' },
    ])
    .limit(limit);
  if (query.status) builder.andWhere('status', query.status);
  if (query.resultCode) builder.andWhere('result_code', query.resultCode);
  if (after) builder.andWhereRaw('(started_at, call_id) > (?::timestamptz, ?)', [after.startedAt, after.callId]);
  return (await builder) as DbCallRow[];
}

export async function countCampaignCalls(db: Db, accountId: string, campaignId: string, query: CallQuery): Promise<number> {
  const builder = db('calls').where({ account_id: accountId, campaign_id: campaignId }).count<{ count: unknown }[]>('* as count');
  if (query.status) builder.andWhere('status', query.status);
  if (query.resultCode) builder.andWhere('result_code', query.resultCode);
  const [row] = await builder;
  return toInt(row.count);
}

export async function findCall(db: Db, accountId: string, callId: string): Promise<DbCallRow | null> {
  const row = await db('calls').where({ account_id: accountId, call_id: callId }).first();
  return (row as DbCallRow | undefined) ?? null;
}

/** First and last call instants of a campaign: two index lookups. */
export async function campaignCallSpan(db: Db, accountId: string, campaignId: string): Promise<{ first: Date | null; last: Date | null }> {
  const result = await db.raw(
    `select (select started_at from calls where account_id = ? and campaign_id = ? order by started_at asc limit 1) as first,
            (select started_at from calls where account_id = ? and campaign_id = ? order by started_at desc limit 1) as last`,
    [accountId, campaignId, accountId, campaignId],
  );
  const row = result.rows[0] as { first: unknown; last: unknown };
  return { first: toDate(row.first), last: toDate(row.last) };
}
