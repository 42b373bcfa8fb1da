import QuickChart from 'quickchart-js';
import type { ChartConfiguration } from 'chart.js';
import { ChartSpec } from '../../domain/report-model';
import { toChartJsConfig } from '../../render/chart-spec';
import { MAX_IMAGE_URL } from '../../render/slack/limits';
import { LruMemo } from './lru-memo';

export interface QuickChartUrlOptions {
  width?: number;
  height?: number;
  timeZone?: string;
  locale?: string;
  /** Longest URL to return; Slack's image_url limit by default. */
  maxLength?: number;
}

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 360;

/**
 * A GET URL that renders the chart on QuickChart (quickchart.io or a self-hosted server at any path).
 * Null when `baseUrl` is `off` or the URL would be longer than `maxLength`: the caller then renders
 * the chart locally or shows a text table.
 */
export function buildQuickChartUrl(
  spec: ChartSpec,
  baseUrl: string,
  options: QuickChartUrlOptions = {},
): string | null {
  if (baseUrl.trim().toLowerCase() === 'off') return null;
  const key = JSON.stringify([
    spec,
    baseUrl,
    options.width,
    options.height,
    options.timeZone,
    options.locale,
    options.maxLength,
  ]);
  const known = recentUrls.get(key);
  if (known !== undefined) return known;
  const url = quickChartUrlOf(spec, baseUrl, options);
  recentUrls.set(key, url);
  return url;
}

/**
 * URLs made a moment ago, by everything they are made from: the same overview asked again, its edits, its
 * Slack and Teams copies. Making one (Chart.js config, serialized and encoded) cost 0.06 ms a chart.
 */
const recentUrls = new LruMemo<string | null>({ maxEntries: 500 });

/** buildQuickChartUrl made anew (the tests compare the remembered URLs with it). */
export function quickChartUrlOf(spec: ChartSpec, baseUrl: string, options: QuickChartUrlOptions = {}): string | null {
  const base = parseBaseUrl(baseUrl);
  const chart = new QuickChart()
    .setScheme(base.scheme)
    .setHost(base.host)
    .setVersion('4')
    .setWidth(options.width ?? CHART_WIDTH)
    .setHeight(options.height ?? CHART_HEIGHT)
    .setBackgroundColor('#ffffff')
    .setFormat('png')
    .setConfig(
      toChartJsConfig(spec, { timeZone: options.timeZone, locale: options.locale }) as unknown as ChartConfiguration,
    );
  const url = chart.getUrl();
  return url.length <= (options.maxLength ?? MAX_IMAGE_URL) ? url : null;
}

/** QuickChart joins `${scheme}://${host}/chart`, so a self-hosted path prefix rides along in `host`. */
function parseBaseUrl(baseUrl: string): { scheme: string; host: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RangeError(`QUICKCHART_BASE_URL must be an http(s) URL or "off", not "${baseUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`QUICKCHART_BASE_URL must be an http(s) URL or "off", not "${baseUrl}"`);
  }
  return { scheme: url.protocol.slice(0, -1), host: `${url.host}${url.pathname.replace(/\/+$/, '')}` };
}
