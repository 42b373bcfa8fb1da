import { maskPhone } from '../../../src/domain/phone-mask';
import { createRecordingToken, verifyRecordingToken } from '../../../src/domain/recording-token';
import { decryptSecret, encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody, verifyWebhookSignature } from '../../../src/domain/webhook-signature';

describe('phone masking (docs/metrics.md "Detailed report")', () => {
  it('keeps the first 5 and last 3 characters', () => expect(maskPhone('+84901234567')).toBe('+8490****567'));
  it('hides short numbers except their start', () => expect(maskPhone('+849012')).toBe('+8*****'));
  it('shows nothing for no phone', () => expect(maskPhone(null)).toBe(''));
});

describe('webhook signatures (docs/webhook.md)', () => {
  const secret = 'ingest-secret';
  const body = Buffer.from('[{"type":"campaign.started"}]');
  const now = 1_790_000_000;

  it('accepts a fresh, correct signature', () => {
    expect(verifyWebhookSignature(signWebhookBody(secret, now, body), secret, body, now)).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed body, and a missing header', () => {
    expect(verifyWebhookSignature(signWebhookBody('other', now, body), secret, body, now).ok).toBe(false);
    expect(verifyWebhookSignature(signWebhookBody(secret, now, body), secret, Buffer.from('[]'), now).ok).toBe(false);
    expect(verifyWebhookSignature(undefined, secret, body, now).ok).toBe(false);
  });

  it('compares every hex digit of the signature: one changed digit anywhere is refused', () => {
    const header = signWebhookBody(secret, now, body);
    const hex = header.slice(header.indexOf('v1=') + 3);
    for (const position of [0, 7, 8, 31, 32, 63]) {
      const flipped = hex.slice(0, position) + (hex[position] === '0' ? '1' : '0') + hex.slice(position + 1);
      const check = verifyWebhookSignature(`t=${now},v1=${flipped}`, secret, body, now);
      expect({ position, ok: check.ok }).toEqual({ position, ok: false });
    }
    expect(verifyWebhookSignature(`t=${now},v1=${hex.toUpperCase()}`, secret, body, now).ok).toBe(true);
  });

  it('refuses signatures older or newer than 300 s, accepts 300 s exactly', () => {
    expect(verifyWebhookSignature(signWebhookBody(secret, now - 301, body), secret, body, now).ok).toBe(false);
    expect(verifyWebhookSignature(signWebhookBody(secret, now + 301, body), secret, body, now).ok).toBe(false);
    expect(verifyWebhookSignature(signWebhookBody(secret, now - 300, body), secret, body, now).ok).toBe(true);
  });

  it('refuses malformed headers with a sentence saying the format', () => {
    const check = verifyWebhookSignature('sha256=abc', secret, body, now);
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('t=<unix seconds>,v1=') });
  });
});

describe('recording tokens (docs/security.md)', () => {
  const secret = 'link-secret';

  it('round-trips a claim while valid', () => {
    const token = createRecordingToken({ accountId: 'a', callId: 'c', expiresAt: 2000 }, secret);
    expect(verifyRecordingToken(token, secret, 1999)).toEqual({
      ok: true,
      claim: { accountId: 'a', callId: 'c', expiresAt: 2000 },
    });
  });

  it('is expired at its expiry', () => {
    const token = createRecordingToken({ accountId: 'a', callId: 'c', expiresAt: 2000 }, secret);
    expect(verifyRecordingToken(token, secret, 2000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is forged when signed with another secret or edited', () => {
    const token = createRecordingToken({ accountId: 'a', callId: 'c', expiresAt: 2000 }, secret);
    expect(verifyRecordingToken(token, 'other', 1)).toEqual({ ok: false, reason: 'forged' });
    const [payload, signature] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ a: 'b', c: 'c', e: 2000 })).toString('base64url');
    expect(verifyRecordingToken(`${edited}.${signature}`, secret, 1).ok).toBe(false);
    expect(verifyRecordingToken(payload, secret, 1).ok).toBe(false);
  });

  it('verifies with the current or the previous secret of a rotation, and with neither once it is dropped', () => {
    const claim = { accountId: 'a', callId: 'c', expiresAt: 2000 };
    const rotation = { current: 'new-secret', previous: secret };
    expect(verifyRecordingToken(createRecordingToken(claim, secret), rotation, 1)).toEqual({ ok: true, claim });
    expect(verifyRecordingToken(createRecordingToken(claim, 'new-secret'), rotation, 1)).toEqual({ ok: true, claim });
    expect(verifyRecordingToken(createRecordingToken(claim, 'third'), rotation, 1)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyRecordingToken(createRecordingToken(claim, secret), { current: 'new-secret' }, 1)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });
});

describe('secrets at rest', () => {
  it('encrypts with AES-256-GCM and detects tampering', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = encryptSecret('xoxb-secret', key);
    expect(sealed).not.toContain('xoxb');
    expect(decryptSecret(sealed, key)).toBe('xoxb-secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
  });
});
