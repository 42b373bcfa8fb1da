import { CampaignReport, ChartSpec, UsageReport } from '../domain/report-model';
import { Messages } from './i18n/messages';
import { messagesOf } from './report-figures';

/**
 * A chart in the report's language: title, slice and series labels, caption and alt text from the
 * message catalog, numbers in its locale. The figures stay the spec's own; applying it twice changes
 * nothing.
 */
export function localizeChart(spec: ChartSpec, m: Messages): ChartSpec {
  const n = (value: number) => m.integer(value);
  const values = (index: number) => spec.series[index]?.values ?? [];
  const sum = (list: readonly number[]) => list.reduce((total, value) => total + value, 0);
  let words: Pick<ChartSpec, 'title' | 'labels' | 'series' | 'caption'>;
  switch (spec.id) {
    case 'call-status': {
      const [successful = 0, busy = 0, noAnswer = 0, error = 0] = values(0);
      words = {
        title: m.t('chart.callStatus.title'),
        labels: [m.t('figure.successful'), m.t('figure.busy'), m.t('figure.noAnswer'), m.t('figure.error')],
        series: [{ ...spec.series[0], label: m.t('chart.series.calls') }],
        caption: m.t('chart.callStatus.caption', {
          successful: n(successful),
          busy: n(busy),
          noAnswer: n(noAnswer),
          error: n(error),
          total: n(sum(values(0))),
        }),
      };
      break;
    }
    case 'result-codes': {
      const listed = spec.labels.map((code, i) => `${code} ${n(values(0)[i] ?? 0)}`).join(', ');
      words = {
        title: m.t('resultCodes.title'),
        labels: spec.labels,
        series: [{ ...spec.series[0], label: m.t('chart.series.calls') }],
        caption: `${listed || m.t('word.none')}.`,
      };
      break;
    }
    case 'calls-over-time':
      words = {
        title: m.t('chart.callsPerHour.title'),
        labels: spec.labels,
        series: spec.series.map((series, i) => ({
          ...series,
          label: m.t(i === 0 ? 'chart.series.allCalls' : 'chart.series.successful'),
        })),
        caption: m.t('chart.callsPerHour.caption', { hours: spec.labels.length, peak: n(Math.max(0, ...values(0))) }),
      };
      break;
    case 'usage-per-bot': {
      const [calls, sessions, blocks] = [0, 1, 2].map((i) => n(sum(values(i))));
      const labels = ['usage.column.totalCalls', 'usage.column.sessions', 'usage.column.blocks'] as const;
      words = {
        title: m.t('chart.usage.title', { month: spec.month ?? '' }),
        labels: spec.labels,
        series: spec.series.map((series, i) => ({ ...series, label: m.t(labels[i] ?? 'usage.column.totalCalls') })),
        caption: m.t('chart.usage.caption', { calls, sessions, blocks, bots: spec.labels.length }),
      };
      break;
    }
  }
  return { ...spec, ...words, altText: m.t('chart.altText', { title: words.title, caption: words.caption }) };
}

/** The report's charts in its language, for every surface. */
export function chartsOf(report: CampaignReport | UsageReport): ChartSpec[] {
  const m = messagesOf(report);
  return report.charts.map((spec) => localizeChart(spec, m));
}
