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

/**
 * Renders the chart to a PNG without a browser or a network (QUICKCHART_BASE_URL=off, or a chart whose
 * URL is too long). Text uses whatever fonts the system has; without any, bars and slices still draw.
 */
export async function renderChartPng(spec: ChartSpec, options: ChartPngOptions = {}): Promise<Buffer> {
  const width = options.width ?? CHART_WIDTH;
  const height = options.height ?? CHART_HEIGHT;
  const canvas = createCanvas(width, height);
  const config = toChartJsConfig(spec, { timeZone: options.timeZone });
  const chartConfig = {
    ...config,
    options: { ...config.options, devicePixelRatio: 1 },
    plugins: [whiteBackground],
  } as unknown as ChartConfiguration;
  // Chart.js types want a DOM context; @napi-rs/canvas's context implements the same drawing API.
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, chartConfig);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
