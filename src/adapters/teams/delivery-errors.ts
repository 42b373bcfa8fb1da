import { MessageKey, Messages, messagesFor } from '../../render/i18n/messages';
/**
 * Typed outcomes of a failed Teams delivery (docs/architecture.md: PermanentDeliveryError /
 * TransientDeliveryError). They carry the fields the delivery job reads by shape (domain/delivery-errors:
 * `permanent`, `reason`, `breaksSubscription`, `retryAfterMs`, `notDelivered`), plus Teams' status and code.
 */

/** Why a delivery can never succeed as asked. */
export type TeamsPermanentReason =
  /** 403: the bot is no longer in the conversation (uninstalled, removed from the team or chat). */
  | 'bot_removed'
  /** 404 on a conversation: it was deleted or never existed. */
  | 'conversation_not_found'
  /** No stored reference: the bot never received an activity from that conversation. */
  | 'unknown_conversation'
  /** 404 ActivityNotFound on an update: the message was deleted; posting a new one still works. */
  | 'message_not_found'
  /** 400, 413…: Teams refused this message; sending it again will not help, the conversation is fine. */
  | 'rejected';

const BREAKS_SUBSCRIPTION: ReadonlySet<TeamsPermanentReason> = new Set([
  'bot_removed',
  'conversation_not_found',
  'unknown_conversation',
]);

export class PermanentTeamsDeliveryError extends Error {
  readonly permanent = true;
  readonly code = 'teams_delivery_permanent';

  constructor(
    message: string,
    readonly reason: TeamsPermanentReason,
    readonly status?: number,
    readonly teamsCode?: string,
  ) {
    super(message);
    this.name = 'PermanentTeamsDeliveryError';
  }

  /** The conversation is gone for the bot: mark its subscriptions broken (storage markSubscriptionBroken). */
  get breaksSubscription(): boolean {
    return BREAKS_SUBSCRIPTION.has(this.reason);
  }
}

export class TransientTeamsDeliveryError extends Error {
  readonly permanent = false;
  readonly code = 'teams_delivery_transient';
  readonly breaksSubscription = false;

  constructor(
    message: string,
    /** `ratelimited` (429), `teams_412`, `teams_502`…, or `teams_unreachable` when no answer came. */
    readonly reason: string,
    readonly status?: number,
    readonly teamsCode?: string,
    /** What Teams asked for (Retry-After), when it did. */
    readonly retryAfterMs?: number,
    /** Teams certainly did not take the message (it refused it: 429, 412, 401), so no duplicate is possible. */
    readonly notDelivered = false,
  ) {
    super(message);
    this.name = 'TransientTeamsDeliveryError';
  }
}

export type TeamsDeliveryError = PermanentTeamsDeliveryError | TransientTeamsDeliveryError;

const REASON_KEYS: Record<string, MessageKey> = {
  bot_removed: 'teamsReason.botRemoved',
  conversation_not_found: 'teamsReason.conversationNotFound',
  unknown_conversation: 'teamsReason.unknownConversation',
  message_not_found: 'teamsReason.messageNotFound',
  rejected: 'teamsReason.rejected',
};

/** A reason code (ours, or the pipeline's) as a sentence for people, in their language; an unknown code as it is. */
export function describeTeamsReason(reason: string, m: Messages = messagesFor('en')): string {
  const key = REASON_KEYS[reason];
  return key ? m.t(key) : reason;
}
