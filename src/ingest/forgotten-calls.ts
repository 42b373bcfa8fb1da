import { CallRecord } from '../domain/call-record';
import { parseSignedDecimal } from '../domain/decimal';
import { InvalidInput } from '../domain/errors';
import { PersonalDataRemoved, identifierHash } from '../domain/forgotten-identifiers';
import { StoredCall } from '../storage/calls';
import { Db } from '../storage/connection';
import { findForgotten, hasForgottenIdentifiers } from '../storage/personal-data-erasure';

/** A record as it may be stored: without the identifiers that were forgotten or have expired. */
export interface StrippedRecord {
  record: CallRecord;
  removed: PersonalDataRemoved;
}

/**
 * New calls that carry a forgotten customer id or phone (a platform sending the call again, or calling the
 * customer again), found by the keyed hashes of forget: stored under the customer's pseudonym, without
 * phone and recording. Without the key, an account that forgot someone refuses calls rather than keep them.
 */
export async function stripForgottenRecords(
  trx: Db,
  accountId: string,
  records: Iterable<CallRecord>,
  erasureKey: Buffer | undefined,
): Promise<Map<string, StrippedRecord>> {
  const stripped = new Map<string, StrippedRecord>();
  // One index probe; the hashing (two HMACs a call) only for accounts that forgot someone.
  if (!(await hasForgottenIdentifiers(trx, accountId))) return stripped;
  if (!erasureKey) {
    throw new InvalidInput(
      `account ${accountId} has forgotten customers: set APP_ENCRYPTION_KEY so that their calls are stored without their personal data`,
    );
  }
  const hashesOf = new Map<string, { customer: string; phone: string | null }>();
  const all: string[] = [];
  for (const record of records) {
    const customer = identifierHash(erasureKey, accountId, record.customerId);
    const phone = record.phone === null ? null : identifierHash(erasureKey, accountId, record.phone);
    hashesOf.set(record.callId, { customer, phone });
    all.push(customer);
    if (phone) all.push(phone);
  }
  const forgotten = await findForgotten(trx, accountId, all);
  if (forgotten.size === 0) return stripped;
  for (const record of records) {
    const { customer, phone } = hashesOf.get(record.callId) as { customer: string; phone: string | null };
    const byCustomer = forgotten.get(customer);
    if (!byCustomer && !(phone && forgotten.has(phone))) continue;
    stripped.set(record.callId, {
      record: { ...record, customerId: byCustomer?.pseudonym ?? record.customerId, phone: null, recordingUrl: null },
      removed: 'forgotten',
    });
  }
  return stripped;
}

/** A call stored without its personal data, sent again: kept without it (the pseudonym stays). */
export function strippedLikeStored(record: CallRecord, stored: StoredCall): StrippedRecord {
  const removed = stored.personalDataRemoved as PersonalDataRemoved;
  return {
    record: {
      ...record,
      // A pseudonym (forget, or retention of an id that was a phone) stays; otherwise it is the same id.
      customerId: stored.customerId,
      phone: null,
      recordingUrl: null,
    },
    removed,
  };
}

/** Whether a stripped stored call and a record are the same call, apart from what was removed. */
export function sameStrippedCall(stored: StoredCall, record: CallRecord): boolean {
  return (
    stored.campaignId === record.campaignId &&
    stored.botId === record.botId &&
    stored.attempt === record.attempt &&
    stored.startedAt.getTime() === record.startedAt.getTime() &&
    stored.answeredAtMs === (record.answeredAt === null ? null : record.answeredAt.getTime()) &&
    stored.endedAtMs === record.endedAt.getTime() &&
    stored.resultCode === record.resultCode &&
    stored.givenMessages === record.messages &&
    stored.givenBlocks === record.blocks &&
    sameDecimal(stored.givenCost, record.cost)
  );
}

function sameDecimal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || parseSignedDecimal(a) === parseSignedDecimal(b);
}
