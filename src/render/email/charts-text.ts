import { ChartSpec } from '../../domain/report-model';
import { singleLine } from '../report-figures';

/** The charts in the plain-text part: each title once, then what it shows. */
export function chartsText(charts: readonly ChartSpec[]): string {
  if (charts.length === 0) return '';
  const lines = charts.map((chart) => `  ${singleLine(chart.title)}: ${singleLine(chart.caption)}`);
  return `\nCharts\n------\n${lines.join('\n')}\n`;
}
