import { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ChatPlace } from '../../reports/chat-command-service';

/** What the bot reads from a Teams activity: pure functions of the activity, no I/O. */

const THREAD_SUFFIX = /;messageid=[^;]*$/i;

/**
 * A conversation's key: its id without a channel thread's `;messageid=` part. It is the subscription's
 * destination, so proactive posts start a new post in the channel instead of replying in an old thread.
 */
export function conversationKeyOf(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The Teams tenant: the workspace that `link teams <tenant_id> <account>` ties to one account. Only
 * `conversation.tenantId`, which the Teams channel sets; `channelData` is whatever a client put there
 * on other channels (Direct Line passes it through), so it never decides the tenant.
 */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  return text(activity.conversation?.tenantId);
}

/** The only Bot Framework channel the bot serves. */
const TEAMS_CHANNEL_ID = 'msteams';

/**
 * Why an authenticated activity is not served, or null when it is: a token proves which channel sent an
 * activity, not that the channel is Teams, and a spoofed `channelData.tenant.id` must not pick a tenant.
 */
export function refusalOf(activity: Partial<Activity>): string | null {
  if (activity.channelId !== TEAMS_CHANNEL_ID)
    return `this bot serves Microsoft Teams only (channelId "${TEAMS_CHANNEL_ID}")`;
  const dataTenant = text(asRecord(asRecord(activity.channelData).tenant).id);
  if (dataTenant !== undefined && dataTenant !== tenantIdOf(activity))
    return 'conversation.tenantId and channelData.tenant.id disagree';
  return null;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", amp: '&' };

/** Teams may send a few HTML entities in typed text (a non-breaking space after a mention, mostly). */
function decodeEntities(text: string): string {
  return text.replace(/&(nbsp|lt|gt|quot|apos|#39|amp);/g, (_, name: string) => ENTITIES[name]);
}

/** The command typed (mention and all: the grammar removes `<at>…</at>`), or sent by a card's Action.Submit. */
export function commandTextOf(activity: Partial<Activity>): string {
  const submitted = asRecord(activity.value).command;
  if (typeof submitted === 'string') return submitted;
  return typeof activity.text === 'string' ? decodeEntities(activity.text) : '';
}

export function placeOf(activity: Partial<Activity>): ChatPlace {
  return {
    platform: 'teams',
    workspaceId: tenantIdOf(activity) ?? '',
    destination: conversationKeyOf(activity.conversation?.id ?? ''),
    userId: text(activity.from?.aadObjectId) ?? text(activity.from?.id) ?? '',
  };
}

/**
 * The reference to post into this conversation later: the conversation at its key (a channel, not the
 * thread), and no activity id, so a proactive post is a new message rather than a reply.
 */
export function proactiveReferenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  if (reference.conversation)
    reference.conversation = { ...reference.conversation, id: conversationKeyOf(reference.conversation.id) };
  return JSON.parse(JSON.stringify(reference)) as Partial<ConversationReference>;
}

const botIsAmong = (activity: Partial<Activity>, members: { id: string }[] | undefined): boolean =>
  Boolean(activity.recipient?.id && members?.some((member) => member.id === activity.recipient?.id));

/**
 * Teams tells the bot it was added to a team, a chat or a personal scope. (An installationUpdate `add`
 * comes with it; answering only this one greets once.)
 */
export function isBotAdded(activity: Partial<Activity>): boolean {
  return activity.type === 'conversationUpdate' && botIsAmong(activity, activity.membersAdded);
}

/** Teams tells the bot it was removed (uninstalled, or taken out of the team or chat). */
export function isBotRemoved(activity: Partial<Activity>): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove';
  return activity.type === 'conversationUpdate' && botIsAmong(activity, activity.membersRemoved);
}
