import { createCanvas } from '@napi-rs/canvas';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  Plugin,
  PointElement,
  Title,
} from 'chart.js';
import { ChartSpec } from '../../domain/report-model';
import { toChartJsConfig } from '../../render/chart-spec';
import { CHART_HEIGHT, CHART_WIDTH } from './quickchart-url';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
);

type ChartItem = ConstructorParameters<typeof Chart>[0];

export interface ChartPngOptions {
  width?: number;
  height?: number;
  timeZone?: string;
  locale?: string;
}

/** Chart.js clears to transparent; chat clients in dark mode would show black text on black. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

interface SliceLabelOptions {
  display?: boolean;
  color?: string;
  font?: { size?: number };
}

/**
 * The count on each doughnut slice, as chartjs-plugin-datalabels draws it on QuickChart (reads the same
 * `plugins.datalabels` options); a slice too thin to hold its number is left to the legend.
 */
const sliceLabels: Plugin = {
  id: 'sliceLabels',
  afterDatasetsDraw(chart) {
    const options = (chart.options.plugins as { datalabels?: SliceLabelOptions } | undefined)?.datalabels;
    if (!options?.display) return;
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const values = (chart.data.datasets[0]?.data ?? []) as number[];
    const total = values.reduce((sum, value) => sum + value, 0);
    ctx.save();
    ctx.fillStyle = options.color ?? '#ffffff';
    ctx.font = `bold ${options.font?.size ?? 14}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    meta.data.forEach((arc, i) => {
      const value = values[i] ?? 0;
      if (total === 0 || value / total < 0.04) return;
      const { x, y } = arc.tooltipPosition(true);
      ctx.fillText(String(value), x, y);
    });
    ctx.restore();
  },
};

/**
 * Renders the chart to a PNG without a browser or a network (QUICKCHART_BASE_URL=off, or a chart whose
 * URL is too long). Text uses whatever fonts the system has; without any, bars and slices still draw.
 */
export async function renderChartPng(spec: ChartSpec, options: ChartPngOptions = {}): Promise<Buffer> {
  const width = options.width ?? CHART_WIDTH;
  const height = options.height ?? CHART_HEIGHT;
  const canvas = createCanvas(width, height);
  const config = toChartJsConfig(spec, { timeZone: options.timeZone, locale: options.locale });
  const chartConfig = {
    ...config,
    options: { ...config.options, devicePixelRatio: 1 },
    plugins: [whiteBackground, sliceLabels],
  } as unknown as ChartConfiguration;
  // Chart.js types want a DOM context; @napi-rs/canvas's context implements the same drawing API.
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, chartConfig);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
