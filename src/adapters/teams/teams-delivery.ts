import { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ConnectorClient } from 'botframework-connector';
import { Logger } from 'pino';
import { AdaptiveCard } from '../../render/teams/card';
import { Db } from '../../storage/connection';
import { findTeamsConversation } from '../../storage/teams-conversations';
import { cardActivity } from './card-activity';
import { PermanentTeamsDeliveryError } from './delivery-errors';
import { DEFAULT_TEAMS_RETRY_POLICY, TeamsOperation, TeamsRetryPolicy, withTeamsRetry } from './delivery-retry';

/**
 * Proactive Teams posts for the delivery pipeline. `conversationRefKey` is a subscription's destination
 * (the conversation id without `;messageid=`); the returned activity id is what the ledger keeps so a
 * corrected report replaces the posted one. Failures are typed: PermanentTeamsDeliveryError (403, 404,
 * unknown conversation; see `breaksSubscription`) or TransientTeamsDeliveryError (retry the job later).
 */
export interface TeamsPostOptions {
  /**
   * Runs once, after the conversation is known and right before the first send (the delivery ledger's
   * beforeIrreversible); when it throws nothing is sent and its error comes out unchanged.
   */
  beforeSend?: () => Promise<void>;
  /** Post as a reply to this activity (an alert under its campaign's message) instead of a new message. */
  replyTo?: string;
}

export interface TeamsDelivery {
  post(conversationRefKey: string, card: AdaptiveCard, options?: TeamsPostOptions): Promise<string>;
  update(conversationRefKey: string, activityId: string, card: AdaptiveCard): Promise<void>;
}

export interface TeamsDeliveryOptions {
  adapter: CloudAdapter;
  db: Db;
  /** MICROSOFT_APP_ID ('' without one: local emulator only). */
  appId: string;
  logger: Logger;
  retry?: TeamsRetryPolicy;
}

/** The caller's own step failed: its error goes out unchanged, never classified or retried as a Teams fault. */
class BeforeSendFailed extends Error {
  readonly passThrough = true;
  constructor(override readonly cause: unknown) {
    super('beforeSend failed');
  }
}

async function runBeforeSend(beforeSend: (() => Promise<void>) | undefined): Promise<void> {
  try {
    await beforeSend?.();
  } catch (error) {
    throw new BeforeSendFailed(error);
  }
}

/** Gets (or finds cached) the bot's outbound token, so that a slow token endpoint is not inside the send window. */
async function fetchTokenNow(client: ConnectorClient, appId: string): Promise<void> {
  const credentials = (client as unknown as { credentials?: { getToken?: (force?: boolean) => Promise<string> } })
    .credentials;
  if (appId && typeof credentials?.getToken === 'function') await credentials.getToken();
}

type ConnectorCall<T> = (client: ConnectorClient, reference: Partial<ConversationReference>) => Promise<T>;

export function createTeamsDelivery(options: TeamsDeliveryOptions): TeamsDelivery {
  const { adapter, db, appId, logger } = options;
  const policy = options.retry ?? DEFAULT_TEAMS_RETRY_POLICY;

  async function referenceFor(key: string): Promise<Partial<ConversationReference>> {
    const conversation = await findTeamsConversation(db, key);
    if (!conversation) {
      throw new PermanentTeamsDeliveryError(
        `no Teams conversation "${key}" is known: the bot posts only where it has received a message`,
        'unknown_conversation',
      );
    }
    if (conversation.botRemovedAt) {
      throw new PermanentTeamsDeliveryError(`the bot was removed from Teams conversation "${key}"`, 'bot_removed');
    }
    return conversation.reference as Partial<ConversationReference>;
  }

  /**
   * One Connector call in a proactive turn (continueConversationAsync), retried as delivery-retry says.
   * `beforeSend` runs once, after the bot's token is in hand and right before the call, so that the
   * window in which the ledger says "may have been sent" is the one HTTP request and no more.
   */
  async function run<T>(
    operation: TeamsOperation,
    key: string,
    call: ConnectorCall<T>,
    beforeSend?: () => Promise<void>,
  ): Promise<T> {
    const reference = await referenceFor(key);
    let marked = !beforeSend;
    try {
      return await withTeamsRetry(
        operation,
        async () => {
          // Errors are carried out of the turn by hand: the adapter's onTurnError would swallow them.
          let outcome: { ok: true; value: T } | { ok: false; error: unknown } = {
            ok: false,
            error: new Error('the proactive turn did not run'),
          };
          await adapter.continueConversationAsync(appId, reference, async (context) => {
            try {
              const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
              if (!marked) {
                await fetchTokenNow(client, appId);
                await runBeforeSend(beforeSend);
                marked = true;
              }
              outcome = { ok: true, value: await call(client, reference) };
            } catch (error) {
              outcome = { ok: false, error };
            }
          });
          const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown };
          if (!settled.ok) throw settled.error;
          return settled.value;
        },
        policy,
        (notice) =>
          logger.warn(
            {
              operation,
              conversation: key,
              attempt: notice.attempt,
              delayMs: notice.delayMs,
              status: notice.error.status,
            },
            'teams delivery retrying',
          ),
      );
    } catch (error) {
      if (error instanceof BeforeSendFailed) throw error.cause;
      throw error;
    }
  }

  const outgoing = (card: AdaptiveCard, reference: Partial<ConversationReference>): Activity =>
    TurnContext.applyConversationReference({ ...cardActivity(card) }, reference) as Activity;

  return {
    async post(key, card, postOptions = {}) {
      const id = await run(
        'post',
        key,
        async (client, reference) => {
          const conversationId = reference.conversation?.id ?? key;
          const response = postOptions.replyTo
            ? await client.conversations.replyToActivity(conversationId, postOptions.replyTo, {
                ...outgoing(card, reference),
                replyToId: postOptions.replyTo,
              })
            : await client.conversations.sendToConversation(conversationId, outgoing(card, reference));
          return response.id ?? '';
        },
        postOptions.beforeSend,
      );
      if (!id) logger.warn({ conversation: key }, 'teams post returned no activity id: it cannot be updated later');
      return id;
    },
    async update(key, activityId, card) {
      await run('update', key, async (client, reference) => {
        await client.conversations.updateActivity(reference.conversation?.id ?? key, activityId, {
          ...outgoing(card, reference),
          id: activityId,
        });
      });
    },
  };
}
