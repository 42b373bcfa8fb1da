import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChartSpec } from '../../domain/report-model';
import { Block, SlackMessage } from '../../render/slack/block-kit';
import { PLAIN_SLACK_LOOK, SlackLook, usesNewerBlocks } from '../../render/slack/look';
import { SlackChartImage } from '../../render/slack/parts';
import { ChartSource, chartImages, chartSourcesToTry } from './chart-images';
import { slackErrorDetails, slackErrorMeaning, slackPlatformError } from './slack-errors';
import { UploadedCharts, uploadedCharts } from './uploaded-charts';

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
  /** Charts uploaded earlier, shown again instead of uploaded again; the process's own without. */
  uploads?: UploadedCharts;
}

const NEWER_BLOCKS: ReadonlySet<Block['type']> = new Set(['table', 'data_table', 'data_visualization']);

/**
 * Whether Slack refused the message for its newer blocks: 'yes' when its `errors` point at one
 * (`… [json-pointer:/blocks/3]`), 'no' when they point only at others, 'unknown' when they point nowhere.
 */
function refusedNewerBlocks(error: unknown, message: SlackMessage): 'yes' | 'no' | 'unknown' {
  const pointed = slackErrorDetails(error).flatMap((detail) =>
    [...detail.matchAll(/\/blocks\/(\d+)/g)].map((match) => Number(match[1])),
  );
  if (pointed.length === 0) return 'unknown';
  return pointed.some((index) => NEWER_BLOCKS.has(message.blocks[index]?.type as Block['type'])) ? 'yes' : 'no';
}

/** Whether Slack's details blame the files of image blocks (`invalid slack_file: F…`, or their ids). */
function refusedFiles(errors: readonly string[], fileIds: readonly string[]): boolean {
  return errors.some((detail) => /slack_file/i.test(detail) || fileIds.some((id) => detail.includes(id)));
}

/**
 * Sends a message, the one fallback chain of answers, deliveries and edits. Slack's own charts need no
 * image; else charts come from the first source that works: QuickChart URLs (when Slack can reach
 * QuickChart), PNGs drawn here and uploaded (shown through `slack_file`), text tables; last the text alone
 * (`blocks: []`). Each attempt is one message (never two). When Slack refuses the newer blocks (tables, its
 * own charts) — its errors point at one, or the same message without them passes where it failed with
 * them — the workspace is remembered and gets images and text tables from then on. A refused message that
 * showed charts uploaded for earlier messages (Slack may have lost those files) is tried once more with
 * the charts uploaded anew, before any plainer message.
 */
export async function sendWithChartFallback<T>(
  view: ChartedView,
  send: (message: SlackMessage) => Promise<T>,
  options: ChartFallbackOptions,
): Promise<T> {
  let look = options.look ?? PLAIN_SLACK_LOOK;
  const sources: readonly ChartSource[] =
    view.charts.length > 0 ? chartSourcesToTry(options.quickchartBaseUrl, options.quickchartPublic) : ['none'];
  const remember = async (errors: readonly string[]) => {
    options.logger.warn({ errors }, 'Slack refused its newer blocks here; images and text tables from now on');
    await options.rememberRefusal?.(errors.join('; ') || 'invalid_blocks').catch((err: unknown) => {
      options.logger.warn({ err }, 'could not record that the workspace refused the newer blocks');
    });
  };
  let message: SlackMessage | null = null;
  let unexplained: string[] | null = null; // the refusal the plain retry is testing
  let uploadedAnew = false;
  for (let next = 0; next < sources.length;) {
    const source = look.charts === 'native' ? 'none' : sources[next];
    const { images, reusedFileIds } = await chartImages(view.charts, source, {
      ...options,
      timeZone: view.timeZone,
      locale: view.locale,
    });
    if (look.charts !== 'native' && source !== 'none' && images.length === 0) {
      next += 1;
      continue;
    }
    message = view.render(images, look);
    try {
      const sent = await send(message);
      if (unexplained) await remember(unexplained);
      return sent;
    } catch (error) {
      if (slackErrorMeaning(slackPlatformError(error)).blocks !== 'refused') throw error;
      const errors = slackErrorDetails(error);
      const newer = usesNewerBlocks(look) ? refusedNewerBlocks(error, message) : 'no';
      unexplained = null;
      if (newer === 'yes') {
        await remember(errors);
        look = PLAIN_SLACK_LOOK;
        continue;
      }
      if (reusedFileIds.length > 0) {
        // Whatever the reason, those files are not shown again from the cache; when Slack says it was the
        // files (deleted since, say), the same message goes once more with them uploaded anew.
        (options.uploads ?? uploadedCharts).forget(reusedFileIds);
        if (!uploadedAnew && refusedFiles(errors, reusedFileIds)) {
          options.logger.warn({ errors, reusedFileIds }, 'Slack refused charts uploaded earlier; uploading them anew');
          uploadedAnew = true;
          continue;
        }
      }
      options.logger.warn({ errors, source, look }, 'Slack refused the blocks; trying a plainer message');
      const drewNative = message.blocks.some((block) => block.type === 'data_visualization');
      if (look.charts === 'native' && drewNative) look = { ...look, charts: 'images' };
      else if (newer === 'unknown' && next === sources.length - 1) {
        unexplained = errors; // the last rich attempt: the same without the newer blocks says whether they were why
        look = PLAIN_SLACK_LOOK;
      } else next += 1;
    }
  }
  return send({ text: (message ?? view.render([], PLAIN_SLACK_LOOK)).text, blocks: [] });
}
