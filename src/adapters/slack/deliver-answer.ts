import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { SlackMessage } from '../../render/slack/block-kit';
import { AnswerView } from './answer-view';
import { chartImages, chartSourcesToTry } from './chart-images';
import { ResponseUrlError, ResponseUrlPayload, postToResponseUrl } from './response-url';

export interface DeliveryOptions {
  quickchartBaseUrl: string;
  quickchartPublic?: boolean;
  client: () => Promise<WebClient | null>;
  logger: Logger;
}

/** Every message we post: never unfurl our links (recordings, charts), and always a text fallback. */
export function messagePayload(message: SlackMessage, extra: ResponseUrlPayload = {}): ResponseUrlPayload {
  return { ...extra, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
}

/**
 * Posts an answer to a response_url. When Slack refuses the message (it could not fetch a chart image,
 * or did not like a block) the next way of showing the charts is tried, then text tables, then the bare
 * text: a report is never lost for a chart.
 */
export async function deliverToResponseUrl(
  responseUrl: string,
  view: AnswerView,
  extra: ResponseUrlPayload,
  options: DeliveryOptions,
): Promise<void> {
  const sources =
    view.charts.length > 0
      ? chartSourcesToTry(options.quickchartBaseUrl, options.quickchartPublic)
      : (['none'] as const);
  let lastMessage: SlackMessage | null = null;
  for (const source of sources) {
    const images = await chartImages(view.charts, source, { ...options, timeZone: view.timeZone, locale: view.locale });
    if (source !== 'none' && images.length === 0) continue;
    lastMessage = view.render(images);
    try {
      await postToResponseUrl(responseUrl, messagePayload(lastMessage, extra));
      return;
    } catch (error) {
      if (!(error instanceof ResponseUrlError) || error.gone || error.retryable) throw error;
      options.logger.warn({ error: error.error, source }, 'slack refused the answer; trying a plainer one');
    }
  }
  const text = (lastMessage ?? view.render([])).text;
  await postToResponseUrl(responseUrl, { ...extra, text, unfurl_links: false, unfurl_media: false });
}
