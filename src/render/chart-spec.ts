import { ChartKind, ChartSpec } from '../domain/report-model';
import { localizeChart } from './chart-words';
import { formatInstant } from './format';
import { Messages, messagesFor } from './i18n/messages';

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

/**
 * Text in the image: large enough to read when a 600 px chart is shown 340 px wide on a phone.
 */
const CHART_FONT = { size: 15 } as const;
/** The doughnut's legend carries its figures ("Successful: 18 (41.9%)"): larger still. */
const LEGEND_FONT = { size: 19 } as const;
type ChartFont = { size: number };

interface AxisTitle {
  display: true;
  text: string;
  font: ChartFont;
}

interface ValueAxis {
  beginAtZero: true;
  ticks: { precision: 0; font: ChartFont };
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
      legend: { display: boolean; position: 'top' | 'right' | 'bottom'; labels: { font: ChartFont } };
      /**
       * chartjs-plugin-datalabels (QuickChart has it; render-chart-png draws the same labels itself):
       * the count on each slice of a doughnut.
       */
      datalabels: { display: boolean; color: string; font: { weight: 'bold'; size: number } };
    };
    scales?: {
      x: { ticks: { autoSkip: boolean; font: ChartFont }; title: AxisTitle };
      y: ValueAxis;
      y1?: ValueAxis;
    };
  };
}

export interface ChartConfigOptions {
  /** Formats the hourly labels of `calls-over-time` in this zone; without it they stay ISO instants. */
  timeZone?: string;
  /** The report's locale: the words in the image (legend, axes) and its numbers; English unless given. */
  locale?: string;
}

/** What the horizontal axis of each bar or line chart counts along. */
function xAxisTitle(spec: ChartSpec, timeZone: string | undefined, m: Messages): string {
  if (spec.id === 'calls-over-time') return m.t('chart.axis.hour', { timeZone: timeZone ?? 'UTC' });
  if (spec.id === 'usage-per-bot') return m.t('chart.axis.voicebot');
  return m.t('chart.axis.resultCode');
}

const VALUE_AXIS_TITLES = { calls: 'chart.axis.calls', blocks: 'chart.axis.blocks' } as const;

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
function sliceLabels(spec: ChartSpec, m: Messages): string[] {
  const values = spec.series[0]?.values ?? [];
  const total = values.reduce((sum, value) => sum + value, 0);
  return spec.labels.map((label, i) => {
    const value = values[i] ?? 0;
    return m.t('chart.slice', { label, count: m.integer(value), share: m.percent(total === 0 ? null : value / total) });
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

function valueAxis(unit: keyof typeof VALUE_AXIS_TITLES, m: Messages, position?: 'right'): ValueAxis {
  const axis: ValueAxis = {
    beginAtZero: true,
    ticks: { precision: 0, font: CHART_FONT },
    title: { display: true, text: m.t(VALUE_AXIS_TITLES[unit]), font: CHART_FONT },
  };
  return position ? { ...axis, position, grid: { drawOnChartArea: false } } : axis;
}

/** Pure and deterministic: the same spec always gives the same configuration. */
export function toChartJsConfig(given: ChartSpec, options: ChartConfigOptions = {}): ChartJsConfig {
  const m = messagesFor(options.locale ?? 'en-US');
  const spec = localizeChart(given, m);
  const datasets = spec.series.map((_, index) => dataset(spec, index));
  const doughnut = spec.kind === 'doughnut';
  const labels = doughnut ? sliceLabels(spec, m) : chartLabels(spec, options.timeZone);
  const config: ChartJsConfig = {
    type: spec.kind,
    data: { labels, datasets },
    options: {
      responsive: false,
      animation: false,
      layout: { padding: 12 },
      plugins: {
        title: { display: false },
        legend: {
          display: doughnut || datasets.length > 1,
          position: 'bottom',
          labels: { font: doughnut ? LEGEND_FONT : CHART_FONT },
        },
        datalabels: { display: doughnut, color: '#ffffff', font: { weight: 'bold', size: 18 } },
      },
    },
  };
  if (!doughnut) {
    config.options.scales = {
      x: {
        ticks: { autoSkip: spec.kind === 'line', font: CHART_FONT },
        title: { display: true, text: xAxisTitle(spec, options.timeZone, m), font: CHART_FONT },
      },
      y: valueAxis('calls', m),
      ...(hasBlocks(spec) ? { y1: valueAxis('blocks', m, 'right') } : {}),
    };
  }
  return config;
}
