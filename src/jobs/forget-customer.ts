import { Redis } from 'ioredis';
import { erasureKeyFrom, identifierHash, newPseudonym } from '../domain/forgotten-identifiers';
import { phoneFromInput, phoneSpellings } from '../domain/phone-number';
import { CustomerCalls, findCustomerCalls } from '../reports/customer-lookup';
import { Db } from '../storage/connection';
import {
  findForgotten,
  isPseudonym,
  pseudonymizeCustomers,
  recordErasure,
  saveForgottenIdentifiers,
} from '../storage/personal-data-erasure';
import { scrubRedis } from './redis-personal-data';
import { removeTempFilesQuoting } from './temp-file-personal-data';

export interface ForgetRequest {
  accountId: string;
  timeZone: string;
  /** A customer id or a phone, as the operator typed it. */
  identifier: string;
  requestedBy: string;
  encryptionKey: Buffer;
  /** Redis and the job queues' key prefix: job data, failures and logs are rewritten too. */
  redis?: { client: Redis; prefix: string };
  /** Where temporary CSV exports are written (os.tmpdir()). */
  tmpDir?: string;
}

export type ForgetResult =
  | { kind: 'nothing' }
  | { kind: 'already'; forgottenAt: Date }
  | {
      kind: 'forgotten';
      customers: number;
      /** Calls changed, those of other ids that carried the phone included. */
      calls: number;
      phoneOnlyCalls: number;
      phones: number;
      recordings: number;
      redisValues: number;
      tempFiles: number;
    };

/** Quoted identifiers shorter than this are not searched for in Redis and files (they would match anything). */
const MIN_QUOTED_LENGTH = 5;

/**
 * `forget` (docs/security.md "Personal data"): one customer's calls get a random pseudonym instead of the
 * customer id (the same for all of them, so every per-customer figure stays exact) and lose phone and
 * recording; calls of other ids that carried the phone lose it too; keyed hashes of the identifiers make
 * later deliveries of them arrive without them. One transaction under the account's ingest lock, so no
 * batch stores a call of that customer half-way. Then Redis and temporary files are searched.
 */
export async function forgetCustomer(db: Db, request: ForgetRequest): Promise<ForgetResult> {
  const key = erasureKeyFrom(request.encryptionKey);
  const hashOf = (identifier: string) => identifierHash(key, request.accountId, identifier);
  const typedPhone = phoneFromInput(request.identifier, request.timeZone);
  const typedHashes = [hashOf(request.identifier.trim()), ...(typedPhone ? [hashOf(typedPhone)] : [])];

  const outcome = await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`ingest:${request.accountId}`]);
    const found = await findCustomerCalls(trx, request.accountId, request.timeZone, request.identifier);
    if (found.calls.length === 0 && found.phoneOnlyCalls.length === 0) {
      const earlier = [...(await findForgotten(trx, request.accountId, typedHashes)).values()][0];
      if (earlier) return { result: { kind: 'already', forgottenAt: earlier.forgottenAt } as ForgetResult };
      if (await isPseudonym(trx, request.accountId, request.identifier.trim()))
        return { result: { kind: 'already', forgottenAt: new Date(0) } as ForgetResult };
      return { result: { kind: 'nothing' } as ForgetResult };
    }
    const pseudonyms = new Map(found.customerIds.map((id) => [id, newPseudonym()]));
    const first = pseudonyms.values().next().value as string;
    const entries = [
      ...[...pseudonyms].map(([id, pseudonym]) => ({ hash: hashOf(id), pseudonym })),
      ...found.phones.map((phone) => ({ hash: hashOf(phone), pseudonym: first })),
    ];
    await saveForgottenIdentifiers(trx, request.accountId, entries);
    const calls = await pseudonymizeCustomers(
      trx,
      request.accountId,
      pseudonyms,
      {
        callIds: found.calls.map((call) => call.callId),
        pairs: [...new Set(found.calls.map((call) => JSON.stringify([call.campaignId, call.customerId])))].map(
          (pair) => {
            const [campaignId, customerId] = JSON.parse(pair) as [string, string];
            return { campaignId, customerId };
          },
        ),
      },
      found.phoneOnlyCalls.map((call) => call.callId),
    );
    await recordErasure(trx, { accountId: request.accountId, kind: 'forget', requestedBy: request.requestedBy, calls });
    return { result: null, found, calls };
  });
  if (outcome.result) return outcome.result;
  const { found, calls } = outcome as { found: CustomerCalls; calls: number };

  const needles = quotedForms(found, request.timeZone).filter((needle) => needle.length >= MIN_QUOTED_LENGTH);
  const redisValues = request.redis
    ? await scrubRedis(request.redis.client, request.redis.prefix, needles, '[forgotten]')
    : 0;
  const tempFiles = await removeTempFilesQuoting(needles, request.tmpDir);
  const all = [...found.calls, ...found.phoneOnlyCalls];
  return {
    kind: 'forgotten',
    customers: found.customerIds.length,
    calls,
    phoneOnlyCalls: found.phoneOnlyCalls.length,
    phones: found.phones.length,
    recordings: all.filter((call) => call.recordingUrl).length,
    redisValues,
    tempFiles,
  };
}

/** Every way the erased identifiers may be written elsewhere: ids, phone spellings, recording URLs. */
export function quotedForms(found: CustomerCalls, timeZone: string): string[] {
  const forms = new Set<string>(found.customerIds);
  for (const phone of found.phones) for (const spelling of phoneSpellings(phone, timeZone)) forms.add(spelling);
  for (const call of [...found.calls, ...found.phoneOnlyCalls]) if (call.recordingUrl) forms.add(call.recordingUrl);
  return [...forms];
}
