import { SlackMessage } from '../../render/slack/block-kit';
import { AnswerView } from './answer-view';
import { ResponseUrlPayload, postToResponseUrl } from './response-url';
import { ChartFallbackOptions, sendWithChartFallback } from './send-with-chart-fallback';

export type DeliveryOptions = ChartFallbackOptions;

/** Every message we post: never unfurl our links (recordings, charts), and always a text fallback. */
export function messagePayload(message: SlackMessage, extra: ResponseUrlPayload = {}): ResponseUrlPayload {
  return {
    ...extra,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Posts an answer to a response_url, through the one chart fallback chain: a report is never lost for a chart. */
export async function deliverToResponseUrl(
  responseUrl: string,
  view: AnswerView,
  extra: ResponseUrlPayload,
  options: DeliveryOptions,
): Promise<void> {
  await sendWithChartFallback(
    view,
    (message) => postToResponseUrl(responseUrl, messagePayload(message, extra)),
    options,
  );
}
