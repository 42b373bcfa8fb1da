import twilio from 'twilio';
import { ConnectorRequest } from '../../../../src/ingest/connectors/connector';
import { twilioConnector } from '../../../../src/ingest/connectors/twilio';
import { twilioStatus } from '../../../support/platform-payloads';

const TOKEN = 'auth-token';
const URL_ = 'https://bot.example.com/v1/connectors/twilio/acme?campaign_id=c&bot_id=b';

function request(
  fields: Record<string, string | string[]>,
  signature: string | undefined,
  url = URL_,
): ConnectorRequest {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return {
    rawBody: Buffer.from(form.toString()),
    header: (name) => (name === 'x-twilio-signature' ? signature : undefined),
    publicUrl: url,
    query: { campaign_id: 'c', bot_id: 'b' },
  };
}

describe('twilio connector', () => {
  it('checks signatures exactly as twilio computes them, repeated fields and characters that need escaping included', () => {
    const fields = { ...twilioStatus('CA1', 'completed'), Repeated: ['b', 'a', 'b'], Caller: '+1 (415) & ümlaut' };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_, fields);
    expect(twilioConnector.verify(request(fields, signature), TOKEN, new Date())).toEqual({ ok: true });
    expect(twilioConnector.verify(request({ ...fields, CallStatus: 'busy' }, signature), TOKEN, new Date()).ok).toBe(
      false,
    );
    expect(twilioConnector.verify(request(fields, signature, `${URL_}&x=1`), TOKEN, new Date()).ok).toBe(false);
  });

  it('reads a completed call: answered CallDuration seconds before the callback Timestamp', () => {
    const read = twilioConnector.read(request(twilioStatus('CA1', 'completed'), undefined), new Date());
    expect(read).toEqual({
      kind: 'call',
      call: expect.objectContaining({
        callId: 'CA1',
        campaignId: 'c',
        botId: 'b',
        customerId: '+84909876543',
        answeredAt: new Date('2026-11-20T03:00:45Z'),
        endedAt: new Date('2026-11-20T03:02:00Z'),
        reason: 'completed',
      }),
    });
  });

  it('ignores progress callbacks and reads unanswered ones with no answer time', () => {
    expect(twilioConnector.read(request(twilioStatus('CA2', 'ringing'), undefined), new Date()).kind).toBe('ignored');
    expect(twilioConnector.read(request(twilioStatus('CA2', 'busy'), undefined), new Date())).toEqual({
      kind: 'call',
      call: expect.objectContaining({ answeredAt: null, startedAt: new Date('2026-11-20T03:02:00Z') }),
    });
  });
});
