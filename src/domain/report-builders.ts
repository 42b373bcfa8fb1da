import { CampaignOverview } from './campaign-overview';
import {
  CampaignReport,
  ChartSpec,
  Footnote,
  RateExplanation,
  TimelinePoint,
  UnmappedReason,
  UsageReport,
} from './report-model';
import { MonthlyUsageWithProjection } from './month-to-date';
import { MonthlyUsage } from './usage';

function explainRates(overview: CampaignOverview): RateExplanation[] {
  return [
    {
      key: 'answerRate',
      numerator: overview.calls.successful,
      denominator: overview.calls.total,
      value: overview.rates.answerRate,
    },
    {
      key: 'contactRate',
      numerator: overview.customers.approached,
      denominator: overview.customers.total,
      value: overview.rates.contactRate,
    },
  ];
}

type UntitledChart = Omit<ChartSpec, 'altText'>;

/** The alt text says what the chart is and what it shows: its title, then its caption. */
function withAltText(chart: UntitledChart): ChartSpec {
  return { ...chart, altText: `${chart.title}: ${chart.caption}` };
}

export function campaignCharts(overview: CampaignOverview, timeline: TimelinePoint[]): ChartSpec[] {
  const { calls } = overview;
  const statusValues = [calls.successful, calls.busy, calls.noAnswer, calls.error];
  const charts: UntitledChart[] = [
    {
      id: 'call-status',
      title: 'Calls by status',
      kind: 'doughnut',
      labels: ['Successful', 'Busy (BS)', 'No answer (NA)', 'Error (CU)'],
      series: [{ label: 'Calls', values: statusValues }],
      caption: `${calls.successful} successful, ${calls.busy} busy, ${calls.noAnswer} no answer, ${calls.error} error, of ${calls.total}.`,
    },
    {
      id: 'result-codes',
      title: 'Result codes',
      kind: 'bar',
      labels: overview.resultCodes.map((entry) => entry.code),
      series: [{ label: 'Calls', values: overview.resultCodes.map((entry) => entry.count) }],
      caption: `${overview.resultCodes.map((entry) => `${entry.code} ${entry.count}`).join(', ') || 'none'}.`,
    },
  ];
  if (timeline.length > 1) {
    charts.push({
      id: 'calls-over-time',
      title: 'Calls per hour',
      kind: 'line',
      labels: timeline.map((point) => point.at),
      series: [
        { label: 'All calls', values: timeline.map((point) => point.total) },
        { label: 'Successful', values: timeline.map((point) => point.successful) },
      ],
      caption: `Over ${timeline.length} hours, peaking at ${Math.max(...timeline.map((p) => p.total))}.`,
    });
  }
  return charts.map(withAltText);
}

/** The unmapped platform reasons are listed from `CampaignReport.unmappedReasons` by the renderer. */
function campaignFootnotes(overview: CampaignOverview, unmapped: readonly UnmappedReason[]): Footnote[] {
  const notes: Footnote[] = ['callDuration'];
  if (!overview.campaign.final) notes.push('preliminary');
  if (overview.costs.totalCost === null) notes.push('costUnknown');
  if (unmapped.length > 0) notes.push('unmappedReasons');
  return notes;
}

export function buildCampaignReport(
  overview: CampaignOverview,
  timeline: TimelinePoint[],
  locale: string,
  updated = false,
  unmappedReasons: UnmappedReason[] = [],
): CampaignReport {
  return {
    kind: 'campaign',
    overview,
    rates: explainRates(overview),
    timeline,
    charts: campaignCharts(overview, timeline),
    footnotes: campaignFootnotes(overview, unmappedReasons),
    locale,
    updated,
    unmappedReasons,
  };
}

export function usageCharts(usage: MonthlyUsage): ChartSpec[] {
  const charts: UntitledChart[] = [
    {
      id: 'usage-per-bot',
      title: `Usage per voicebot, ${usage.month}`,
      month: usage.month,
      kind: 'bar',
      labels: usage.bots.map((bot) => bot.botName || bot.botId),
      series: [
        { label: 'Calls', values: usage.bots.map((bot) => bot.totalCalls) },
        { label: 'Sessions', values: usage.bots.map((bot) => bot.sessions) },
        { label: 'Blocks', values: usage.bots.map((bot) => bot.blocks), unit: 'blocks' },
      ],
      caption: `${usage.total.totalCalls} calls, ${usage.total.sessions} sessions, ${usage.total.blocks} blocks over ${usage.bots.length} voicebots.`,
    },
  ];
  return charts.map(withAltText);
}

export function buildUsageReport(
  usage: MonthlyUsageWithProjection,
  previous: MonthlyUsage | null,
  locale: string,
): UsageReport {
  return { kind: 'usage', usage, previous, charts: usageCharts(usage), footnotes: ['usage'], locale };
}
