import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChartSpec } from '../../domain/report-model';
import { Block, SlackMessage } from '../../render/slack/block-kit';
import { PLAIN_SLACK_LOOK, SlackLook, usesNewerBlocks } from '../../render/slack/look';
import { SlackChartImage } from '../../render/slack/parts';
import { ChartSource, chartImages, chartSourcesToTry } from './chart-images';
import { slackErrorDetails, slackErrorMeaning, slackPlatformError } from './slack-errors';

/** A message ready to send once its charts have images (or not: the renderer then draws text tables). */
export interface ChartedView {
  charts: readonly ChartSpec[];
  timeZone: string;
  /** The report's locale: the words and numbers drawn into chart images. */
  locale?: string;
  /** Without a look: images and text tables, what every workspace shows. */
  render(images: readonly SlackChartImage[], look?: SlackLook): SlackMessage;
}

export interface ChartFallbackOptions {
  quickchartBaseUrl: string;
  /** False: Slack cannot reach that QuickChart (QUICKCHART_PUBLIC=false); charts are drawn here and uploaded. */
  quickchartPublic?: boolean;
  /** The client that uploads locally drawn charts; with none, such charts become text tables. */
  client: () => Promise<WebClient | null>;
  logger: Logger;
  /** Slack's own tables and charts where the workspace takes them; images and text without. */
  look?: SlackLook;
  /** Called once when Slack refuses the newer blocks, so that the workspace gets images and text from then on. */
  rememberRefusal?: (reason: string) => Promise<void>;
}

const NEWER_BLOCKS: ReadonlySet<Block['type']> = new Set(['table', 'data_table', 'data_visualization']);

/**
 * Whether Slack refused the message for its newer blocks: its `errors` point at one (`[json-pointer:/blocks/3]`),
 * or say nothing about which block while the message has some.
 */
function refusedNewerBlocks(error: unknown, message: SlackMessage): boolean {
  const pointed = slackErrorDetails(error).flatMap((detail) =>
    [...detail.matchAll(/\/blocks\/(\d+)/g)].map((match) => Number(match[1])),
  );
  if (pointed.length === 0) return message.blocks.some((block) => NEWER_BLOCKS.has(block.type));
  return pointed.some((index) => NEWER_BLOCKS.has(message.blocks[index]?.type as Block['type']));
}

/**
 * Sends a message, the one fallback chain of answers, deliveries and edits. Slack's own charts need no
 * image; else charts come from the first source that works: QuickChart URLs (when Slack can reach
 * QuickChart), PNGs drawn here and uploaded (shown through `slack_file`), text tables. When Slack refuses
 * the newer blocks (tables, its own charts) the same message goes again with images and text tables, and
 * the workspace is remembered; when it refuses anything else the next source is tried, and last the text
 * alone (`blocks: []`). Each attempt is one message (never two).
 */
export async function sendWithChartFallback<T>(
  view: ChartedView,
  send: (message: SlackMessage) => Promise<T>,
  options: ChartFallbackOptions,
): Promise<T> {
  let look = options.look ?? PLAIN_SLACK_LOOK;
  const sources: readonly ChartSource[] =
    view.charts.length > 0 ? chartSourcesToTry(options.quickchartBaseUrl, options.quickchartPublic) : ['none'];
  let message: SlackMessage | null = null;
  for (let next = 0; next < sources.length;) {
    const source = look.charts === 'native' ? 'none' : sources[next];
    const images = await chartImages(view.charts, source, { ...options, timeZone: view.timeZone, locale: view.locale });
    if (look.charts !== 'native' && source !== 'none' && images.length === 0) {
      next += 1;
      continue;
    }
    message = view.render(images, look);
    try {
      return await send(message);
    } catch (error) {
      if (slackErrorMeaning(slackPlatformError(error)).blocks !== 'refused') throw error;
      const errors = slackErrorDetails(error);
      if (usesNewerBlocks(look) && refusedNewerBlocks(error, message)) {
        options.logger.warn(
          { errors, look },
          'Slack refused its newer blocks here; images and text tables from now on',
        );
        await options.rememberRefusal?.(errors.join('; ') || 'invalid_blocks').catch((err: unknown) => {
          options.logger.warn({ err }, 'could not record that the workspace refused the newer blocks');
        });
        look = PLAIN_SLACK_LOOK;
        continue;
      }
      options.logger.warn({ errors, source }, 'Slack refused the blocks; trying a plainer message');
      if (look.charts === 'native') look = { ...look, charts: 'images' };
      else next += 1;
    }
  }
  return send({ text: (message ?? view.render([], PLAIN_SLACK_LOOK)).text, blocks: [] });
}
