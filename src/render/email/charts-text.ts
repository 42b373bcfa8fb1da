import { CampaignReport, UsageReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import { singleLine } from '../report-figures';

/** The charts in the plain-text part, in the report's language: each title once, then what it shows. */
export function chartsText(report: CampaignReport | UsageReport, heading: string): string {
  const charts = chartsOf(report);
  if (charts.length === 0) return '';
  const lines = charts.map((chart) => `  ${singleLine(chart.title)}: ${singleLine(chart.caption)}`);
  return `\n${heading}\n${'-'.repeat([...heading].length)}\n${lines.join('\n')}\n`;
}
