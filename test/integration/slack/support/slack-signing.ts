import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>" under the signing secret. */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  body: string,
  options: { timestamp?: number; secret?: string; signature?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(body, timestamp, options.secret),
  };
}

export interface SlashCommandFields {
  text: string;
  teamId: string;
  channelId?: string;
  userId?: string;
  responseUrl: string;
  /** Slack's triggers open one view, once: each command gets its own unless one is given. */
  triggerId?: string;
}

let triggers = 0;

export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId,
    team_domain: 'test',
    channel_id: fields.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.userId ?? 'U0ALICE',
    user_name: 'alice',
    command: '/campaign-report',
    text: fields.text,
    api_app_id: 'A0FAKEAPP',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `1.2.${(triggers += 1)}`,
  }).toString();
}

export interface ButtonClickFields {
  actionId: string;
  value: string;
  teamId: string;
  channelId?: string;
  userId?: string;
  responseUrl: string;
  /** A click on an ephemeral message (no thread to reply in). */
  ephemeral?: boolean;
  messageTs?: string;
}

export function buttonClickBody(fields: ButtonClickFields): string {
  const channelId = fields.channelId ?? 'C0GENERAL';
  const messageTs = fields.messageTs ?? '1700000000.000100';
  const payload = {
    type: 'block_actions',
    team: { id: fields.teamId, domain: 'test' },
    user: { id: fields.userId ?? 'U0ALICE', username: 'alice', team_id: fields.teamId },
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    container: fields.ephemeral
      ? { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: true }
      : { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: '1.2.3',
    channel: { id: channelId, name: 'general' },
    ...(fields.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: 'a report' } }),
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value: fields.value,
        action_ts: '1700000001.000000',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
