import { sign, verify } from 'retell-sdk';
import { ConnectorRequest } from '../../../../src/ingest/connectors/connector';
import { retellConnector } from '../../../../src/ingest/connectors/retell';
import { retellCall, retellUnconnected } from '../../../support/platform-payloads';

const KEY = 'key_with_webhook_badge';

function request(body: string, signature?: string): ConnectorRequest {
  return {
    rawBody: Buffer.from(body),
    header: (name) => (name === 'x-retell-signature' ? signature : undefined),
    publicUrl: 'https://x/v1',
    query: {},
  };
}

describe('retell connector', () => {
  it('accepts what retell-sdk signs, and retell-sdk verifies what we accept', async () => {
    const body = JSON.stringify({ event: 'call_ended', call: retellCall('c1') });
    const signature = await sign(body, KEY);
    expect(await verify(body, KEY, signature)).toBe(true);
    expect(retellConnector.verify(request(body, signature), KEY, new Date())).toEqual({ ok: true });
    expect(retellConnector.verify(request(`${body} `, signature), KEY, new Date()).ok).toBe(false);
    expect(retellConnector.verify(request(body, signature), KEY, new Date(Date.now() + 301_000)).ok).toBe(false);
    expect(retellConnector.verify(request(body, signature), KEY, new Date(Date.now() + 299_000)).ok).toBe(true);
  });

  it('maps a connected call: times, messages, cost in dollars from cents, outcome data', () => {
    const call = retellCall('c1', { call_analysis: { custom_analysis_data: { call_outcome: 'paid' } } });
    const read = retellConnector.read(request(JSON.stringify({ event: 'call_analyzed', call })), new Date());
    expect(read).toEqual({
      kind: 'call',
      call: expect.objectContaining({
        callId: 'c1',
        campaignId: 'batch_retell_1',
        botId: 'agent_oBeDLoLOeuAbiuaM',
        botName: 'Debt reminder',
        customerId: 'cus-c1',
        startedAt: new Date('2026-11-20T03:00:00Z'),
        answeredAt: new Date('2026-11-20T03:00:00Z'),
        endedAt: new Date('2026-11-20T03:01:05.432Z'),
        reason: 'user_hangup',
        outcomes: { call_outcome: 'paid' },
        messages: 2,
        cost: '0.125',
        detail: 1,
      }),
    });
  });

  it('maps a call that never connected with no answer time, starting when it ended', () => {
    const read = retellConnector.read(
      request(JSON.stringify({ event: 'call_ended', call: retellUnconnected('c2', 'dial_no_answer') })),
      new Date(),
    );
    expect(read).toEqual({
      kind: 'call',
      call: expect.objectContaining({
        answeredAt: null,
        startedAt: new Date('2026-11-20T03:00:30Z'),
        reason: 'dial_no_answer',
        detail: 0,
      }),
    });
    expect(retellConnector.categorize('dial_no_answer')).toBe('no_answer');
    expect(retellConnector.categorize('error_llm_websocket_runtime')).toBe('failed');
    expect(retellConnector.categorize('something_new')).toBeNull();
  });
});
