import { Db } from './connection';
import { jsonValue, toDate, toInt, toNullableInt } from './sql-values';

/** An account's set-up of one platform's connector (docs/connectors.md). */
export interface ConnectorSettings {
  secretSealed: string;
  outcomeField: string | null;
  /** The account's code map for the platform: reason → result code. */
  codeMap: Map<string, string>;
}

/** Settings and code map in one round trip: this runs for every connector request. */
export async function loadConnectorSettings(
  db: Db,
  accountId: string,
  platform: string,
): Promise<ConnectorSettings | null> {
  const result = await db.raw(
    `select s.secret_enc, s.outcome_field,
            (select json_object_agg(m.reason, m.result_code) from connector_code_map m
             where m.account_id = s.account_id and m.platform = s.platform) as code_map
     from connector_settings s where s.account_id = ? and s.platform = ?`,
    [accountId, platform],
  );
  const row = result.rows[0] as
    { secret_enc: string; outcome_field: string | null; code_map: Record<string, string> | string | null } | undefined;
  if (!row) return null;
  const codeMap = jsonValue<Record<string, string> | null>(row.code_map) ?? {};
  return { secretSealed: row.secret_enc, outcomeField: row.outcome_field, codeMap: new Map(Object.entries(codeMap)) };
}

/** Sets the secret and/or the outcome field; `outcomeField` null clears it, undefined keeps it. */
export async function saveConnectorSettings(
  db: Db,
  accountId: string,
  platform: string,
  changes: { secretSealed?: string; outcomeField?: string | null },
): Promise<void> {
  const patch: Record<string, unknown> = { updated_at: db.fn.now() };
  if (changes.secretSealed !== undefined) patch.secret_enc = changes.secretSealed;
  if (changes.outcomeField !== undefined) patch.outcome_field = changes.outcomeField;
  if (changes.secretSealed === undefined) {
    await db('connector_settings').where({ account_id: accountId, platform }).update(patch);
    return;
  }
  await db('connector_settings')
    .insert({
      account_id: accountId,
      platform,
      secret_enc: changes.secretSealed,
      outcome_field: changes.outcomeField ?? null,
    })
    .onConflict(['account_id', 'platform'])
    .merge(patch);
}

export async function connectorIsSet(db: Db, accountId: string, platform: string): Promise<boolean> {
  return (await db('connector_settings').where({ account_id: accountId, platform }).first('platform')) !== undefined;
}

/** What is stored of a call before a connector stores it again, and how many calls its customer had before. */
export interface StoredPlatformCall {
  detail: number | null;
  attempt: number | null;
  customerCalls: number;
}

export async function findStoredPlatformCall(
  trx: Db,
  accountId: string,
  call: { callId: string; campaignId: string; customerId: string },
): Promise<StoredPlatformCall> {
  const result = await trx.raw(
    `select (select detail from connector_calls where account_id = ? and call_id = ?) as detail,
            (select attempt from calls where account_id = ? and call_id = ?) as attempt,
            (select calls from campaign_customers where account_id = ? and campaign_id = ? and customer_id = ?) as customer_calls`,
    [accountId, call.callId, accountId, call.callId, accountId, call.campaignId, call.customerId],
  );
  const row = result.rows[0] as { detail: unknown; attempt: unknown; customer_calls: unknown };
  return {
    detail: toNullableInt(row.detail),
    attempt: toNullableInt(row.attempt),
    customerCalls: toInt(row.customer_calls),
  };
}

/** What the platform said about a call: kept so that a code map change can re-derive it. */
export interface PlatformFacts {
  callId: string;
  platform: string;
  reason: string;
  outcome: string | null;
  answeredAt: Date | null;
  detail: number;
  unmapped: boolean;
}

export async function savePlatformFacts(trx: Db, accountId: string, facts: PlatformFacts[]): Promise<void> {
  if (facts.length === 0) return;
  await trx('connector_calls')
    .insert(
      facts.map((f) => ({
        account_id: accountId,
        call_id: f.callId,
        platform: f.platform,
        reason: f.reason,
        outcome: f.outcome,
        answered_at: f.answeredAt,
        detail: f.detail,
        unmapped: f.unmapped,
      })),
    )
    .onConflict(['account_id', 'call_id'])
    .merge();
}

export async function saveCodeMapping(
  trx: Db,
  accountId: string,
  platform: string,
  reason: string,
  resultCode: string,
): Promise<void> {
  await trx('connector_code_map')
    .insert({ account_id: accountId, platform, reason, result_code: resultCode })
    .onConflict(['account_id', 'platform', 'reason'])
    .merge({ result_code: resultCode, updated_at: trx.fn.now() });
}

/** A stored connector call with what is needed to rebuild its record. */
export interface DbPlatformCallRow {
  call_id: string;
  campaign_id: string;
  bot_id: string;
  customer_id: string;
  phone: string | null;
  attempt: number;
  started_at: string | Date;
  ended_at: string | Date;
  given_messages: number | null;
  given_blocks: number | null;
  given_cost: string | null;
  recording_url: string | null;
  reason: string;
  outcome: string | null;
  platform_answered_at: string | Date | null;
  detail: number;
}

/** Every stored call of one platform reason, row-locked (the re-derivation replaces them). */
export async function lockPlatformCallsWithReason(
  trx: Db,
  accountId: string,
  platform: string,
  reason: string,
): Promise<DbPlatformCallRow[]> {
  const result = await trx.raw(
    `select c.call_id, c.campaign_id, c.bot_id, c.customer_id, c.phone, c.attempt, c.started_at, c.ended_at,
            c.given_messages, c.given_blocks, c.given_cost, c.recording_url,
            p.reason, p.outcome, p.answered_at as platform_answered_at, p.detail
     from connector_calls p join calls c on c.account_id = p.account_id and c.call_id = p.call_id
     where p.account_id = ? and p.platform = ? and p.reason = ?
     order by c.call_id for update`,
    [accountId, platform, reason],
  );
  return result.rows as DbPlatformCallRow[];
}

export interface ReasonCount {
  platform: string;
  reason: string;
  calls: number;
  unmapped: boolean;
}

/** Every platform reason the account's calls carry, with how many calls carry it. */
export async function listPlatformReasons(db: Db, accountId: string): Promise<ReasonCount[]> {
  const result = await db.raw(
    `select platform, reason, count(*) as calls, bool_or(unmapped) as unmapped from connector_calls
     where account_id = ? group by platform, reason order by platform, reason`,
    [accountId],
  );
  const rows = result.rows as { platform: string; reason: string; calls: unknown; unmapped: boolean }[];
  return rows.map((row) => ({
    platform: row.platform,
    reason: row.reason,
    calls: toInt(row.calls),
    unmapped: row.unmapped,
  }));
}

export async function listCodeMap(
  db: Db,
  accountId: string,
): Promise<{ platform: string; reason: string; resultCode: string; updatedAt: Date | null }[]> {
  const rows = (await db('connector_code_map').where('account_id', accountId).orderBy(['platform', 'reason'])) as {
    platform: string;
    reason: string;
    result_code: string;
    updated_at: unknown;
  }[];
  return rows.map((row) => ({
    platform: row.platform,
    reason: row.reason,
    resultCode: row.result_code,
    updatedAt: toDate(row.updated_at),
  }));
}

export async function listOutcomeFields(db: Db, accountId: string): Promise<Map<string, string | null>> {
  const rows = (await db('connector_settings').where('account_id', accountId).select('platform', 'outcome_field')) as {
    platform: string;
    outcome_field: string | null;
  }[];
  return new Map(rows.map((row) => [row.platform, row.outcome_field]));
}

/** New voicebots of a platform that reports costs get the platform's currency as their tariff currency. */
export async function ensurePlatformVoicebot(
  trx: Db,
  accountId: string,
  botId: string,
  currency: string,
): Promise<void> {
  await trx.raw(
    `insert into voicebots (account_id, bot_id, currency) values (?, ?, ?) on conflict (account_id, bot_id) do nothing`,
    [accountId, botId, currency],
  );
}
