import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * docs/webhook.md "The ingest secret and the signature":
 * X-Voicebot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** The parts of a signature header, read before the body: a timestamp and one or more v1 candidates. */
export interface SignatureHeader {
  timestamp: number;
  candidates: string[];
}

/** The patterns that read the header's parts; each is anchored and bounded, so it is linear. */
export const SIGNATURE_PART_PATTERNS = { timestamp: /^\d{1,12}$/, v1: /^[0-9a-f]{64}$/i } as const;
/** A sender signs with one secret, or two while rotating it; more candidates are refused. */
const MAX_CANDIDATES = 4;
const MAX_HEADER_LENGTH = 512;

export const SIGNATURE_SHAPE_REASON = 'X-Voicebot-Signature must look like t=<unix seconds>,v1=<hex HMAC-SHA256>';
export const SIGNATURE_STALE_REASON = `signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from our clock; sign each request when sending it`;

function webhookMac(secret: string, timestamp: number, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

export function signWebhookBody(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${webhookMac(secret, timestamp, rawBody).toString('hex')}`;
}

/** The header's parts, or null when it does not have the shape of a signature. */
export function readSignatureHeader(header: string | undefined): SignatureHeader | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && SIGNATURE_PART_PATTERNS.timestamp.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && SIGNATURE_PART_PATTERNS.v1.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === null || candidates.length === 0 || candidates.length > MAX_CANDIDATES) return null;
  return { timestamp, candidates };
}

export function isSignatureFresh(signature: SignatureHeader, nowSeconds: number): boolean {
  return Math.abs(nowSeconds - signature.timestamp) <= SIGNATURE_TOLERANCE_SECONDS;
}

/** The candidate (hex) that is the MAC of this body under this secret, or null. Compared in constant time. */
export function matchingSignature(signature: SignatureHeader, secret: string, rawBody: Buffer): string | null {
  const expected = webhookMac(secret, signature.timestamp, rawBody);
  for (const hex of signature.candidates) {
    const given = Buffer.from(hex, 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return hex;
  }
  return null;
}

export function verifyWebhookSignature(
  header: string | undefined,
  secret: string,
  rawBody: Buffer,
  nowSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing X-Voicebot-Signature header' };
  const signature = readSignatureHeader(header);
  if (!signature) return { ok: false, reason: SIGNATURE_SHAPE_REASON };
  if (!isSignatureFresh(signature, nowSeconds)) return { ok: false, reason: SIGNATURE_STALE_REASON };
  return matchingSignature(signature, secret, rawBody)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body; sign "<t>.<raw body>" with the account ingest secret' };
}
