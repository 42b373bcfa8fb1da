import { createHash } from 'node:crypto';
import { DeliveryTarget, ReportSubject } from './delivery';

/**
 * Deterministic ids (docs/architecture.md: "its id is derived from what it does… no `:` in ids"). The same
 * report for the same destination always gets the same delivery id, so enqueueing or fanning out twice
 * finds the same ledger row.
 */

const SAFE_PART = /^[A-Za-z0-9_.-]+$/;
const MAX_PART = 40;

/** A hex digest of `text`, cut to `length` characters: short ids that still tell different texts apart. */
export function shortHash(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * A readable piece of an id: kept as is when it is short and holds only [A-Za-z0-9_.-]; otherwise the
 * safe characters, cut, plus a hash of the original, so that two different values never share a piece.
 */
export function idPart(value: string): string {
  if (SAFE_PART.test(value) && value.length <= MAX_PART) return value;
  const readable = value.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, MAX_PART);
  return `${readable}~${shortHash(value, 8)}`;
}

const KIND_PREFIX: Record<ReportSubject['kind'], string> = { campaign: 'c', digest: 'm', alert: 'a' };

/** `c-<account>-<campaign>-<kind>-<hash of report and destination>`, e.g. `c-default-cmp-1-000-slack-3f2a9c01b4`. */
export function deliveryIdFor(subject: ReportSubject, target: DeliveryTarget): string {
  const key = JSON.stringify([
    subject.kind,
    subject.accountId,
    subject.ref,
    target.kind,
    target.workspaceId,
    target.destination,
  ]);
  return `${KIND_PREFIX[subject.kind]}-${idPart(subject.accountId)}-${idPart(subject.ref)}-${target.kind}-${shortHash(key)}`;
}

/** Email addresses compare without case (the local part nearly always does in practice). */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}
