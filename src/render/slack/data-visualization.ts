import { groupSmallest } from '../group-smallest';
import { ELLIPSIS } from './limits';

/**
 * Slack's own charts: the `data_visualization` block (docs.slack.dev/reference/block-kit/blocks/
 * data-visualization-block), which @slack/types 3.2.0 does not have. Written once here; the builders keep
 * every limit, so a report never sends a chart Slack refuses.
 */
/** A message holds at most two data_visualization blocks. */
export const MAX_DATA_VISUALIZATIONS = 2;
/** The title shown above the chart. */
export const MAX_CHART_TITLE = 50;
/** A pie's slices. */
export const MAX_PIE_SEGMENTS = 6;
/** A bar chart's series (bars per category). */
export const MAX_BAR_SERIES = 6;
/** A bar chart's categories: the data points of each series. */
export const MAX_BAR_CATEGORIES = 20;
/** A segment's label, a category, a series' name. */
export const MAX_CHART_LABEL = 20;
/** The x and y axis titles. */
export const MAX_AXIS_TITLE = 50;

export interface PieSegment {
  label: string;
  value: number;
}

export interface DataPoint {
  label: string;
  value: number;
}

export interface DataSeries {
  name: string;
  data: DataPoint[];
}

export interface PieChart {
  type: 'pie';
  segments: PieSegment[];
}

export interface BarChart {
  type: 'bar';
  series: DataSeries[];
  axis_config: { categories: string[]; x_label?: string; y_label?: string };
}

export interface DataVisualizationBlock {
  type: 'data_visualization';
  title: string;
  chart: PieChart | BarChart;
}

/** Cut to `max` characters (code points, so no half emoji), ending with an ellipsis. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

/** Labels cut to the limit and kept apart: two that cut to the same text get a number ("Campaign …~2"). */
function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((raw) => {
    let label = cut(raw, MAX_CHART_LABEL) || '–';
    for (let n = 2; seen.has(label); n += 1) label = `${cut(raw, MAX_CHART_LABEL - `~${n}`.length)}~${n}`;
    seen.add(label);
    return label;
  });
}

/** A pie of positive values; slices beyond MAX_PIE_SEGMENTS become one `otherLabel` slice. Null with nothing to show. */
export function pieChartBlock(
  title: string,
  segments: readonly PieSegment[],
  otherLabel: string,
): DataVisualizationBlock | null {
  const positive = segments.filter((segment) => Number.isFinite(segment.value) && segment.value > 0);
  if (positive.length === 0) return null;
  const grouped = groupSmallest(
    positive,
    MAX_PIE_SEGMENTS,
    (s) => s.value,
    (rest) => ({
      label: otherLabel,
      value: rest.reduce((sum, s) => sum + s.value, 0),
    }),
  );
  const labels = distinctLabels(grouped.map((segment) => segment.label));
  return {
    type: 'data_visualization',
    title: cut(title, MAX_CHART_TITLE),
    chart: { type: 'pie', segments: grouped.map((segment, i) => ({ label: labels[i], value: segment.value })) },
  };
}

export interface BarChartInput {
  title: string;
  categories: readonly string[];
  /** Each series has one value per category. */
  series: readonly { name: string; values: readonly number[] }[];
  /** The category that sums the categories beyond MAX_BAR_CATEGORIES (ranked by the first series). */
  otherLabel: string;
  xLabel?: string;
  yLabel?: string;
}

/** Bars per category; the smallest categories beyond the limit are summed as "other", series beyond the limit left out. */
export function barChartBlock(input: BarChartInput): DataVisualizationBlock | null {
  const series = input.series.slice(0, MAX_BAR_SERIES);
  if (input.categories.length === 0 || series.length === 0) return null;
  const columns = input.categories.map((label, index) => ({
    label,
    values: series.map((s) => (Number.isFinite(s.values[index]) ? s.values[index] : 0)),
  }));
  const grouped = groupSmallest(
    columns,
    MAX_BAR_CATEGORIES,
    (c) => c.values[0] ?? 0,
    (rest) => ({
      label: input.otherLabel,
      values: series.map((_, i) => rest.reduce((sum, c) => sum + (c.values[i] ?? 0), 0)),
    }),
  );
  const categories = distinctLabels(grouped.map((c) => c.label));
  const names = distinctLabels(series.map((s) => s.name));
  return {
    type: 'data_visualization',
    title: cut(input.title, MAX_CHART_TITLE),
    chart: {
      type: 'bar',
      series: series.map((_, i) => ({
        name: names[i],
        data: grouped.map((c, j) => ({ label: categories[j], value: c.values[i] })),
      })),
      axis_config: {
        categories,
        ...(input.xLabel ? { x_label: cut(input.xLabel, MAX_AXIS_TITLE) } : {}),
        ...(input.yLabel ? { y_label: cut(input.yLabel, MAX_AXIS_TITLE) } : {}),
      },
    },
  };
}
