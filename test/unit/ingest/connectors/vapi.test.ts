import { createHmac } from 'node:crypto';
import { Vapi } from '@vapi-ai/server-sdk';
import { ConnectorRequest } from '../../../../src/ingest/connectors/connector';
import { vapiConnector } from '../../../../src/ingest/connectors/vapi';
import { vapiReport, vapiUnconnected } from '../../../support/platform-payloads';

const SECRET = 'credential-secret';

function request(body: string, headers: Record<string, string> = {}): ConnectorRequest {
  return { rawBody: Buffer.from(body), header: (name) => headers[name], publicUrl: 'https://x/v1', query: {} };
}

describe('vapi connector', () => {
  it('knows every endedReason of the SDK but a few that outbound calls do not end with', () => {
    const reasons = Object.values(Vapi.ServerMessageEndOfCallReportEndedReason) as string[];
    const unknown = reasons.filter((reason) => vapiConnector.categorize(reason) === null);
    expect(unknown.sort()).toEqual([
      'assistant-request-returned-forwarding-phone-number',
      'assistant-request-returned-no-assistant',
      'customer-did-not-give-microphone-permission',
    ]);
    expect(vapiConnector.categorize('customer-busy')).toBe('busy');
    expect(vapiConnector.categorize('customer-did-not-answer')).toBe('no_answer');
    expect(vapiConnector.categorize('twilio-failed-to-connect-call')).toBe('failed');
    expect(vapiConnector.categorize('call.in-progress.error-providerfault-openai-llm-failed')).toBe('failed');
    expect(vapiConnector.categorize('customer-ended-call')).toBe('answered');
    expect(vapiConnector.categorize('silence-timed-out')).toBe('answered');
  });

  it('checks the HMAC of the raw body or the bearer token', () => {
    const body = JSON.stringify(vapiReport('v1'));
    const mac = createHmac('sha256', SECRET).update(body).digest('hex');
    expect(vapiConnector.verify(request(body, { 'x-vapi-signature': mac }), SECRET, new Date())).toEqual({ ok: true });
    expect(vapiConnector.verify(request(`${body}\n`, { 'x-vapi-signature': mac }), SECRET, new Date()).ok).toBe(false);
    expect(vapiConnector.verify(request(body, { authorization: `Bearer ${SECRET}` }), SECRET, new Date())).toEqual({
      ok: true,
    });
    expect(vapiConnector.verify(request(body, { authorization: `Bearer ${SECRET}x` }), SECRET, new Date()).ok).toBe(
      false,
    );
    expect(vapiConnector.verify(request(body), SECRET, new Date()).ok).toBe(false);
  });

  it('reads a report that never connected with no answer time and no messages', () => {
    const read = vapiConnector.read(
      request(JSON.stringify(vapiUnconnected('v2', 'customer-did-not-answer'))),
      new Date(),
    );
    expect(read).toEqual({
      kind: 'call',
      call: expect.objectContaining({ answeredAt: null, reason: 'customer-did-not-answer', messages: 0, cost: '0' }),
    });
  });
});
