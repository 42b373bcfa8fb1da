import type Retell from 'retell-sdk';
import type { Vapi } from '@vapi-ai/server-sdk';

/**
 * Webhook payloads in the shapes of the platforms' own SDK types (retell-sdk, @vapi-ai/server-sdk) and of
 * Twilio's documented status callback fields, for tests and benchmarks of the connectors.
 */

/** Retell's call object; `batch_call_id` is sent for calls of a batch but is not in the SDK's response type. */
export type RetellWebhookCall = Retell.PhoneCallResponse & { batch_call_id?: string };
export interface RetellWebhook {
  event: 'call_started' | 'call_ended' | 'call_analyzed';
  call: RetellWebhookCall;
}

const T0 = Date.parse('2026-11-20T03:00:00Z');

export function retellCall(callId: string, overrides: Partial<RetellWebhookCall> = {}): RetellWebhookCall {
  return {
    call_type: 'phone_call',
    call_id: callId,
    agent_id: 'agent_oBeDLoLOeuAbiuaM',
    agent_name: 'Debt reminder',
    agent_version: 3,
    call_status: 'ended',
    direction: 'outbound',
    from_number: '+14157774444',
    to_number: '+84901234567',
    batch_call_id: 'batch_retell_1',
    metadata: { customer_id: `cus-${callId}` },
    start_timestamp: T0,
    end_timestamp: T0 + 65_432,
    duration_ms: 65_432,
    disconnection_reason: 'user_hangup',
    recording_url: `https://dxc03zgurdly9.cloudfront.net/${callId}/recording.wav`,
    transcript_object: [
      { role: 'agent', content: 'Hello, this is the reminder line.', words: [] },
      { role: 'user', content: 'Yes?', words: [] },
      { role: 'agent', content: 'Your payment is due tomorrow.', words: [] },
    ],
    call_cost: { combined_cost: 12.5, product_costs: [], total_duration_seconds: 66, total_duration_unit_price: 0.19 },
    ...overrides,
  };
}

/** A Retell call that never connected: no start, the dial's reason, status not_connected. */
export function retellUnconnected(
  callId: string,
  reason: RetellWebhookCall['disconnection_reason'],
  overrides: Partial<RetellWebhookCall> = {},
): RetellWebhookCall {
  return retellCall(callId, {
    call_status: 'not_connected',
    disconnection_reason: reason,
    start_timestamp: undefined,
    end_timestamp: T0 + 30_000,
    duration_ms: undefined,
    recording_url: undefined,
    transcript_object: [],
    call_cost: { combined_cost: 0, product_costs: [], total_duration_seconds: 0, total_duration_unit_price: 0 },
    ...overrides,
  });
}

export function retellAnalysis(outcome: Record<string, unknown>): Retell.PhoneCallResponse.CallAnalysis {
  return {
    call_successful: true,
    call_summary: 'The customer agreed to pay.',
    user_sentiment: 'Positive',
    in_voicemail: false,
    custom_analysis_data: outcome,
  };
}

export function vapiReport(
  callId: string,
  overrides: Partial<Vapi.ServerMessageEndOfCallReport> = {},
  call: Partial<Vapi.Call> = {},
): Vapi.ServerMessage {
  const startedAt = '2026-11-20T03:00:04.000Z';
  const endedAt = '2026-11-20T03:01:10.500Z';
  const message: Vapi.ServerMessageEndOfCallReport = {
    type: 'end-of-call-report',
    endedReason: 'customer-ended-call',
    startedAt,
    endedAt,
    cost: 0.1234,
    artifact: {
      recordingUrl: `https://storage.vapi.ai/${callId}-mono.wav`,
      messages: [
        { role: 'bot', message: 'Hi, calling about your order.', time: 1, endTime: 2, secondsFromStart: 0.5 },
        { role: 'user', message: 'Go ahead.', time: 3, endTime: 4, secondsFromStart: 2 },
        { role: 'bot', message: 'It ships today.', time: 5, endTime: 6, secondsFromStart: 4 },
      ],
    },
    analysis: { summary: 'Customer confirmed.', structuredData: { outcome: 'confirmed' }, successEvaluation: 'true' },
    call: {
      id: callId,
      orgId: 'org_1',
      createdAt: '2026-11-20T03:00:00.000Z',
      updatedAt: endedAt,
      startedAt,
      endedAt,
      type: 'outboundPhoneCall',
      status: 'ended',
      assistantId: 'asst_vapi_1',
      campaignId: 'camp_vapi_1',
      customer: { number: '+84907654321' },
      ...call,
    },
    ...overrides,
  };
  return { message };
}

/** A Vapi call that never connected (busy, no answer, failed to connect): no transcript, no analysis. */
export function vapiUnconnected(
  callId: string,
  endedReason: Vapi.ServerMessageEndOfCallReportEndedReason,
  call: Partial<Vapi.Call> = {},
): Vapi.ServerMessage {
  return vapiReport(callId, { endedReason, cost: 0, artifact: { messages: [] }, analysis: {} }, call);
}

/** Twilio's Voice status callback fields (form-encoded) for the end of an outbound call. */
export function twilioStatus(
  callSid: string,
  callStatus: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: callStatus,
    Called: '+84909876543',
    Caller: '+14155550100',
    Direction: 'outbound-api',
    From: '+14155550100',
    To: '+84909876543',
    CallbackSource: 'call-progress-events',
    SequenceNumber: '3',
    Timestamp: 'Fri, 20 Nov 2026 03:02:00 +0000',
    SipResponseCode:
      callStatus === 'completed' ? '200' : callStatus === 'busy' ? '486' : callStatus === 'no-answer' ? '487' : '500',
    ...(callStatus === 'completed' ? { CallDuration: '75', Duration: '2' } : { CallDuration: '0' }),
    ...overrides,
  };
}
