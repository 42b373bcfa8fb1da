import { CallRecord } from '../../domain/call-record';
import { InvalidInput } from '../../domain/errors';
import { codeFitsCategory, deriveOutcome } from '../../domain/platform-outcome';
import { normalizeResultCode } from '../../domain/call-status';
import { Db } from '../../storage/connection';
import {
  DbPlatformCallRow,
  PlatformFacts,
  lockPlatformCallsWithReason,
  saveCodeMapping,
  savePlatformFacts,
} from '../../storage/connectors';
import { toDate, toDecimalText, toNullableInt } from '../../storage/sql-values';
import { IngestCounts, storeItems } from '../store-items';
import { CONNECTOR_PLATFORMS, findConnector } from './connector-registry';
import { Connector } from './connector';
import { platformCallRecord } from './ingest-platform-call';

const RESULT_CODE = /^[A-Z0-9][A-Z0-9_.:-]{0,199}$/;

function rederive(
  connector: Connector,
  row: DbPlatformCallRow,
  resultCode: string,
): { record: CallRecord; facts: PlatformFacts } {
  const startedAt = toDate(row.started_at) as Date;
  const answeredAt = toDate(row.platform_answered_at);
  const derived = deriveOutcome({
    reason: row.reason,
    category: connector.categorize(row.reason),
    mappedCode: resultCode,
    outcome: row.outcome,
    answeredAt,
    startedAt,
  });
  const record = platformCallRecord(
    {
      callId: row.call_id,
      campaignId: row.campaign_id,
      campaignName: null,
      botId: row.bot_id,
      botName: null,
      customerId: row.customer_id,
      phone: row.phone,
      startedAt,
      answeredAt,
      endedAt: toDate(row.ended_at) as Date,
      reason: row.reason,
      outcomes: null,
      messages: toNullableInt(row.given_messages),
      cost: toDecimalText(row.given_cost),
      recordingUrl: row.recording_url,
      detail: Number(row.detail),
    },
    derived,
  );
  record.attempt = Number(row.attempt);
  record.blocks = toNullableInt(row.given_blocks);
  const facts = {
    callId: row.call_id,
    platform: connector.platform,
    reason: row.reason,
    outcome: row.outcome,
    answeredAt,
    detail: Number(row.detail),
    unmapped: false,
  };
  return { record, facts };
}

/**
 * `code-map`: maps a platform reason to a result code for the account, then re-derives every stored call
 * with that reason through the correction path of ingest, so every figure and rollup follows and posted
 * reports of complete campaigns are updated.
 */
export async function applyCodeMapping(
  db: Db,
  accountId: string,
  platform: string,
  reason: string,
  code: string,
  now: Date,
  erasureKey?: Buffer,
): Promise<{ resultCode: string; calls: number; counts: IngestCounts }> {
  const connector = findConnector(platform);
  if (!connector)
    throw new InvalidInput(`no connector for "${platform}"; the platforms are ${CONNECTOR_PLATFORMS.join(', ')}`);
  const resultCode = normalizeResultCode(code);
  if (!RESULT_CODE.test(resultCode))
    throw new InvalidInput(`"${code}" is not a result code; use letters and digits such as BS, NA, CU or PAID`);
  if (!codeFitsCategory(connector.categorize(reason), resultCode)) {
    throw new InvalidInput(
      `${platform} calls that end with "${reason}" never connected, so their code must be BS, NA or CU, not ${resultCode}`,
    );
  }
  return db.transaction(async (trx) => {
    await saveCodeMapping(trx, accountId, platform, reason, resultCode);
    const rows = await lockPlatformCallsWithReason(trx, accountId, platform, reason);
    const rederived = rows.map((row) => rederive(connector, row, resultCode));
    const counts = await storeItems(
      trx,
      accountId,
      rederived.map(({ record }) => ({ kind: 'call' as const, record })),
      now,
      erasureKey,
    );
    await savePlatformFacts(
      trx,
      accountId,
      rederived.map(({ facts }) => facts),
    );
    return { resultCode, calls: rows.length, counts };
  });
}
