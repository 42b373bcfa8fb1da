import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { DeliverableReport, DeliveryAttempt, DeliveryChannel, DeliveryTarget, MessageRef, ReportSubject } from '../../../domain/delivery';
import { SlackMessage } from '../../../render/slack/block-kit';
import { SlackClientSource } from './slack-delivery-client';
import { classifySlackError, slackPlatformError } from './slack-delivery-errors';
import { DELIVERY_EVENT_TYPE, deliveryMetadata, renderDeliveryMessage } from './slack-report-message';
import { brokenDestinationText } from './broken-destination-text';

export interface SlackDeliveryOptions {
  clients: SlackClientSource;
  quickchartBaseUrl: string;
  logger: Logger;
  /** Pages of channel history a crash-healing lookup reads at most, newest first (200 messages a page). */
  historyPages?: number;
}

const HISTORY_PAGE = 200;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * Slack as a delivery channel: each message carries its delivery id in message metadata, so a retry
 * after a crash finds it in the channel's history instead of posting again; edits use chat.update on
 * the recorded ts; blocks Slack refuses fall back to the text alone.
 */
export function createSlackDeliveryChannel(options: SlackDeliveryOptions): DeliveryChannel {
  const { clients, logger } = options;
  const historyPages = options.historyPages ?? 5;

  async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw classifySlackError(error, action);
    }
  }

  /** Sends with blocks; when Slack says the blocks are invalid, sends the text alone (never both). */
  async function withTextFallback<T>(message: SlackMessage, send: (content: { text: string; blocks?: SlackMessage['blocks'] }) => Promise<T>): Promise<T> {
    try {
      return await send({ text: message.text, blocks: message.blocks });
    } catch (error) {
      if (slackPlatformError(error) !== 'invalid_blocks') throw error;
      logger.warn({ errors: (error as { data?: { errors?: unknown } }).data?.errors }, 'Slack refused the blocks; sending the text alone');
      return send({ text: message.text, blocks: [] });
    }
  }

  return {
    kind: 'slack',
    editable: true,

    plannedRef: () => null,

    async findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      // Newest first, a bounded number of pages: the message of a crashed attempt is among the latest.
      // (No `oldest` bound: a ts is Slack's clock, not ours.)
      let cursor: string | undefined;
      for (let page = 0; page < historyPages; page += 1) {
        const history = await call('conversations.history', () =>
          client.conversations.history({
            channel: attempt.target.destination,
            include_all_metadata: true,
            limit: HISTORY_PAGE,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const message of (history.messages ?? []) as HistoryMessage[]) {
          const payload = message.metadata?.event_payload;
          if (message.ts && message.metadata?.event_type === DELIVERY_EVENT_TYPE && payload?.delivery_id === attempt.deliveryId) {
            return { id: message.ts, container: attempt.target.destination };
          }
        }
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) break;
      }
      return null;
    },

    async post(report: DeliverableReport, attempt: DeliveryAttempt): Promise<MessageRef> {
      const client: WebClient = await clients.clientFor(attempt.target.workspaceId);
      const message = renderDeliveryMessage(report, options.quickchartBaseUrl);
      const metadata = deliveryMetadata(attempt.deliveryId, report);
      const result = await call('chat.postMessage', () =>
        withTextFallback(message, async (content) => {
          await attempt.beforeIrreversible();
          return client.chat.postMessage({
            channel: attempt.target.destination,
            text: content.text,
            ...(content.blocks && content.blocks.length > 0 ? { blocks: content.blocks } : {}),
            metadata,
            unfurl_links: false,
            unfurl_media: false,
          });
        }),
      );
      if (!result.ts) throw classifySlackError(new Error('chat.postMessage answered without a ts'), 'chat.postMessage');
      return { id: result.ts, container: result.channel ?? attempt.target.destination };
    },

    async update(report: DeliverableReport, attempt: DeliveryAttempt, ref: MessageRef): Promise<MessageRef> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      const message = renderDeliveryMessage(report, options.quickchartBaseUrl);
      const channel = ref.container ?? attempt.target.destination;
      await call('chat.update', () =>
        withTextFallback(message, (content) =>
          client.chat.update({
            channel,
            ts: ref.id,
            text: content.text,
            blocks: content.blocks ?? [],
            metadata: deliveryMetadata(attempt.deliveryId, report),
          }),
        ),
      );
      return { id: ref.id, container: channel };
    },

    async notifyBroken(target: DeliveryTarget, userId: string, reason: string, subject: ReportSubject): Promise<void> {
      try {
        const client = await clients.clientFor(target.workspaceId);
        await client.chat.postMessage({ channel: userId, text: brokenDestinationText(target.destination, reason, subject) });
      } catch (error) {
        logger.warn({ err: (error as Error).message, userId, reason }, 'could not tell the subscriber that the channel broke');
      }
    },
  };
}
