import { ChartSpec } from '../../domain/report-model';
import { ChartImage } from '../../render/adaptive-card';
import { buildQuickChartUrl } from '../charts/quickchart-url';
import { renderChartPng } from '../charts/render-chart-png';

export interface ChartImageSettings {
  /** QUICKCHART_BASE_URL, or 'off' to draw every chart here. */
  quickchartBaseUrl: string;
  timeZone: string;
}

/**
 * Inline charts are smaller than the QuickChart ones: a card holds at most 28 KB, and the renderer
 * drops a data: image (keeping its alt text) before it drops any row.
 */
export const INLINE_CHART_WIDTH = 480;
export const INLINE_CHART_HEIGHT = 288;

/** A chart as Teams shows it: the QuickChart URL when there is one, else the PNG drawn here as a data: URI. */
export async function chartImageFor(spec: ChartSpec, settings: ChartImageSettings): Promise<ChartImage> {
  const url = quickChartUrl(spec, settings);
  if (url) return { chartId: spec.id, url, altText: spec.altText };
  const png = await renderChartPng(spec, { timeZone: settings.timeZone, width: INLINE_CHART_WIDTH, height: INLINE_CHART_HEIGHT });
  return { chartId: spec.id, url: `data:image/png;base64,${png.toString('base64')}`, altText: spec.altText };
}

/** A QUICKCHART_BASE_URL that is not a URL draws locally rather than failing every report. */
function quickChartUrl(spec: ChartSpec, settings: ChartImageSettings): string | null {
  try {
    return buildQuickChartUrl(spec, settings.quickchartBaseUrl, { timeZone: settings.timeZone });
  } catch {
    return null;
  }
}

export function chartImagesFor(specs: readonly ChartSpec[], settings: ChartImageSettings): Promise<ChartImage[]> {
  return Promise.all(specs.map((spec) => chartImageFor(spec, settings)));
}
