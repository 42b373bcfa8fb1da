import { ChartKind, ChartSpec } from '../domain/report-model';
import { formatInstant } from './format';

/**
 * A Chart.js v4 configuration as plain data (no functions), so that it can be rendered locally or
 * serialised into a QuickChart URL. Structurally a `ChartConfiguration` of chart.js.
 */
export interface ChartJsDataset {
  label: string;
  data: number[];
  backgroundColor: string | string[];
  borderColor: string | string[];
  borderWidth: number;
  fill?: boolean;
  tension?: number;
  pointRadius?: number;
}

export interface ChartJsConfig {
  type: ChartKind;
  data: { labels: string[]; datasets: ChartJsDataset[] };
  options: {
    responsive: false;
    animation: false;
    layout: { padding: number };
    plugins: {
      title: { display: true; text: string };
      legend: { display: boolean; position: 'top' | 'right' | 'bottom' };
    };
    scales?: {
      x: { ticks: { autoSkip: boolean } };
      y: { beginAtZero: true; ticks: { precision: 0 } };
    };
  };
}

export interface ChartConfigOptions {
  /** Formats the hourly labels of `calls-over-time` in this zone; without it they stay ISO instants. */
  timeZone?: string;
}

/** Tableau 10: readable on white and distinguishable for most colour-blind readers. */
export const CHART_PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** call-status slices in the order report-builders emits them: successful, busy, no answer, error. */
const STATUS_COLORS: readonly string[] = ['#59a14f', '#edc948', '#bab0ac', '#e15759'];

function paletteColor(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length];
}

/** Labels as a reader should see them: hourly instants become "10-30 22:00" in the zone. */
export function chartLabels(spec: ChartSpec, timeZone?: string): string[] {
  if (spec.id !== 'calls-over-time' || !timeZone) return [...spec.labels];
  return spec.labels.map((iso) => formatInstant(iso, timeZone).slice(5, 16));
}

function sliceColors(spec: ChartSpec): string[] {
  if (spec.id === 'call-status') return spec.labels.map((_, i) => STATUS_COLORS[i] ?? paletteColor(i));
  return spec.labels.map((_, i) => paletteColor(i));
}

function dataset(spec: ChartSpec, index: number): ChartJsDataset {
  const series = spec.series[index];
  const data = [...series.values];
  if (spec.kind === 'doughnut') {
    return { label: series.label, data, backgroundColor: sliceColors(spec), borderColor: '#ffffff', borderWidth: 1 };
  }
  const color = paletteColor(index);
  if (spec.kind === 'line') {
    return {
      label: series.label,
      data,
      backgroundColor: color,
      borderColor: color,
      borderWidth: 2,
      fill: false,
      tension: 0.2,
      pointRadius: 2,
    };
  }
  return { label: series.label, data, backgroundColor: color, borderColor: color, borderWidth: 0 };
}

/** Pure and deterministic: the same spec always gives the same configuration. */
export function toChartJsConfig(spec: ChartSpec, options: ChartConfigOptions = {}): ChartJsConfig {
  const datasets = spec.series.map((_, index) => dataset(spec, index));
  const config: ChartJsConfig = {
    type: spec.kind,
    data: { labels: chartLabels(spec, options.timeZone), datasets },
    options: {
      responsive: false,
      animation: false,
      layout: { padding: 12 },
      plugins: {
        title: { display: true, text: spec.title },
        legend: {
          display: spec.kind === 'doughnut' || datasets.length > 1,
          position: spec.kind === 'doughnut' ? 'right' : 'bottom',
        },
      },
    },
  };
  if (spec.kind !== 'doughnut') {
    config.options.scales = {
      x: { ticks: { autoSkip: spec.kind === 'line' } },
      y: { beginAtZero: true, ticks: { precision: 0 } },
    };
  }
  return config;
}
