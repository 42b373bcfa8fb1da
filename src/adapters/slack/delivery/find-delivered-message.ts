import { WebClient } from '@slack/web-api';
import { DeliveryAttempt, MessageRef } from '../../../domain/delivery';
import { DELIVERY_EVENT_TYPE } from './slack-report-message';

const HISTORY_PAGE = 200;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The message a crashed attempt already posted, found by the delivery id in its metadata: newest first,
 * at most `pages` pages of history (the message of a crashed attempt is among the latest). No `oldest`
 * bound: a ts is Slack's clock, not ours. An alert's reply is looked for in its campaign's thread first.
 */
export async function findDeliveredMessage(
  client: WebClient,
  attempt: DeliveryAttempt,
  pages: number,
  call: <T>(action: string, run: () => Promise<T>) => Promise<T>,
): Promise<MessageRef | null> {
  if (attempt.thread) {
    // An alert in a campaign's thread: a reply that was not broadcast is only in the thread.
    const thread = attempt.thread;
    const channel = thread.container ?? attempt.target.destination;
    const replies = await call('conversations.replies', () =>
      client.conversations.replies({ channel, ts: thread.id, include_all_metadata: true, limit: 1000 }),
    );
    const found = ((replies.messages ?? []) as HistoryMessage[]).find(
      (message) =>
        message.metadata?.event_type === DELIVERY_EVENT_TYPE &&
        message.metadata.event_payload?.delivery_id === attempt.deliveryId,
    );
    if (found?.ts) return { id: found.ts, container: channel };
    // Not in the thread: it may have gone out on its own before the campaign had a message here.
  }
  let cursor: string | undefined;
  for (let page = 0; page < pages; page += 1) {
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
}
