import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChartSpec } from '../../domain/report-model';
import { SlackMessage } from '../../render/slack/block-kit';
import { SlackChartImage } from '../../render/slack/parts';
import { chartImages, chartSourcesToTry } from './chart-images';
import { slackErrorDetails, slackErrorMeaning, slackPlatformError } from './slack-errors';

/** A message ready to send once its charts have images (or not: the renderer then draws text tables). */
export interface ChartedView {
  charts: readonly ChartSpec[];
  timeZone: string;
  /** The report's locale: the words and numbers drawn into chart images. */
  locale?: string;
  render(images: readonly SlackChartImage[]): SlackMessage;
}

export interface ChartFallbackOptions {
  quickchartBaseUrl: string;
  /** False: Slack cannot reach that QuickChart (QUICKCHART_PUBLIC=false); charts are drawn here and uploaded. */
  quickchartPublic?: boolean;
  /** The client that uploads locally drawn charts; with none, such charts become text tables. */
  client: () => Promise<WebClient | null>;
  logger: Logger;
}

/**
 * Sends a message with its charts from the first source that works: QuickChart URLs (when Slack can
 * reach QuickChart), PNGs drawn here and uploaded (shown through `slack_file`), text tables. When Slack
 * says the blocks are invalid the next source is tried, and last the text alone (`blocks: []`); each
 * attempt is one message (never two). The one fallback chain of answers, deliveries and edits.
 */
export async function sendWithChartFallback<T>(
  view: ChartedView,
  send: (message: SlackMessage) => Promise<T>,
  options: ChartFallbackOptions,
): Promise<T> {
  const sources =
    view.charts.length > 0
      ? chartSourcesToTry(options.quickchartBaseUrl, options.quickchartPublic)
      : (['none'] as const);
  let message: SlackMessage | null = null;
  for (const source of sources) {
    const images = await chartImages(view.charts, source, { ...options, timeZone: view.timeZone, locale: view.locale });
    if (source !== 'none' && images.length === 0) continue;
    message = view.render(images);
    try {
      return await send(message);
    } catch (error) {
      if (slackErrorMeaning(slackPlatformError(error)).blocks !== 'refused') throw error;
      options.logger.warn(
        { errors: slackErrorDetails(error), source },
        'Slack refused the blocks; trying a plainer message',
      );
    }
  }
  return send({ text: (message ?? view.render([])).text, blocks: [] });
}
