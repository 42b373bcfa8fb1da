import { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import {
  DeliverableReport,
  DeliveryAttempt,
  DeliveryChannel,
  DeliveryTarget,
  MessageRef,
  ReportSubject,
} from '../../../domain/delivery';
import { SlackMessage } from '../../../render/slack/block-kit';
import { chartImages, chartSourcesToTry } from '../chart-images';
import { SlackClientSource } from './slack-delivery-client';
import { classifySlackError, slackPlatformError } from './slack-delivery-errors';
import { DELIVERY_EVENT_TYPE, deliveryCharts, deliveryMetadata, renderDeliveryMessage } from './slack-report-message';
import { brokenDestinationText } from './broken-destination-text';

export interface SlackDeliveryOptions {
  clients: SlackClientSource;
  quickchartBaseUrl: string;
  /** False: Slack cannot reach that QuickChart (QUICKCHART_PUBLIC=false); charts are drawn here and uploaded. */
  quickchartPublic?: boolean;
  logger: Logger;
  /** Pages of channel history a crash-healing lookup reads at most, newest first (200 messages a page). */
  historyPages?: number;
  /** The locale of an account, for telling a subscriber in their language; English without it. */
  localeOf?: (accountId: string) => Promise<string | undefined>;
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

  /**
   * Sends the report with its charts from the first source that works: QuickChart URLs (when Slack can
   * reach QuickChart), PNGs drawn here and uploaded (files.uploadV2 without a channel, shown through
   * `slack_file`), text tables. When Slack says the blocks are invalid the next source is tried, and last
   * the text alone; each attempt is one message (never two).
   */
  async function withCharts<T>(
    report: DeliverableReport,
    client: WebClient,
    send: (content: { text: string; blocks?: SlackMessage['blocks'] }) => Promise<T>,
  ): Promise<T> {
    const { specs, timeZone, locale } = deliveryCharts(report);
    const sources =
      specs.length > 0 ? chartSourcesToTry(options.quickchartBaseUrl, options.quickchartPublic) : (['none'] as const);
    let message: SlackMessage | null = null;
    for (const source of sources) {
      const images = await chartImages(specs, source, {
        quickchartBaseUrl: options.quickchartBaseUrl,
        timeZone,
        locale,
        client: async () => client,
        logger,
      });
      if (source !== 'none' && images.length === 0) continue;
      message = renderDeliveryMessage(report, images);
      try {
        return await send({ text: message.text, blocks: message.blocks });
      } catch (error) {
        if (slackPlatformError(error) !== 'invalid_blocks') throw error;
        logger.warn(
          { errors: (error as { data?: { errors?: unknown } }).data?.errors, source },
          'Slack refused the blocks; trying a plainer message',
        );
      }
    }
    return send({ text: (message ?? renderDeliveryMessage(report, [])).text, blocks: [] });
  }

  return {
    kind: 'slack',
    editable: true,

    plannedRef: () => null,

    async findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      if (attempt.thread) {
        // An alert in a campaign's thread: a reply that was not broadcast is only in the thread.
        const channel = attempt.thread.container ?? attempt.target.destination;
        const replies = await call('conversations.replies', () =>
          client.conversations.replies({ channel, ts: attempt.thread!.id, include_all_metadata: true, limit: 1000 }),
        );
        const found = ((replies.messages ?? []) as HistoryMessage[]).find(
          (message) =>
            message.metadata?.event_type === DELIVERY_EVENT_TYPE &&
            message.metadata.event_payload?.delivery_id === attempt.deliveryId,
        );
        if (found?.ts) return { id: found.ts, container: channel };
        // Not in the thread: it may have gone out on its own before the campaign had a message here.
      }
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
          if (
            message.ts &&
            message.metadata?.event_type === DELIVERY_EVENT_TYPE &&
            payload?.delivery_id === attempt.deliveryId
          ) {
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
      const metadata = deliveryMetadata(attempt.deliveryId, report);
      const thread = report.kind === 'alert' ? attempt.thread : null;
      const result = await call('chat.postMessage', () =>
        withCharts(report, client, async (content) => {
          await attempt.beforeIrreversible();
          // An alert's firing is also broadcast to the channel; its clearing stays in the thread.
          const inThread = thread
            ? { thread_ts: thread.id, reply_broadcast: report.kind === 'alert' && report.notice.event === 'fire' }
            : {};
          return client.chat.postMessage({
            channel: thread?.container ?? attempt.target.destination,
            text: content.text,
            ...(content.blocks && content.blocks.length > 0 ? { blocks: content.blocks } : {}),
            metadata,
            unfurl_links: false,
            unfurl_media: false,
            ...inThread,
          } as ChatPostMessageArguments);
        }),
      );
      if (!result.ts) throw classifySlackError(new Error('chat.postMessage answered without a ts'), 'chat.postMessage');
      return { id: result.ts, container: result.channel ?? attempt.target.destination };
    },

    async update(report: DeliverableReport, attempt: DeliveryAttempt, ref: MessageRef): Promise<MessageRef> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      const channel = ref.container ?? attempt.target.destination;
      await call('chat.update', () =>
        withCharts(report, client, (content) =>
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
        const locale = await options.localeOf?.(subject.accountId);
        await client.chat.postMessage({
          channel: userId,
          text: brokenDestinationText(target.destination, reason, subject, locale),
        });
      } catch (error) {
        logger.warn(
          { err: (error as Error).message, userId, reason },
          'could not tell the subscriber that the channel broke',
        );
      }
    },
  };
}
