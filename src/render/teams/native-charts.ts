import { ChartSpec } from '../../domain/report-model';
import { groupSmallest } from '../group-smallest';
import { Messages } from '../i18n/messages';
import { singleLine, truncate } from '../report-figures';
import { CardElement, ChartImage, chartElement } from './card';

/**
 * Teams draws `Chart.Donut` and `Chart.VerticalBar` itself (desktop and web); a client that cannot (Teams
 * mobile, older hosts, Microsoft's own `adaptivecards` library) shows the element's `fallback` instead:
 * today's chart image, or its caption when the image is left out. Charts read their labels as plain text.
 */

/** Bars beyond this many are summed into one "Other" bar: a chart of 2,500 codes says nothing. */
export const MAX_BARS = 10;
const LABEL_MAX_CHARS = 40;

const STATUS_COLORS = ['good', 'warning', 'neutral', 'attention'] as const;

interface Bar {
  x: string;
  y: number;
}

/** The largest MAX_BARS - 1 in their order, then "Other" for the rest, when there are more than MAX_BARS. */
export function barsOf(labels: readonly string[], values: readonly number[], other: string): Bar[] {
  const bars = labels.map((label, i) => ({ x: truncate(singleLine(label), LABEL_MAX_CHARS), y: values[i] ?? 0 }));
  return groupSmallest(
    bars,
    MAX_BARS,
    (bar) => bar.y,
    (rest) => ({ x: other, y: rest.reduce((sum, bar) => sum + bar.y, 0) }),
  );
}

function nativeChart(spec: ChartSpec, m: Messages): CardElement | null {
  const values = spec.series[0]?.values ?? [];
  switch (spec.id) {
    case 'call-status':
      return {
        type: 'Chart.Donut',
        data: spec.labels.map((label, i) => ({
          legend: label,
          value: values[i] ?? 0,
          color: STATUS_COLORS[i] ?? 'neutral',
        })),
      };
    case 'result-codes':
      return {
        type: 'Chart.VerticalBar',
        xAxisTitle: m.t('chart.axis.resultCode'),
        yAxisTitle: m.t('chart.axis.calls'),
        showBarValues: true,
        color: 'categoricalBlue',
        data: barsOf(spec.labels, values, m.t('chart.other')),
      };
    case 'usage-per-bot':
      return {
        type: 'Chart.VerticalBar',
        xAxisTitle: m.t('chart.axis.voicebot'),
        yAxisTitle: m.t('chart.axis.calls'),
        showBarValues: true,
        color: 'categoricalBlue',
        data: barsOf(spec.labels, values, m.t('chart.other')),
      };
    default:
      return null;
  }
}

/**
 * A chart as Teams draws it, its title above; `fallback` is what chartElement gives today (the image, or
 * the caption when the image is not included). Charts Teams cannot draw natively stay images.
 */
export function teamsChartElements(
  image: ChartImage,
  chart: ChartSpec | undefined,
  included: boolean,
  m: Messages,
): CardElement[] {
  const today = chartElement(image, chart, included);
  const native = chart ? nativeChart(chart, m) : null;
  if (!native) return today;
  const [caption, fallback] = today.length === 2 ? today : [undefined, today[0]];
  return [...(caption ? [caption] : []), { ...native, fallback }];
}
