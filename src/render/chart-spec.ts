import { ChartKind, ChartSpec } from '../domain/report-model';
import { formatInstant, formatInteger, formatPercent } from './format';

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
  /** Which value axis (bar and line charts): every unit has its own. */
  yAxisID?: 'y' | 'y1';
}

interface AxisTitle {
  display: true;
  text: string;
}

interface ValueAxis {
  beginAtZero: true;
  ticks: { precision: 0 };
  title: AxisTitle;
  position?: 'left' | 'right';
  grid?: { drawOnChartArea: false };
}

export interface ChartJsConfig {
  type: ChartKind;
  data: { labels: string[]; datasets: ChartJsDataset[] };
  options: {
    responsive: false;
    animation: false;
    layout: { padding: number };
    plugins: {
      /** Off: every surface shows the title as text above the image, so the image does not repeat it. */
      title: { display: false };
      legend: { display: boolean; position: 'top' | 'right' | 'bottom' };
      /**
       * chartjs-plugin-datalabels (QuickChart has it; render-chart-png draws the same labels itself):
       * the count on each slice of a doughnut.
       */
      datalabels: { display: boolean; color: string; font: { weight: 'bold'; size: number } };
    };
    scales?: {
      x: { ticks: { autoSkip: boolean }; title: AxisTitle };
      y: ValueAxis;
      y1?: ValueAxis;
    };
  };
}

export interface ChartConfigOptions {
  /** Formats the hourly labels of `calls-over-time` in this zone; without it they stay ISO instants. */
  timeZone?: string;
  /** Numbers in the doughnut's legend ("Successful: 18 (41.9%)"); en-US unless given. */
  locale?: string;
}

/** What the horizontal axis of each bar or line chart counts along. */
function xAxisTitle(spec: ChartSpec, timeZone: string | undefined): string {
  if (spec.id === 'calls-over-time') return timeZone ? `Hour started (${timeZone})` : 'Hour started (UTC)';
  if (spec.id === 'usage-per-bot') return 'Voicebot';
  return 'Result code';
}

const VALUE_AXIS_TITLES = { calls: 'Calls', blocks: 'Blocks (billing units)' } as const;

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

/** A doughnut's legend says what each slice holds: "Successful: 18 (41.9%)". */
function sliceLabels(spec: ChartSpec, locale: string): string[] {
  const values = spec.series[0]?.values ?? [];
  const total = values.reduce((sum, value) => sum + value, 0);
  return spec.labels.map((label, i) => {
    const value = values[i] ?? 0;
    return `${label}: ${formatInteger(value, locale)} (${formatPercent(total === 0 ? null : value / total, locale)})`;
  });
}

const hasBlocks = (spec: ChartSpec) => spec.series.some((series) => series.unit === 'blocks');

function dataset(spec: ChartSpec, index: number): ChartJsDataset {
  const series = spec.series[index];
  const data = [...series.values];
  if (spec.kind === 'doughnut') {
    return { label: series.label, data, backgroundColor: sliceColors(spec), borderColor: '#ffffff', borderWidth: 1 };
  }
  const color = paletteColor(index);
  const axis = hasBlocks(spec) ? { yAxisID: series.unit === 'blocks' ? ('y1' as const) : ('y' as const) } : {};
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
      ...axis,
    };
  }
  return { label: series.label, data, backgroundColor: color, borderColor: color, borderWidth: 0, ...axis };
}

function valueAxis(unit: keyof typeof VALUE_AXIS_TITLES, position?: 'right'): ValueAxis {
  const axis: ValueAxis = { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: VALUE_AXIS_TITLES[unit] } };
  return position ? { ...axis, position, grid: { drawOnChartArea: false } } : axis;
}

/** Pure and deterministic: the same spec always gives the same configuration. */
export function toChartJsConfig(spec: ChartSpec, options: ChartConfigOptions = {}): ChartJsConfig {
  const datasets = spec.series.map((_, index) => dataset(spec, index));
  const doughnut = spec.kind === 'doughnut';
  const labels = doughnut ? sliceLabels(spec, options.locale ?? 'en-US') : chartLabels(spec, options.timeZone);
  const config: ChartJsConfig = {
    type: spec.kind,
    data: { labels, datasets },
    options: {
      responsive: false,
      animation: false,
      layout: { padding: 12 },
      plugins: {
        title: { display: false },
        legend: { display: doughnut || datasets.length > 1, position: doughnut ? 'right' : 'bottom' },
        datalabels: { display: doughnut, color: '#ffffff', font: { weight: 'bold', size: 14 } },
      },
    },
  };
  if (!doughnut) {
    config.options.scales = {
      x: { ticks: { autoSkip: spec.kind === 'line' }, title: { display: true, text: xAxisTitle(spec, options.timeZone) } },
      y: valueAxis('calls'),
      ...(hasBlocks(spec) ? { y1: valueAxis('blocks', 'right') } : {}),
    };
  }
  return config;
}
