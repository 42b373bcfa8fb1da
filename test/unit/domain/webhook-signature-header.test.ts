import {
  isSignatureFresh,
  matchingSignature,
  readSignatureHeader,
  signWebhookBody,
} from '../../../src/domain/webhook-signature';

describe('the signature header, read before the body', () => {
  const body = Buffer.from('[]');
  const now = 1_790_000_000;

  it('reads the timestamp and every v1 candidate, and finds the one that matches', () => {
    const good = signWebhookBody('secret', now, body);
    const header = `t=${now},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
    const parsed = readSignatureHeader(header);
    expect(parsed).toEqual({ timestamp: now, candidates: ['0'.repeat(64), good.split('v1=')[1]] });
    expect(matchingSignature(parsed!, 'secret', body)).toBe(good.split('v1=')[1]);
    expect(matchingSignature(parsed!, 'other', body)).toBeNull();
  });

  it('refuses shapes that are not a signature: no timestamp, no or short v1, five candidates, an overlong header', () => {
    const v1 = `v1=${'a'.repeat(64)}`;
    for (const header of [
      undefined,
      '',
      v1,
      `t=${now}`,
      `t=${now},v1=abc`,
      `t=x,${v1}`,
      `t=${now},${[v1, v1, v1, v1, v1].join(',')}`,
      `t=${now},${v1},${' '.repeat(600)}`,
    ]) {
      expect(readSignatureHeader(header)).toBeNull();
    }
    expect(readSignatureHeader(`t=${now},${[v1, v1, v1, v1].join(',')}`)).not.toBeNull();
  });

  it('is fresh within 300 s either way', () => {
    const at = (t: number) => readSignatureHeader(`t=${t},v1=${'a'.repeat(64)}`)!;
    expect(isSignatureFresh(at(now - 300), now)).toBe(true);
    expect(isSignatureFresh(at(now + 300), now)).toBe(true);
    expect(isSignatureFresh(at(now - 301), now)).toBe(false);
    expect(isSignatureFresh(at(now + 301), now)).toBe(false);
  });
});
