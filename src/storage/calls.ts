import type { Knex } from 'knex';
import { CallStatus } from '../domain/call-status';
import { PersonalDataRemoved } from '../domain/forgotten-identifiers';
import { CallFilter, CallRow } from '../domain/report-model';
import { Micros, parseSignedDecimal } from '../domain/decimal';
import { CallContribution } from '../domain/rollup-delta';
import { Db } from './connection';
import {
  PositionalColumn,
  positionalRowsJson,
  positionalRowsSelect,
  toDate,
  toDecimalText,
  toInt,
  toIso,
  toNullableInt,
} from './sql-values';

/** A call as stored, with its derived figures (docs/metrics.md "Per call"). */
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
  /** Why phone and recording are gone: forgotten or retention (docs/security.md "Personal data"). */
  personal_data_removed: PersonalDataRemoved | null;
}

export interface StoredCall extends CallContribution {
  callId: string;
  contentHash: string;
  personalDataRemoved: PersonalDataRemoved | null;
  /** The fields that make a stripped call the same call again (compared when its hash cannot be). */
  answeredAtMs: number | null;
  endedAtMs: number;
  givenMessages: number | null;
  givenBlocks: number | null;
  givenCost: string | null;
}

const CALL_COLUMNS: readonly PositionalColumn<CallRowInput>[] = [
  { column: 'call_id', key: 'call_id', type: 'text' },
  { column: 'campaign_id', key: 'campaign_id', type: 'text' },
  { column: 'bot_id', key: 'bot_id', type: 'text' },
  { column: 'customer_id', key: 'customer_id', type: 'text' },
  { column: 'phone', key: 'phone', type: 'text' },
  { column: 'attempt', key: 'attempt', type: 'int' },
  { column: 'started_at', key: 'started_at', type: 'epoch_ms' },
  { column: 'answered_at', key: 'answered_at', type: 'epoch_ms' },
  { column: 'ended_at', key: 'ended_at', type: 'epoch_ms' },
  { column: 'result_code', key: 'result_code', type: 'text' },
  { column: 'status', key: 'status', type: 'text' },
  { column: 'call_duration_ms', key: 'call_duration_ms', type: 'bigint' },
  { column: 'dialing_duration_ms', key: 'dialing_duration_ms', type: 'bigint' },
  { column: 'blocks', key: 'blocks', type: 'int' },
  { column: 'cost', key: 'cost', type: 'numeric' },
  { column: 'given_blocks', key: 'given_blocks', type: 'int' },
  { column: 'given_cost', key: 'given_cost', type: 'numeric' },
  { column: 'messages', key: 'messages', type: 'int' },
  { column: 'given_messages', key: 'given_messages', type: 'int' },
  { column: 'recording_url', key: 'recording_url', type: 'text' },
  { column: 'content_hash', key: 'content_hash', type: 'text' },
  { column: 'received_at', key: 'received_at', type: 'epoch_ms' },
  { column: 'personal_data_removed', key: 'personal_data_removed', type: 'text' },
];

const COLUMN_LIST = CALL_COLUMNS.map(({ column }) => column).join(', ');
const CALL_ROWS_SELECT = positionalRowsSelect(CALL_COLUMNS);
const UPDATE_SET = CALL_COLUMNS.filter(({ column }) => column !== 'call_id')
  .map(({ column }) => `${column} = excluded.${column}`)
  .join(', ');

function toContribution(
  row: Pick<
    DbCallRow,
    | 'campaign_id'
    | 'bot_id'
    | 'customer_id'
    | 'attempt'
    | 'started_at'
    | 'result_code'
    | 'status'
    | 'call_duration_ms'
    | 'dialing_duration_ms'
    | 'blocks'
    | 'cost'
    | 'messages'
  >,
): CallContribution {
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
  const payload = positionalRowsJson(sorted, CALL_COLUMNS);
  if (takeSavepoint(db) && (await insertAllIfAllNew(db, accountId, payload)))
    return new Set(sorted.map((row) => row.call_id));
  const result = await db.raw(
    `insert into calls (account_id, ${COLUMN_LIST})
     select ?, ${COLUMN_LIST} from (${CALL_ROWS_SELECT}) as x
     on conflict (account_id, call_id) do nothing
     returning call_id`,
    [accountId, payload],
  );
  return new Set((result.rows as { call_id: string }[]).map((row) => row.call_id));
}

const UNIQUE_VIOLATION = '23505';

/**
 * PostgreSQL keeps the ids of 64 subtransactions per session in shared memory; past that, until the
 * transaction ends, every other session's visibility checks read pg_subtrans, a slowdown for the whole
 * server. A file import is one transaction of many batches, so it takes the savepoint path for its first
 * batches only.
 */
const MAX_SAVEPOINTS_PER_TRANSACTION = 32;
const savepointsTaken = new WeakMap<Db, number>();

function takeSavepoint(transaction: Db): boolean {
  const taken = savepointsTaken.get(transaction) ?? 0;
  if (taken >= MAX_SAVEPOINTS_PER_TRANSACTION) return false;
  savepointsTaken.set(transaction, taken + 1);
  return true;
}

/**
 * The usual batch holds only new calls. A plain insert checks the unique index once per row where
 * "on conflict" searches it twice, so try that first, inside a savepoint: any stored id undoes it
 * and the caller takes the careful way.
 */
async function insertAllIfAllNew(db: Db, accountId: string, payload: string): Promise<boolean> {
  try {
    await db.transaction((savepoint) =>
      savepoint.raw(
        `insert into calls (account_id, ${COLUMN_LIST}) select ?, ${COLUMN_LIST} from (${CALL_ROWS_SELECT}) as x`,
        [accountId, payload],
      ),
    );
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
}

/** The stored version of each given call id, row-locked (in call id order) until the transaction ends. */
export async function lockStoredCalls(db: Db, accountId: string, callIds: string[]): Promise<Map<string, StoredCall>> {
  const found = new Map<string, StoredCall>();
  if (callIds.length === 0) return found;
  const result = await db.raw(
    `select call_id, content_hash, campaign_id, bot_id, customer_id, attempt, started_at, result_code, status,
            call_duration_ms, dialing_duration_ms, blocks, cost, messages, personal_data_removed,
            answered_at, ended_at, given_messages, given_blocks, given_cost
     from calls where account_id = ? and call_id in (select json_array_elements_text(?::json))
     order by call_id for update`,
    [accountId, JSON.stringify(callIds)],
  );
  for (const row of result.rows as DbCallRow[]) {
    found.set(row.call_id, {
      ...toContribution(row),
      callId: row.call_id,
      contentHash: row.content_hash,
      personalDataRemoved: row.personal_data_removed,
      answeredAtMs: row.answered_at === null ? null : (toDate(row.answered_at) as Date).getTime(),
      endedAtMs: (toDate(row.ended_at) as Date).getTime(),
      givenMessages: toNullableInt(row.given_messages),
      givenBlocks: toNullableInt(row.given_blocks),
      givenCost: toDecimalText(row.given_cost),
    });
  }
  return found;
}

/** A call to store; its instants are epoch milliseconds. */
export type CallRowInput = Omit<DbCallRow, 'started_at' | 'answered_at' | 'ended_at' | 'received_at'> & {
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  received_at: number;
};

/** Inserts or replaces calls in one statement. */
export async function upsertCalls(db: Db, accountId: string, rows: CallRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.raw(
    `insert into calls (account_id, ${COLUMN_LIST})
     select ?, ${COLUMN_LIST} from (${CALL_ROWS_SELECT}) as x
     on conflict (account_id, call_id) do update set ${UPDATE_SET}`,
    [accountId, positionalRowsJson(rows, CALL_COLUMNS)],
  );
}

function whereCallFilter(builder: Knex.QueryBuilder, filter: CallFilter): void {
  if (filter.status) builder.andWhere('status', filter.status);
  if (filter.resultCode) builder.andWhere('result_code', filter.resultCode);
}

export interface CallPageCursor {
  startedAt: string;
  callId: string;
}

/** A call as the detailed report lists it: whether it has a recording, never where (docs/metrics.md "Per call"). */
export interface ListedCall extends Omit<CallRow, 'recordingLink'> {
  hasRecording: boolean;
}

function toListedCall(row: DbCallRow): ListedCall {
  return {
    callId: row.call_id,
    customerId: row.customer_id,
    phone: row.phone,
    attempt: toInt(row.attempt),
    startedAt: toIso(row.started_at) as string,
    status: row.status,
    resultCode: row.result_code,
    callDurationMs: toInt(row.call_duration_ms),
    dialingDurationMs: toInt(row.dialing_duration_ms),
    hasRecording: row.recording_url !== null && row.recording_url !== '',
    ...(row.personal_data_removed ? { personalDataRemoved: row.personal_data_removed } : {}),
  };
}

/** Calls of a campaign in report order (started_at, call_id), one page after the cursor. */
export async function listCampaignCalls(
  db: Db,
  accountId: string,
  campaignId: string,
  query: CallFilter,
  limit: number,
  after?: CallPageCursor,
): Promise<ListedCall[]> {
  const builder = db('calls')
    .where({ account_id: accountId, campaign_id: campaignId })
    .orderBy([
      { column: 'started_at', order: 'asc' },
      { column: 'call_id', order: 'asc' },
    ])
    .limit(limit);
  whereCallFilter(builder, query);
  if (after) builder.andWhereRaw('(started_at, call_id) > (?::timestamptz, ?)', [after.startedAt, after.callId]);
  return ((await builder) as DbCallRow[]).map(toListedCall);
}

/** Whether any call of the campaign has a recording (one index range, stops at the first). */
export async function campaignHasRecordings(db: Db, accountId: string, campaignId: string): Promise<boolean> {
  const row = await db('calls')
    .where({ account_id: accountId, campaign_id: campaignId })
    .whereNotNull('recording_url')
    .andWhereNot('recording_url', '')
    .first(db.raw('1 as one'));
  return row !== undefined;
}

export async function findCall(db: Db, accountId: string, callId: string): Promise<DbCallRow | null> {
  const row = await db('calls').where({ account_id: accountId, call_id: callId }).first();
  return (row as DbCallRow | undefined) ?? null;
}

/**
 * SQL of a campaign's first or last call instant, for a select list: one probe of the calls index (account,
 * campaign, started_at), never a scan. The arguments are SQL (a binding, or a column of the outer query).
 */
export function campaignCallAtSql(edge: 'first' | 'last', accountId: string, campaignId: string): string {
  return `(select started_at from calls where account_id = ${accountId} and campaign_id = ${campaignId}
            order by started_at ${edge === 'first' ? 'asc' : 'desc'} limit 1)`;
}
