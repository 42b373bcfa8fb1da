import { BUSY, CONNECTION_ERROR, NO_ANSWER, classifyResultCode } from '../domain/call-status';
import { CallFilter, CampaignReport, RateExplanation, UsageReport } from '../domain/report-model';
import { BotUsage, UsageFigures } from '../domain/usage';
import { formatDuration, formatInstant, formatInteger, formatMoney, formatPercent, stateLabel } from './format';

/**
 * The labelled figures every surface shows (email, web page, terminal, Teams), so that the surfaces cannot
 * disagree on a label, a value or a rate's formula. Values are formatted; user text is NOT escaped here.
 */
export interface Figure {
  label: string;
  value: string;
  /** The formula and numerator/denominator of a rate, or another short explanation. */
  detail?: string;
  /** Set on rates: their detail must be shown wherever the value is (metrics.md preamble). */
  rate?: boolean;
}

export interface FigureSection {
  title: string;
  figures: Figure[];
}

/** User text on one line: control characters (newlines, ANSI escapes) become spaces. */
export function singleLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function truncate(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`;
}

export function statusText(report: CampaignReport): string {
  const label = stateLabel(report.overview.campaign.state);
  return report.updated ? `${label}, updated` : label;
}

export function campaignFacts(report: CampaignReport): Figure[] {
  const { campaign } = report.overview;
  return [
    { label: 'Campaign', value: campaign.id },
    { label: 'Voicebot', value: campaign.botId },
    { label: 'Status', value: statusText(report) },
    { label: 'First call', value: formatInstant(campaign.firstCallAt, campaign.timeZone) },
    { label: 'Last call', value: formatInstant(campaign.lastCallAt, campaign.timeZone) },
    { label: 'Time zone', value: campaign.timeZone },
  ];
}

export function rateFigure(rate: RateExplanation, locale: string): Figure {
  return {
    label: rate.label,
    value: formatPercent(rate.value, locale),
    detail: `${rate.formula} = ${formatInteger(rate.numerator, locale)} / ${formatInteger(rate.denominator, locale)}`,
    rate: true,
  };
}

function rateOf(report: CampaignReport, key: RateExplanation['key']): Figure[] {
  const rate = report.rates.find((entry) => entry.key === key);
  return rate ? [rateFigure(rate, report.locale)] : [];
}

export function campaignSections(report: CampaignReport): FigureSection[] {
  const { overview, locale } = report;
  const { calls, customers, costs } = overview;
  const n = (value: number) => formatInteger(value, locale);
  return [
    {
      title: 'Calls performance',
      figures: [
        { label: 'Total calls', value: n(calls.total), detail: 'every dial attempt, callbacks included' },
        { label: 'Callbacks', value: n(calls.callbacks), detail: 'calls with attempt > 1' },
        { label: 'Successful', value: n(calls.successful), detail: 'answered: any code but BS, NA, CU' },
        { label: 'Unsuccessful', value: n(calls.unsuccessful), detail: 'busy (BS) + no answer (NA)' },
        { label: 'Busy (BS)', value: n(calls.busy) },
        { label: 'No answer (NA)', value: n(calls.noAnswer) },
        { label: 'Error (CU)', value: n(calls.error), detail: 'connection error' },
        ...rateOf(report, 'answerRate'),
      ],
    },
    {
      title: 'Customers',
      figures: [
        { label: 'Customers', value: n(customers.total), detail: 'the campaign list, or the customers called if more' },
        { label: 'Approached', value: n(customers.approached), detail: 'with at least one successful call' },
        { label: 'Not approached', value: n(customers.notApproached) },
        ...rateOf(report, 'contactRate'),
      ],
    },
    {
      title: 'Costs',
      figures: [
        {
          label: 'Total call time',
          value: formatDuration(costs.totalCallDurationMs),
          detail: 'answered to ended, summed',
        },
        {
          label: 'Average call duration',
          value: formatDuration(costs.averageCallDurationMs),
          detail: 'total call time / successful calls',
        },
        { label: 'Blocks', value: n(costs.blocks), detail: 'billing units' },
        { label: 'Total cost', value: formatMoney(costs.totalCost, costs.currency, locale) },
      ],
    },
    {
      title: 'Dialing duration',
      figures: [
        {
          label: 'Dialing duration',
          value: formatDuration(overview.dialingDurationMs),
          detail: 'dialing to answer or hang-up, summed',
        },
      ],
    },
    {
      title: 'Messages',
      figures: [{ label: 'Bot messages', value: n(overview.messages), detail: 'bot responses, summed' }],
    },
  ];
}

export interface ResultCodeRow {
  code: string;
  meaning: string;
  count: string;
  share: string;
}

const RESERVED_MEANINGS: Record<string, string> = {
  [BUSY]: 'line busy',
  [NO_ANSWER]: 'no answer',
  [CONNECTION_ERROR]: 'connection error',
};

function resultCodeMeaning(code: string): string {
  return RESERVED_MEANINGS[code] ?? (classifyResultCode(code) === 'successful' ? 'answered' : '');
}

export function resultCodeRows(report: CampaignReport): ResultCodeRow[] {
  const total = report.overview.calls.total;
  return report.overview.resultCodes.map((entry) => ({
    code: entry.code,
    meaning: resultCodeMeaning(entry.code),
    count: formatInteger(entry.count, report.locale),
    share: formatPercent(total === 0 ? null : entry.count / total, report.locale),
  }));
}

export const RESULT_CODE_SHARE_NOTE = 'Share = calls with the code / all calls.';

export function resultCodeTotalRow(report: CampaignReport): ResultCodeRow {
  const { locale } = report;
  const count = formatInteger(report.overview.calls.total, locale);
  return { code: 'Total', meaning: '', count, share: formatPercent(1, locale) };
}

export const LIST_ANSWER_RATE_NOTE = 'Answer rate = successful calls / all calls (per attempt, callbacks included).';

export function describeCallFilter(filter: CallFilter): string {
  const parts: string[] = [];
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.resultCode) parts.push(`code ${filter.resultCode}`);
  return parts.length > 0 ? parts.join(', ') : 'all calls';
}

export function showingNote(shown: number, total: number, locale: string): string | null {
  return shown < total ? `Showing ${formatInteger(shown, locale)} of ${formatInteger(total, locale)} calls.` : null;
}

export interface UsageColumn {
  key: keyof UsageFigures;
  label: string;
  duration: boolean;
}

export const USAGE_COLUMNS: readonly UsageColumn[] = [
  { key: 'totalCalls', label: 'Calls', duration: false },
  { key: 'sessions', label: 'Sessions', duration: false },
  { key: 'messages', label: 'Messages', duration: false },
  { key: 'blocks', label: 'Blocks', duration: false },
  { key: 'callDurationMs', label: 'Call time', duration: true },
  { key: 'dialingDurationMs', label: 'Dialing time', duration: true },
];

export function usageValue(column: UsageColumn, figures: UsageFigures, locale: string): string {
  const value = figures[column.key];
  return column.duration ? formatDuration(value) : formatInteger(value, locale);
}

export function botLabel(bot: BotUsage): string {
  const name = singleLine(bot.botName);
  return name && name !== bot.botId ? `${name} (${bot.botId})` : bot.botId;
}

export interface UsageChange {
  label: string;
  current: string;
  previous: string;
  change: string;
  changePercent: string;
}

function signed(text: string, delta: number): string {
  if (delta > 0) return `+${text}`;
  if (delta < 0) return `-${text}`;
  return text;
}

/** Totals this month against the month before: absolute and relative change; null without a previous month. */
export function usageChanges(report: UsageReport): UsageChange[] | null {
  const { previous, usage, locale } = report;
  if (!previous) return null;
  return USAGE_COLUMNS.map((column) => {
    const now = usage.total[column.key];
    const before = previous.total[column.key];
    const delta = now - before;
    const magnitude = column.duration ? formatDuration(Math.abs(delta)) : formatInteger(Math.abs(delta), locale);
    let changePercent: string;
    if (before !== 0) changePercent = signed(formatPercent(Math.abs(delta) / before, locale), delta);
    else changePercent = now === 0 ? formatPercent(0, locale) : 'new';
    return {
      label: column.label,
      current: usageValue(column, usage.total, locale),
      previous: usageValue(column, previous.total, locale),
      change: signed(magnitude, delta),
      changePercent,
    };
  });
}

export function usageChangeNote(report: UsageReport): string | null {
  return report.previous
    ? `Change = ${report.usage.month} minus ${report.previous.month}; % is relative to ${report.previous.month}.`
    : null;
}
