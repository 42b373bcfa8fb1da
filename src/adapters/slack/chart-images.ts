import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { ChartSpec } from '../../domain/report-model';
import { SlackChartImage } from '../../render/slack/parts';
import { buildQuickChartUrl } from '../charts/quickchart-url';
import { cachedChartPng } from '../charts/cached-chart-png';
import { UploadedCharts, uploadedCharts } from './uploaded-charts';

export type ChartSource = 'quickchart' | 'upload' | 'none';

export interface ChartImageOptions {
  quickchartBaseUrl: string;
  timeZone: string;
  /** Numbers in the charts (the doughnut's legend) in this locale. */
  locale?: string;
  /** The client that uploads locally rendered PNGs; with none, charts that need one become text tables. */
  client: () => Promise<WebClient | null>;
  logger: Logger;
  /** Charts uploaded earlier, shown again instead of uploaded again; the process's own without. */
  uploads?: UploadedCharts;
}

export interface ChartImages {
  images: SlackChartImage[];
  /** The images' Slack files that were uploaded before this message, not for it. */
  reusedFileIds: string[];
}

/** files.uploadV2 without a channel: the file is only referenced by image blocks (slack_file). */
async function uploadChartPng(client: WebClient, spec: ChartSpec, png: Buffer): Promise<string> {
  const result = (await client.filesUploadV2({
    file: png,
    filename: `${spec.id}.png`,
    title: spec.title,
    alt_text: spec.altText.slice(0, 1000),
  })) as {
    files?: { files?: { id?: string }[] }[];
  };
  const fileId = result.files?.[0]?.files?.[0]?.id;
  if (!fileId) throw new Error('files.uploadV2 answered without a file id');
  return fileId;
}

/**
 * Images for the charts of a report, from `source`: QuickChart URLs (falling back to an upload for a chart
 * whose URL is too long or when QuickChart is off), uploads only, or none. A chart left without an image
 * is drawn by the renderer as a text table, so a chart never costs a report. A chart drawn or uploaded
 * a moment ago is neither drawn nor uploaded again.
 */
export async function chartImages(
  specs: readonly ChartSpec[],
  source: ChartSource,
  options: ChartImageOptions,
): Promise<ChartImages> {
  if (source === 'none') return { images: [], reusedFileIds: [] };
  const uploads = options.uploads ?? uploadedCharts;
  const reusedFileIds: string[] = [];
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
        const png = await cachedChartPng(spec, { timeZone: options.timeZone, locale: options.locale });
        const upload = () => uploadChartPng(client, spec, png);
        const { fileId, reused } = client.token
          ? await uploads.fileFor(client.token, png, upload)
          : { fileId: await upload(), reused: false };
        if (reused) reusedFileIds.push(fileId);
        return { chartId: spec.id, slackFileId: fileId, altText: spec.altText };
      } catch (err) {
        options.logger.warn({ err, chart: spec.id }, 'chart upload failed; a text table stands in');
        return null;
      }
    }),
  );
  return { images: images.filter((image): image is SlackChartImage => image !== null), reusedFileIds };
}

/**
 * The order to try: a source that Slack refuses (cannot fetch the image, say) gives way to the next.
 * QuickChart only when it is on and Slack can reach it (QUICKCHART_PUBLIC); else the PNG is drawn here.
 */
export function chartSourcesToTry(quickchartBaseUrl: string, quickchartPublic = true): ChartSource[] {
  const reachable = quickchartPublic && quickchartBaseUrl.trim().toLowerCase() !== 'off';
  return reachable ? ['quickchart', 'upload', 'none'] : ['upload', 'none'];
}
