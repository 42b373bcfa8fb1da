import { ChartSpec } from '../../domain/report-model';
import { Messages } from '../i18n/messages';
import { DataVisualizationBlock, MAX_DATA_VISUALIZATIONS, barChartBlock, pieChartBlock } from './data-visualization';

function bars(spec: ChartSpec, otherLabel: string, xLabel: string, yLabel?: string): DataVisualizationBlock | null {
  return barChartBlock({
    title: spec.title,
    categories: spec.labels,
    series: spec.series.map((series) => ({ name: series.label, values: series.values })),
    otherLabel,
    xLabel,
    ...(yLabel ? { yLabel } : {}),
  });
}

/** A chart of the report model as Slack's own chart; null for a kind Slack's charts do not draw here (per hour). */
function nativeChart(spec: ChartSpec, m: Messages): DataVisualizationBlock | null {
  const other = m.t('chart.other');
  switch (spec.id) {
    case 'call-status':
      return pieChartBlock(
        spec.title,
        spec.labels.map((label, i) => ({ label, value: spec.series[0]?.values[i] ?? 0 })),
        other,
      );
    case 'result-codes':
      return bars(spec, other, m.t('chart.axis.resultCode'), m.t('chart.axis.calls'));
    case 'usage-per-bot':
      return bars(spec, other, m.t('chart.axis.voicebot'));
    default:
      return null;
  }
}

/**
 * Slack's own charts for the charts it can draw, at most MAX_DATA_VISUALIZATIONS; `rest` are the charts left
 * to show another way (a text table).
 */
export function nativeChartBlocks(
  specs: readonly ChartSpec[],
  m: Messages,
): { blocks: DataVisualizationBlock[]; rest: ChartSpec[] } {
  const blocks: DataVisualizationBlock[] = [];
  const rest: ChartSpec[] = [];
  for (const spec of specs) {
    const block = blocks.length < MAX_DATA_VISUALIZATIONS ? nativeChart(spec, m) : null;
    if (block) blocks.push(block);
    else rest.push(spec);
  }
  return { blocks, rest };
}
