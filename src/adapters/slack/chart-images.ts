import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChartSpec } from '../../domain/report-model';
import { SlackChartImage } from '../../render/slack/parts';
import { buildQuickChartUrl } from '../charts/quickchart-url';
import { renderChartPng } from '../charts/render-chart-png';

export type ChartSource = 'quickchart' | 'upload' | 'none';

export interface ChartImageOptions {
  quickchartBaseUrl: string;
  timeZone: string;
  /** Numbers in the charts (the doughnut's legend) in this locale. */
  locale?: string;
  /** The client that uploads locally rendered PNGs; with none, charts that need one become text tables. */
  client: () => Promise<WebClient | null>;
  logger: Logger;
}

/** files.uploadV2 without a channel: the file is only referenced by image blocks (slack_file). */
async function uploadChartPng(client: WebClient, spec: ChartSpec, png: Buffer): Promise<string | null> {
  const result = (await client.filesUploadV2({
    file: png,
    filename: `${spec.id}.png`,
    title: spec.title,
    alt_text: spec.altText.slice(0, 1000),
  })) as {
    files?: { files?: { id?: string }[] }[];
  };
  return result.files?.[0]?.files?.[0]?.id ?? null;
}

/**
 * Images for the charts of a report, from `source`: QuickChart URLs (falling back to an upload for a chart
 * whose URL is too long or when QuickChart is off), uploads only, or none. A chart left without an image
 * is drawn by the renderer as a text table, so a chart never costs a report.
 */
export async function chartImages(
  specs: readonly ChartSpec[],
  source: ChartSource,
  options: ChartImageOptions,
): Promise<SlackChartImage[]> {
  if (source === 'none') return [];
  const images = await Promise.all(
    specs.map(async (spec): Promise<SlackChartImage | null> => {
      if (source === 'quickchart') {
        const url = buildQuickChartUrl(spec, options.quickchartBaseUrl, {
          timeZone: options.timeZone,
          locale: options.locale,
        });
        if (url) return { chartId: spec.id, imageUrl: url, altText: spec.altText };
      }
      try {
        const client = await options.client();
        if (!client) return null;
        const png = await renderChartPng(spec, { timeZone: options.timeZone, locale: options.locale });
        const fileId = await uploadChartPng(client, spec, png);
        return fileId ? { chartId: spec.id, slackFileId: fileId, altText: spec.altText } : null;
      } catch (err) {
        options.logger.warn({ err, chart: spec.id }, 'chart upload failed; a text table stands in');
        return null;
      }
    }),
  );
  return images.filter((image): image is SlackChartImage => image !== null);
}

/**
 * The order to try: a source that Slack refuses (cannot fetch the image, say) gives way to the next.
 * QuickChart only when it is on and Slack can reach it (QUICKCHART_PUBLIC); else the PNG is drawn here.
 */
export function chartSourcesToTry(quickchartBaseUrl: string, quickchartPublic = true): ChartSource[] {
  const reachable = quickchartPublic && quickchartBaseUrl.trim().toLowerCase() !== 'off';
  return reachable ? ['quickchart', 'upload', 'none'] : ['upload', 'none'];
}
