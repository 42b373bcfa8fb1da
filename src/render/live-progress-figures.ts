import { progressBar } from '../domain/live-progress';
import { CampaignReport } from '../domain/report-model';
import { Messages, messagesFor } from './i18n/messages';
import type { Figure, FigureSection } from './report-figures';

/** "▰▰▱▱▱▱▱▱▱▱ 27 of 100 customers called (27 %)", or the count alone when the list size is unknown. */
export function customersCalledText(report: CampaignReport, m: Messages = messagesFor(report.locale)): string | null {
  const progress = report.overview.progress;
  if (!progress) return null;
  const called = m.integer(progress.customersCalled);
  if (progress.customersTotal === null) return m.t('live.progress.noTotal', { called });
  return m.t('live.progress.value', {
    bar: progressBar(progress.share),
    called,
    total: m.integer(progress.customersTotal),
    share: m.percent(progress.share),
  });
}

/**
 * docs/metrics.md "Live progress of a running campaign" as labelled figures: every surface shows this
 * section first while a campaign runs (none once it is complete), and the live message shows it alone.
 */
export function liveProgressSection(report: CampaignReport): FigureSection | null {
  const { progress, calls, costs, rates } = report.overview;
  if (!progress) return null;
  const m = messagesFor(report.locale);
  const figures: Figure[] = [
    { label: m.t('live.progress'), value: customersCalledText(report, m) ?? '' },
    { label: m.t('live.calls'), value: m.integer(progress.calls) },
    { label: m.t('live.answerRate'), value: m.percent(rates.answerRate) },
    {
      label: m.t('live.errorShare'),
      value: m.percent(progress.errorShare),
      detail: m.t('live.errorShare.detail', { error: m.integer(calls.error), total: m.integer(calls.total) }),
      rate: true,
    },
    { label: m.t('live.blocks'), value: m.integer(costs.blocks) },
    { label: m.t('live.cost'), value: m.money(costs.totalCost, costs.currency) },
    {
      label: m.t('live.pace'),
      value: m.t('live.pace.value', { rate: progress.callsPerMinute }),
      detail: m.t('live.pace.detail'),
    },
    {
      label: m.t('live.eta'),
      value:
        progress.etaMinutes === null
          ? m.t('live.eta.unknown')
          : m.t('live.eta.value', { minutes: progress.etaMinutes }),
    },
  ];
  return { title: m.t('live.section'), figures };
}

/** The live section as a list to spread first into a report's sections (empty once complete). */
export function liveProgressSections(report: CampaignReport): FigureSection[] {
  const section = liveProgressSection(report);
  return section ? [section] : [];
}
