import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Forgetting keeps a keyed hash of each erased identifier (a customer id, an E.164 phone), never the
 * identifier, so that a platform sending one of those calls again does not bring the data back. The key is
 * derived from APP_ENCRYPTION_KEY (as the recording-link secret is): without that key a stolen database
 * cannot test phone numbers against the hashes.
 */
export function erasureKeyFrom(encryptionKey: Buffer): Buffer {
  return createHash('sha256').update('forgotten-identifiers\u0000').update(encryptionKey).digest();
}

export function identifierHash(erasureKey: Buffer, accountId: string, identifier: string): string {
  return createHmac('sha256', erasureKey).update(accountId).update('\u0000').update(identifier).digest('base64url');
}

/** Random, not derived from the customer id, so it cannot be reversed; one per forgotten customer. */
export function newPseudonym(): string {
  return `forgotten-${randomBytes(12).toString('base64url')}`;
}

/** Why a call's phone and recording are gone. */
export type PersonalDataRemoved = 'forgotten' | 'retention';
