import { SIGNING_SECRET, signedHeaders, slackSignature } from './slack-signing';
import { PostResult, SlackHarness } from './slack-harness';

/** Signed requests of the native surfaces, as Slack sends them: interactivity payloads and Events API callbacks. */

const user = (teamId: string, userId = 'U0ALICE') => ({
  id: userId,
  username: 'alice',
  name: 'alice',
  team_id: teamId,
});

function postPayload(h: SlackHarness, payload: object): Promise<PostResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return h.post('/slack/events', body, signedHeaders(body));
}

/** A block_suggestion: what the user typed into an external_select. */
export function suggest(h: SlackHarness, teamId: string, actionId: string, value: string): Promise<PostResult> {
  return postPayload(h, {
    type: 'block_suggestion',
    user: user(teamId),
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0GENERAL', is_ephemeral: true },
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    action_id: actionId,
    block_id: 'b1',
    value,
    team: { id: teamId, domain: 'test' },
    channel: { id: 'C0GENERAL', name: 'general' },
  });
}

/** A click on an element of a message, with the state of the message's menus (Slack sends it along). */
export function clickWithState(
  h: SlackHarness,
  fields: {
    teamId: string;
    actionId: string;
    responseUrl: string;
    state?: Record<string, Record<string, unknown>>;
    action?: Record<string, unknown>;
    triggerId?: string;
  },
): Promise<PostResult> {
  return postPayload(h, {
    type: 'block_actions',
    team: { id: fields.teamId, domain: 'test' },
    user: user(fields.teamId),
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0GENERAL', is_ephemeral: true },
    trigger_id: fields.triggerId ?? '1.2.3',
    channel: { id: 'C0GENERAL', name: 'general' },
    state: { values: fields.state ?? {} },
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value: 'picker',
        action_ts: '1700000001.000000',
        ...fields.action,
      },
    ],
  });
}

/** A click on a Home tab's button: no response_url, no channel. */
export function homeClick(h: SlackHarness, teamId: string, actionId: string, value: string): Promise<PostResult> {
  return postPayload(h, {
    type: 'block_actions',
    team: { id: teamId, domain: 'test' },
    user: user(teamId),
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: '1.2.4',
    view: { id: 'V0HOME', type: 'home', callback_id: '', state: { values: {} } },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value }],
  });
}

/** The submit of the subscribe modal, with what was picked in it. */
export function submitSubscribe(
  h: SlackHarness,
  teamId: string,
  picked: { channel?: string; target?: string; options?: string[] },
): Promise<PostResult> {
  const values = {
    subscribe_channel: { channel: { type: 'conversations_select', selected_conversation: picked.channel ?? null } },
    subscribe_target: {
      pick_subscribe_target: {
        type: 'external_select',
        selected_option: picked.target ? { text: { type: 'plain_text', text: 'x' }, value: picked.target } : null,
      },
    },
    subscribe_options: {
      options: {
        type: 'checkboxes',
        selected_options: (picked.options ?? []).map((value) => ({ text: { type: 'plain_text', text: value }, value })),
      },
    },
  };
  return postPayload(h, {
    type: 'view_submission',
    team: { id: teamId, domain: 'test' },
    user: user(teamId),
    api_app_id: 'A0FAKEAPP',
    token: 'deprecated-verification-token',
    trigger_id: '1.2.5',
    view: {
      id: 'V0MODAL',
      team_id: teamId,
      type: 'modal',
      callback_id: 'subscribe_modal',
      private_metadata: '',
      blocks: [],
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'Subscribe' },
    },
  });
}

/** An Events API callback (JSON), signed like every request. */
export function sendEvent(h: SlackHarness, teamId: string, event: Record<string, unknown>): Promise<PostResult> {
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKEAPP',
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0FAKEBOT', is_bot: true }],
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return h.post('/slack/events', body, {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp, SIGNING_SECRET),
  });
}
