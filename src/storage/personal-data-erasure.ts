import { Db } from './connection';
import { PERSONAL_DATA_COLUMNS } from './personal-data';
import { toInt } from './sql-values';

/** Calls of one account that hold one customer's identifiers. */
export interface MatchedCall {
  callId: string;
  campaignId: string;
  customerId: string;
  phone: string | null;
  recordingUrl: string | null;
}

/**
 * Calls whose customer id is one of `customerIds` or whose phone is one of `phones`: one scan of the
 * account's calls (no index serves either column, and ingest would pay for one on every call).
 */
export async function findCallsOf(
  db: Db,
  accountId: string,
  customerIds: readonly string[],
  phones: readonly string[],
): Promise<MatchedCall[]> {
  if (customerIds.length === 0 && phones.length === 0) return [];
  const result = await db.raw(
    `select call_id, campaign_id, customer_id, phone, recording_url from calls
     where account_id = ? and (customer_id in (select json_array_elements_text(?::json)) or phone in (select json_array_elements_text(?::json)))`,
    [accountId, JSON.stringify(customerIds), JSON.stringify(phones)],
  );
  const rows = result.rows as {
    call_id: string;
    campaign_id: string;
    customer_id: string;
    phone: string | null;
    recording_url: string | null;
  }[];
  return rows.map((row) => ({
    callId: row.call_id,
    campaignId: row.campaign_id,
    customerId: row.customer_id,
    phone: row.phone,
    recordingUrl: row.recording_url,
  }));
}

const PSEUDONYM_COLUMNS = (table: string) =>
  PERSONAL_DATA_COLUMNS.filter((c) => c.table === table && c.forget === 'pseudonym').map((c) => c.column);
const ERASED_ON_FORGET = (table: string) =>
  PERSONAL_DATA_COLUMNS.filter((c) => c.table === table && c.forget === 'erase').map((c) => c.column);
const ERASED_BY_RETENTION = (table: string) =>
  PERSONAL_DATA_COLUMNS.filter((c) => c.table === table && c.retention === 'erase').map((c) => c.column);

/**
 * The stored content hash is an unkeyed SHA-256 of the record, phone included: a phone could be found
 * again by trying numbers, so it goes too. A stripped call is compared field by field when it comes again.
 */
export const REMOVED_CONTENT_HASH = 'removed';

/**
 * Gives each customer's rows, in every table of PERSONAL_DATA_COLUMNS keyed by customer id, its pseudonym
 * and erases the other personal columns; then erases phone and recording of `phoneOnlyCallIds` (calls of
 * other customer ids that carried one of the forgotten phones). Returns the calls changed.
 */
export async function pseudonymizeCustomers(
  trx: Db,
  accountId: string,
  pseudonyms: ReadonlyMap<string, string>,
  found: { callIds: readonly string[]; pairs: readonly { campaignId: string; customerId: string }[] },
  phoneOnlyCallIds: readonly string[],
): Promise<number> {
  let calls = 0;
  const tables = [...new Set(PERSONAL_DATA_COLUMNS.map((c) => c.table))];
  for (const table of tables) {
    const keyed = PSEUDONYM_COLUMNS(table);
    if (!keyed.includes('customer_id')) continue;
    const sets = [
      ...keyed.map((column) => `${column} = m.pseudonym`),
      ...ERASED_ON_FORGET(table).map((column) => `${column} = null`),
      ...(table === 'calls' ? [`personal_data_removed = 'forgotten'`, `content_hash = '${REMOVED_CONTENT_HASH}'`] : []),
    ];
    // Rows are reached by primary key: calls by the ids found (the caller holds the ingest lock, so no call
    // of the customer can arrive in between), rollup rows by (campaign, customer).
    const result =
      table === 'calls'
        ? await trx.raw(
            `update calls t set ${sets.join(', ')}
             from json_to_recordset(?::json) as m(customer_id text, pseudonym text)
             where t.account_id = ? and t.call_id in (select json_array_elements_text(?::json))
               and t.customer_id = m.customer_id`,
            [
              JSON.stringify([...pseudonyms].map(([customer_id, pseudonym]) => ({ customer_id, pseudonym }))),
              accountId,
              JSON.stringify(found.callIds),
            ],
          )
        : await trx.raw(
            `update ${table} t set ${sets.join(', ')}
             from json_to_recordset(?::json) as m(campaign_id text, customer_id text, pseudonym text)
             where t.account_id = ? and t.campaign_id = m.campaign_id and t.customer_id = m.customer_id`,
            [
              JSON.stringify(
                found.pairs.map((pair) => ({
                  campaign_id: pair.campaignId,
                  customer_id: pair.customerId,
                  pseudonym: pseudonyms.get(pair.customerId),
                })),
              ),
              accountId,
            ],
          );
    if (table === 'calls') calls += result.rowCount ?? 0;
  }
  if (phoneOnlyCallIds.length > 0) {
    const erased = ERASED_ON_FORGET('calls').map((column) => `${column} = null`);
    const result = await trx.raw(
      `update calls set ${erased.join(', ')}, personal_data_removed = 'forgotten', content_hash = ?
       where account_id = ? and call_id in (select json_array_elements_text(?::json))`,
      [REMOVED_CONTENT_HASH, accountId, JSON.stringify(phoneOnlyCallIds)],
    );
    calls += result.rowCount ?? 0;
  }
  return calls;
}

export async function saveForgottenIdentifiers(
  trx: Db,
  accountId: string,
  entries: readonly { hash: string; pseudonym: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx('forgotten_identifiers')
    .insert(entries.map((e) => ({ account_id: accountId, identifier_hash: e.hash, pseudonym: e.pseudonym })))
    .onConflict(['account_id', 'identifier_hash'])
    .ignore();
}

/** Pseudonyms of the hashes that were forgotten, by hash. */
export async function findForgotten(
  db: Db,
  accountId: string,
  hashes: readonly string[],
): Promise<Map<string, { pseudonym: string; forgottenAt: Date }>> {
  const found = new Map<string, { pseudonym: string; forgottenAt: Date }>();
  if (hashes.length === 0) return found;
  const result = await db.raw(
    `select identifier_hash, pseudonym, forgotten_at from forgotten_identifiers
     where account_id = ? and identifier_hash in (select json_array_elements_text(?::json))`,
    [accountId, JSON.stringify(hashes)],
  );
  for (const row of result.rows as { identifier_hash: string; pseudonym: string; forgotten_at: Date }[]) {
    found.set(row.identifier_hash, { pseudonym: row.pseudonym, forgottenAt: new Date(row.forgotten_at) });
  }
  return found;
}

export async function isPseudonym(db: Db, accountId: string, customerId: string): Promise<boolean> {
  const row = await db('forgotten_identifiers')
    .where({ account_id: accountId, pseudonym: customerId })
    .first('pseudonym');
  return row !== undefined;
}

export async function hasForgottenIdentifiers(db: Db, accountId: string): Promise<boolean> {
  const row = await db('forgotten_identifiers').where({ account_id: accountId }).first('pseudonym');
  return row !== undefined;
}

export interface Erasure {
  accountId: string;
  kind: 'forget' | 'retention';
  requestedBy: string;
  calls: number;
}

/** The audit: when, by whom, how many calls; never what was erased. */
export async function recordErasure(db: Db, erasure: Erasure): Promise<void> {
  await db('personal_data_erasures').insert({
    account_id: erasure.accountId,
    kind: erasure.kind,
    requested_by: erasure.requestedBy,
    calls: erasure.calls,
  });
}

export async function listErasures(db: Db, accountId: string): Promise<(Erasure & { at: Date })[]> {
  const rows = (await db('personal_data_erasures').where({ account_id: accountId }).orderBy('id')) as {
    account_id: string;
    kind: 'forget' | 'retention';
    requested_by: string;
    calls: unknown;
    at: Date;
  }[];
  return rows.map((row) => ({
    accountId: row.account_id,
    kind: row.kind,
    requestedBy: row.requested_by,
    calls: toInt(row.calls),
    at: new Date(row.at),
  }));
}

/** Everything stored about the given calls, every column, for export-customer. */
export async function loadCustomerRecords(
  db: Db,
  accountId: string,
  callIds: readonly string[],
): Promise<{
  calls: Record<string, unknown>[];
  platformRecords: Record<string, unknown>[];
  campaignCustomers: Record<string, unknown>[];
}> {
  if (callIds.length === 0) return { calls: [], platformRecords: [], campaignCustomers: [] };
  const calls = (await db('calls')
    .where('account_id', accountId)
    .whereIn('call_id', [...callIds])
    .orderBy(['started_at', 'call_id'])) as Record<string, unknown>[];
  const platformRecords = (await db('connector_calls')
    .where('account_id', accountId)
    .whereIn('call_id', [...callIds])
    .orderBy('call_id')) as Record<string, unknown>[];
  const pairs = [...new Set(calls.map((c) => JSON.stringify([c.campaign_id, c.customer_id])))].map(
    (p) => JSON.parse(p) as [string, string],
  );
  const campaignCustomers = (await db('campaign_customers')
    .where('account_id', accountId)
    .whereIn(['campaign_id', 'customer_id'], pairs)
    .orderBy(['campaign_id', 'customer_id'])) as Record<string, unknown>[];
  return { calls, platformRecords, campaignCustomers };
}

/** Accounts whose retention is on, with their period. */
export async function accountsWithRetention(
  db: Db,
  accountId?: string,
): Promise<{ accountId: string; days: number; timeZone: string }[]> {
  const builder = db('accounts').whereNotNull('retain_personal_days').orderBy('id');
  if (accountId) builder.andWhere('id', accountId);
  const rows = (await builder.select('id', 'retain_personal_days', 'time_zone')) as {
    id: string;
    retain_personal_days: unknown;
    time_zone: string;
  }[];
  return rows.map((row) => ({ accountId: row.id, days: toInt(row.retain_personal_days), timeZone: row.time_zone }));
}

export async function setRetention(db: Db, accountId: string, days: number | null): Promise<void> {
  await db('accounts').where({ id: accountId }).update({ retain_personal_days: days });
}

/**
 * One batch of retention: the next `limit` calls of the account in key order after `afterCallId`, erased
 * where they ended before `cutoff` and still hold something to erase. One statement, so its row locks last
 * only as long as it does. Returns the last key seen (null when the account is done) and how many changed.
 */
export async function eraseExpiredBatch(
  db: Db,
  accountId: string,
  cutoff: Date,
  afterCallId: string,
  limit: number,
): Promise<{ lastCallId: string | null; changed: number }> {
  const erased = ERASED_BY_RETENTION('calls');
  const result = await db.raw(
    `with batch as (
       select call_id from calls where account_id = ? and call_id > ? order by call_id limit ?
     ), changed as (
       update calls c set ${erased.map((column) => `${column} = null`).join(', ')},
         personal_data_removed = coalesce(c.personal_data_removed, 'retention'), content_hash = ?
       from batch b
       where c.account_id = ? and c.call_id = b.call_id and c.ended_at < ?
         and (${erased.map((column) => `c.${column} is not null`).join(' or ')})
       returning 1
     )
     select (select max(call_id) from batch) as last_call_id, (select count(*) from changed) as changed`,
    [accountId, afterCallId, limit, REMOVED_CONTENT_HASH, accountId, cutoff],
  );
  const row = result.rows[0] as { last_call_id: string | null; changed: unknown };
  return { lastCallId: row.last_call_id, changed: toInt(row.changed) };
}

/** Claims a day's retention run; false when it is done or another process claimed it within the hour. */
export async function claimRetentionDay(db: Db, day: string): Promise<boolean> {
  const result = await db.raw(
    `insert into retention_runs (day) values (?)
     on conflict (day) do update set started_at = now()
     where retention_runs.status = 'running' and retention_runs.started_at < now() - interval '1 hour'
     returning day`,
    [day],
  );
  return result.rows.length > 0;
}

export async function finishRetentionDay(db: Db, day: string, calls: number): Promise<void> {
  await db('retention_runs').where({ day }).update({ status: 'done', calls, finished_at: db.fn.now() });
}

/** A run that failed gives its day back, so that the job's retry claims it again. */
export async function releaseRetentionDay(db: Db, day: string): Promise<void> {
  await db('retention_runs').where({ day, status: 'running' }).delete();
}

/** Which of these phones (E.164) and recording URLs calls that ended before `cutoff` still hold. */
export async function heldByExpiredCalls(
  db: Db,
  accountId: string,
  cutoff: Date,
  phones: readonly string[],
  urls: readonly string[],
): Promise<Set<string>> {
  const held = new Set<string>();
  if (phones.length === 0 && urls.length === 0) return held;
  const result = await db.raw(
    `select phone, recording_url from calls
     where account_id = ? and ended_at < ?
       and (phone in (select json_array_elements_text(?::json))
            or recording_url in (select json_array_elements_text(?::json)))`,
    [accountId, cutoff, JSON.stringify(phones), JSON.stringify(urls)],
  );
  for (const row of result.rows as { phone: string | null; recording_url: string | null }[]) {
    if (row.phone && phones.includes(row.phone)) held.add(row.phone);
    if (row.recording_url && urls.includes(row.recording_url)) held.add(row.recording_url);
  }
  return held;
}

/** A customer id that is a phone number (connectors use the dialled number when no id is sent). */
const PHONE_SHAPED_ID = '^\\+[1-9][0-9]{6,14}$';

/**
 * Retention keeps customer ids (per-customer figures need them), except those that are phone numbers: each
 * (campaign, id) pair with a call past the cutoff gets a random pseudonym on all its calls and its rollup
 * row at once, so that the campaign's customer figures stay exact. Under the account's ingest lock, so no
 * batch adds a call of the pair half-way. Returns how many calls changed.
 */
export async function pseudonymizeExpiredPhoneIds(
  db: Db,
  accountId: string,
  cutoff: Date,
  pseudonym: () => string,
): Promise<number> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`ingest:${accountId}`]);
    const pairs = (
      await trx.raw(
        `select distinct campaign_id, customer_id from calls
         where account_id = ? and ended_at < ? and customer_id ~ ?`,
        [accountId, cutoff, PHONE_SHAPED_ID],
      )
    ).rows as { campaign_id: string; customer_id: string }[];
    if (pairs.length === 0) return 0;
    const mapping = JSON.stringify(pairs.map((pair) => ({ ...pair, pseudonym: pseudonym() })));
    const calls = await trx.raw(
      `update calls c set customer_id = m.pseudonym
       from json_to_recordset(?::json) as m(campaign_id text, customer_id text, pseudonym text)
       where c.account_id = ? and c.campaign_id = m.campaign_id and c.customer_id = m.customer_id`,
      [mapping, accountId],
    );
    await trx.raw(
      `update campaign_customers t set customer_id = m.pseudonym
       from json_to_recordset(?::json) as m(campaign_id text, customer_id text, pseudonym text)
       where t.account_id = ? and t.campaign_id = m.campaign_id and t.customer_id = m.customer_id`,
      [mapping, accountId],
    );
    return calls.rowCount ?? 0;
  });
}
