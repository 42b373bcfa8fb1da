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
import { ChartFallbackOptions, sendWithChartFallback } from '../send-with-chart-fallback';
import { WorkspaceLook } from '../workspace-look';
import { brokenDestinationText } from './broken-destination-text';
import { findDeliveredMessage } from './find-delivered-message';
import { SlackClientSource } from './slack-delivery-client';
import { classifySlackError } from './slack-delivery-errors';
import { deliveryMetadata, deliveryView } from './slack-report-message';

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
  /** Slack's own tables and charts for this account and workspace; images and text tables without. */
  lookOf?: (accountId: string, workspaceId: string | null) => Promise<WorkspaceLook>;
}

/**
 * A structured argument as the JSON text the Web API reads from its form body. The client would otherwise
 * copy and serialize the whole message once more for a debug line, on every post and edit.
 */
const formJson = (value: unknown) => JSON.stringify(value) as never;

async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw classifySlackError(error, action);
  }
}

/**
 * Slack as a delivery channel: each message carries its delivery id in message metadata, so a retry
 * after a crash finds it in the channel's history instead of posting again; edits use chat.update on
 * the recorded ts; charts and blocks Slack refuses fall back as answers do (send-with-chart-fallback.ts).
 */
function lookOf(
  read: NonNullable<SlackDeliveryOptions['lookOf']>,
  accountId: string,
  attempt: DeliveryAttempt,
): Promise<WorkspaceLook> {
  const { workspaceId } = attempt.target;
  if (!attempt.readOnce) return read(accountId, workspaceId);
  return attempt.readOnce(`slack-look\u0000${accountId}\u0000${workspaceId ?? ''}`, () => read(accountId, workspaceId));
}

export function createSlackDeliveryChannel(options: SlackDeliveryOptions): DeliveryChannel {
  const { clients, logger } = options;
  const historyPages = options.historyPages ?? 5;
  const fallback = async (
    client: WebClient,
    report: DeliverableReport,
    attempt: DeliveryAttempt,
  ): Promise<ChartFallbackOptions> => ({
    quickchartBaseUrl: options.quickchartBaseUrl,
    quickchartPublic: options.quickchartPublic,
    client: async () => client,
    logger,
    ...(options.lookOf ? await lookOf(options.lookOf, report.subject.accountId, attempt) : {}),
  });

  return {
    kind: 'slack',
    editable: true,

    plannedRef: () => null,

    async findExisting(attempt: DeliveryAttempt): Promise<MessageRef | null> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      return findDeliveredMessage(client, attempt, historyPages, call);
    },

    async post(report: DeliverableReport, attempt: DeliveryAttempt): Promise<MessageRef> {
      const client: WebClient = await clients.clientFor(attempt.target.workspaceId);
      const metadata = deliveryMetadata(attempt.deliveryId, report);
      const sending = await fallback(client, report, attempt);
      const thread = report.kind === 'alert' ? attempt.thread : null;
      // An alert's firing is also broadcast to the channel; its clearing stays in the thread.
      const inThread = thread
        ? { thread_ts: thread.id, reply_broadcast: report.kind === 'alert' && report.notice.event === 'fire' }
        : {};
      const result = await call('chat.postMessage', () =>
        sendWithChartFallback(
          deliveryView(report),
          async (message) => {
            await attempt.beforeIrreversible();
            return client.chat.postMessage({
              channel: thread?.container ?? attempt.target.destination,
              text: message.text,
              ...(message.blocks.length > 0 ? { blocks: formJson(message.blocks) } : {}),
              metadata: formJson(metadata),
              unfurl_links: false,
              unfurl_media: false,
              ...inThread,
            } as ChatPostMessageArguments);
          },
          sending,
        ),
      );
      if (!result.ts) throw classifySlackError(new Error('chat.postMessage answered without a ts'), 'chat.postMessage');
      return { id: result.ts, container: result.channel ?? attempt.target.destination };
    },

    async update(report: DeliverableReport, attempt: DeliveryAttempt, ref: MessageRef): Promise<MessageRef> {
      const client = await clients.clientFor(attempt.target.workspaceId);
      const channel = ref.container ?? attempt.target.destination;
      const sending = await fallback(client, report, attempt);
      await call('chat.update', () =>
        sendWithChartFallback(
          deliveryView(report),
          (message) =>
            client.chat.update({
              channel,
              ts: ref.id,
              text: message.text,
              blocks: formJson(message.blocks),
              metadata: formJson(deliveryMetadata(attempt.deliveryId, report)),
            }),
          sending,
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
