import { createHmac, timingSafeEqual } from 'node:crypto';

/** docs/security.md: a signed, expiring token naming one call; the storage URL never leaves the server. */
export interface RecordingClaim {
  accountId: string;
  callId: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claim: RecordingClaim } | { ok: false; reason: 'forged' | 'expired' };

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function createSignedToken(claim: object, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/**
 * The secrets of signed links: new links are signed with `current`; while the operator rotates it,
 * `previous` still verifies the links already sent. Dropping `previous` cuts those links off.
 */
export interface LinkSecrets {
  current: string;
  previous?: string;
}

/** The secrets a link may be signed with: one, or the current and previous of a rotation. */
export function verifyingSecrets(secrets: string | LinkSecrets): string[] {
  if (typeof secrets === 'string') return [secrets];
  return secrets.previous ? [secrets.current, secrets.previous] : [secrets.current];
}

function signedBy(payload: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function readSignedToken(token: string, secrets: string | LinkSecrets): object | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  if (!verifyingSecrets(secrets).some((secret) => signedBy(payload, signature, secret))) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

export function createRecordingToken(claim: RecordingClaim, secret: string): string {
  return createSignedToken({ a: claim.accountId, c: claim.callId, e: claim.expiresAt }, secret);
}

export function verifyRecordingToken(token: string, secrets: string | LinkSecrets, nowSeconds: number): TokenCheck {
  const value = readSignedToken(token, secrets) as { a?: unknown; c?: unknown; e?: unknown } | null;
  if (!value || typeof value.a !== 'string' || typeof value.c !== 'string' || typeof value.e !== 'number') {
    return { ok: false, reason: 'forged' };
  }
  if (nowSeconds >= value.e) return { ok: false, reason: 'expired' };
  return { ok: true, claim: { accountId: value.a, callId: value.c, expiresAt: value.e } };
}
