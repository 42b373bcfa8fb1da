import { createHash } from 'node:crypto';
import { ChartSpec } from '../../domain/report-model';
import { canonicalJson } from './canonical-json';
import { LruMemo } from './lru-memo';
import { CHART_HEIGHT, CHART_WIDTH } from './quickchart-url';
import { ChartPngOptions, renderChartPng } from './render-chart-png';

/** Charts of 20–60 KB: some hundreds of recent charts. */
export const DRAWN_CHARTS_MAX_BYTES = 32 * 1024 * 1024;
export const DRAWN_CHARTS_MAX_ENTRIES = 1000;

/** Drawn charts by what they were drawn from; the PNGs are shared, so no caller may write into one. */
export const drawnCharts = new LruMemo<Buffer>({
  maxEntries: DRAWN_CHARTS_MAX_ENTRIES,
  maxBytes: DRAWN_CHARTS_MAX_BYTES,
  sizeOf: (png) => png.length,
});

/** What a chart's PNG is a function of, as a sha256. */
export function chartPngKey(spec: ChartSpec, options: ChartPngOptions = {}): string {
  const inputs = {
    spec,
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? CHART_HEIGHT,
    timeZone: options.timeZone ?? null,
    locale: options.locale ?? null,
  };
  return createHash('sha256').update(canonicalJson(inputs)).digest('hex');
}

/**
 * renderChartPng, drawn once for the same inputs: the same campaign overview asked by many people, a report
 * and its edits, the Slack, Teams and email copies of one report.
 */
export function cachedChartPng(spec: ChartSpec, options: ChartPngOptions = {}): Promise<Buffer> {
  return drawnCharts.memo(chartPngKey(spec, options), () => renderChartPng(spec, options));
}
