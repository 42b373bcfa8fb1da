/**
 * Typed outcomes of a failed Teams delivery (architecture.md: PermanentDeliveryError /
 * TransientDeliveryError). `permanent` lets the pipeline tell them apart without importing this folder.
 */

/** Why a delivery can never succeed as asked. */
export type TeamsPermanentReason =
  /** 403: the bot is no longer in the conversation (uninstalled, removed from the team or chat). */
  | 'bot-removed'
  /** 404 on a conversation: it was deleted or never existed. */
  | 'conversation-not-found'
  /** No stored reference: the bot never received an activity from that conversation. */
  | 'unknown-conversation'
  /** 404 ActivityNotFound on an update: the message was deleted; posting a new one still works. */
  | 'message-not-found'
  /** 400, 413…: Teams refused this message; sending it again will not help, the conversation is fine. */
  | 'rejected';

const BREAKS_SUBSCRIPTION: ReadonlySet<TeamsPermanentReason> = new Set(['bot-removed', 'conversation-not-found', 'unknown-conversation']);

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

  constructor(
    message: string,
    readonly status?: number,
    readonly teamsCode?: string,
    /** What Teams asked for (Retry-After), when it did. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientTeamsDeliveryError';
  }
}

export type TeamsDeliveryError = PermanentTeamsDeliveryError | TransientTeamsDeliveryError;
