import { createHmac, timingSafeEqual } from 'node:crypto';

/** interfaces.md §1: X-Voicebot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

function webhookMac(secret: string, timestamp: number, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

export function signWebhookBody(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${webhookMac(secret, timestamp, rawBody).toString('hex')}`;
}

export function verifyWebhookSignature(
  header: string | undefined,
  secret: string,
  rawBody: Buffer,
  nowSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing X-Voicebot-Signature header' };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === null || candidates.length === 0) {
    return { ok: false, reason: 'X-Voicebot-Signature must look like t=<unix seconds>,v1=<hex HMAC-SHA256>' };
  }
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: `signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from our clock; sign each request when sending it` };
  }
  const expected = webhookMac(secret, timestamp, rawBody);
  const matches = candidates.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match the body; sign "<t>.<raw body>" with the account ingest secret' };
}
