import { ChartSpec } from '../../domain/report-model';
import { ChartImage, MAX_CARD_BYTES } from '../../render/teams/card';
import { buildQuickChartUrl } from '../charts/quickchart-url';
import { cachedChartPng } from '../charts/cached-chart-png';
import { inlineChartUri } from './inline-chart';

export interface ChartImageSettings {
  /** QUICKCHART_BASE_URL, or 'off' to draw every chart here. */
  quickchartBaseUrl: string;
  /** False: Teams cannot reach that QuickChart (QUICKCHART_PUBLIC=false); every chart is drawn here. */
  quickchartPublic?: boolean;
  timeZone: string;
  locale?: string;
}

/** Inline charts are smaller than QuickChart's: the whole card must stay under 28 KB. */
export const INLINE_CHART_WIDTH = 400;
export const INLINE_CHART_HEIGHT = 240;
/**
 * What a card's text, facts, tables (with their fallbacks) and actions take before its inline charts (the
 * sample campaign: ~10 KB).
 */
const CARD_TEXT_RESERVE_BYTES = 11 * 1024;

/**
 * The charts as Teams shows them: the QuickChart URL when there is one, else the chart drawn here
 * (cachedChartPng) as a data: URI, each within its share of the card's 28 KB.
 */
export async function chartImagesFor(specs: readonly ChartSpec[], settings: ChartImageSettings): Promise<ChartImage[]> {
  const budgetChars = Math.floor((MAX_CARD_BYTES - CARD_TEXT_RESERVE_BYTES) / Math.max(1, specs.length));
  return Promise.all(
    specs.map(async (spec) => {
      const url =
        settings.quickchartPublic === false
          ? null
          : buildQuickChartUrl(spec, settings.quickchartBaseUrl, {
              timeZone: settings.timeZone,
              locale: settings.locale,
            });
      if (url) return { chartId: spec.id, url, altText: spec.altText };
      const png = await cachedChartPng(spec, {
        timeZone: settings.timeZone,
        locale: settings.locale,
        width: INLINE_CHART_WIDTH,
        height: INLINE_CHART_HEIGHT,
      });
      return { chartId: spec.id, url: await inlineChartUri(png, budgetChars), altText: spec.altText };
    }),
  );
}
