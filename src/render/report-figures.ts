import { BUSY, CONNECTION_ERROR, NO_ANSWER, classifyResultCode } from '../domain/call-status';
import {
  CallFilter,
  CallsReport,
  CampaignListReport,
  CampaignReport,
  Footnote,
  RateExplanation,
  UnmappedReason,
  UsageReport,
} from '../domain/report-model';
import { BotUsage, UsageFigures } from '../domain/usage';
import { MessageKey, Messages, messagesFor } from './i18n/messages';
import { liveProgressSections } from './live-progress-figures';

/**
 * The labelled figures every surface shows (email, web page, terminal, Slack, Teams), so that the surfaces
 * cannot disagree on a label, a value or a rate's formula; every word comes from the message catalog in
 * the report's language. Values are formatted; user text is NOT escaped here.
 */
export interface Figure {
  label: string;
  value: string;
  /** The formula and numerator/denominator of a rate, or another short explanation. */
  detail?: string;
  /** Set on rates: their detail must be shown wherever the value is (docs/metrics.md preamble). */
  rate?: boolean;
}

export interface FigureSection {
  title: string;
  figures: Figure[];
}

/** The catalog in the report's language. */
export function messagesOf(report: CampaignReport | CallsReport | UsageReport | CampaignListReport): Messages {
  return messagesFor(report.locale);
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
  return messagesOf(report).status(report.overview.campaign.state, report.updated);
}

export function campaignFacts(report: CampaignReport): Figure[] {
  const { campaign } = report.overview;
  const m = messagesOf(report);
  return [
    { label: m.t('fact.campaign'), value: campaign.id },
    { label: m.t('fact.voicebot'), value: campaign.botId },
    { label: m.t('fact.status'), value: statusText(report) },
    { label: m.t('fact.firstCall'), value: m.instant(campaign.firstCallAt, campaign.timeZone) },
    { label: m.t('fact.lastCall'), value: m.instant(campaign.lastCallAt, campaign.timeZone) },
    { label: m.t('fact.timeZone'), value: campaign.timeZone },
  ];
}

export function rateFigure(rate: RateExplanation, m: Messages): Figure {
  return {
    label: m.t(`rate.${rate.key}`),
    value: m.percent(rate.value),
    detail: m.t('rate.detail', {
      formula: m.t(`rate.${rate.key}.formula`),
      numerator: m.integer(rate.numerator),
      denominator: m.integer(rate.denominator),
    }),
    rate: true,
  };
}

function rateOf(report: CampaignReport, key: RateExplanation['key']): Figure[] {
  const rate = report.rates.find((entry) => entry.key === key);
  return rate ? [rateFigure(rate, messagesOf(report))] : [];
}

type FigureKey = Extract<MessageKey, `figure.${string}`>;

/** A figure whose label (and detail, when the catalog has one) come from the catalog. */
function figure(m: Messages, key: FigureKey, value: string, withDetail = false): Figure {
  return withDetail
    ? { label: m.t(key), value, detail: m.t(`${key}.detail` as MessageKey) }
    : { label: m.t(key), value };
}

export function campaignSections(report: CampaignReport): FigureSection[] {
  const { overview } = report;
  const { calls, customers, costs } = overview;
  const m = messagesOf(report);
  const n = m.integer;
  return [
    ...liveProgressSections(report),
    {
      title: m.t('section.calls'),
      figures: [
        figure(m, 'figure.totalCalls', n(calls.total), true),
        figure(m, 'figure.callbacks', n(calls.callbacks), true),
        figure(m, 'figure.successful', n(calls.successful), true),
        figure(m, 'figure.unsuccessful', n(calls.unsuccessful), true),
        figure(m, 'figure.busy', n(calls.busy)),
        figure(m, 'figure.noAnswer', n(calls.noAnswer)),
        figure(m, 'figure.error', n(calls.error), true),
        ...rateOf(report, 'answerRate'),
      ],
    },
    {
      title: m.t('section.customers'),
      figures: [
        figure(m, 'figure.customers', n(customers.total), true),
        figure(m, 'figure.approached', n(customers.approached), true),
        figure(m, 'figure.notApproached', n(customers.notApproached)),
        ...rateOf(report, 'contactRate'),
      ],
    },
    {
      title: m.t('section.costs'),
      figures: [
        figure(m, 'figure.totalCallDuration', m.duration(costs.totalCallDurationMs), true),
        figure(m, 'figure.averageCallDuration', m.duration(costs.averageCallDurationMs), true),
        figure(m, 'figure.blocks', n(costs.blocks), true),
        figure(m, 'figure.totalCost', m.money(costs.totalCost, costs.currency)),
      ],
    },
    {
      title: m.t('section.dialing'),
      figures: [figure(m, 'figure.dialingDuration', m.duration(overview.dialingDurationMs), true)],
    },
    {
      title: m.t('section.messages'),
      figures: [figure(m, 'figure.messages', n(overview.messages), true)],
    },
  ];
}

/** The report's notes in its language; a campaign's unmapped platform reasons are listed in theirs. */
export function footnoteTexts(
  notes: readonly Footnote[],
  m: Messages,
  unmapped: readonly UnmappedReason[] = [],
): string[] {
  const calls = unmapped.reduce((sum, entry) => sum + entry.calls, 0);
  const listed = unmapped.map((entry) => `${entry.platform} "${entry.reason}" (${m.integer(entry.calls)})`).join(', ');
  return notes.map((note) => m.t(`footnote.${note}`, note === 'unmappedReasons' ? { calls, listed } : undefined));
}

export interface ResultCodeRow {
  code: string;
  meaning: string;
  count: string;
  share: string;
}

const RESERVED_MEANINGS: Record<string, MessageKey> = {
  [BUSY]: 'meaning.busy',
  [NO_ANSWER]: 'meaning.noAnswer',
  [CONNECTION_ERROR]: 'meaning.connectionError',
};

function resultCodeMeaning(code: string, m: Messages): string {
  const reserved = RESERVED_MEANINGS[code];
  if (reserved) return m.t(reserved);
  return classifyResultCode(code) === 'successful' ? m.t('meaning.answered') : '';
}

export function resultCodeRows(report: CampaignReport): ResultCodeRow[] {
  const total = report.overview.calls.total;
  const m = messagesOf(report);
  return report.overview.resultCodes.map((entry) => ({
    code: entry.code,
    meaning: resultCodeMeaning(entry.code, m),
    count: m.integer(entry.count),
    share: m.percent(total === 0 ? null : entry.count / total),
  }));
}

export function resultCodeTotalRow(report: CampaignReport): ResultCodeRow {
  const m = messagesOf(report);
  return { code: m.t('word.total'), meaning: '', count: m.integer(report.overview.calls.total), share: m.percent(1) };
}

export function describeCallFilter(filter: CallFilter, m: Messages): string {
  const parts: string[] = [];
  if (filter.status) parts.push(m.t('calls.filter.status', { status: m.callStatus(filter.status) }));
  if (filter.resultCode) parts.push(m.t('calls.filter.code', { code: filter.resultCode }));
  return parts.length > 0 ? parts.join(', ') : m.t('calls.filter.all');
}

export function showingNote(shown: number, total: number, m: Messages): string | null {
  return shown < total ? m.t('calls.showing', { shown: m.integer(shown), total: m.integer(total) }) : null;
}

export interface UsageColumn {
  key: keyof UsageFigures;
  duration: boolean;
}

export const USAGE_COLUMNS: readonly UsageColumn[] = [
  { key: 'totalCalls', duration: false },
  { key: 'sessions', duration: false },
  { key: 'messages', duration: false },
  { key: 'blocks', duration: false },
  { key: 'callDurationMs', duration: true },
  { key: 'dialingDurationMs', duration: true },
];

export function usageColumnLabel(column: UsageColumn, m: Messages): string {
  return m.t(`usage.column.${column.key}`);
}

export function usageValue(column: UsageColumn, figures: UsageFigures, m: Messages): string {
  const value = figures[column.key];
  return column.duration ? m.duration(value) : m.integer(value);
}

export function botLabel(bot: BotUsage): string {
  const name = singleLine(bot.botName);
  return name && name !== bot.botId ? `${name} (${bot.botId})` : bot.botId;
}

/** The change of one figure, signed the one way every surface signs ("+12", "-0:01:05", "0"). */
export function signedChange(column: UsageColumn, now: number, before: number, m: Messages): string {
  const delta = now - before;
  const magnitude = column.duration ? m.duration(Math.abs(delta)) : m.integer(Math.abs(delta));
  return m.signed(magnitude, delta);
}

export interface UsageChange {
  label: string;
  current: string;
  previous: string;
  change: string;
  changePercent: string;
}

/** Totals this month against the month before: absolute and relative change; null without a previous month. */
export function usageChanges(report: UsageReport): UsageChange[] | null {
  const { previous, usage } = report;
  if (!previous) return null;
  const m = messagesOf(report);
  return USAGE_COLUMNS.map((column) => {
    const now = usage.total[column.key];
    const before = previous.total[column.key];
    const delta = now - before;
    let changePercent: string;
    if (before !== 0) changePercent = m.signed(m.percent(Math.abs(delta) / before), delta);
    else changePercent = now === 0 ? m.percent(0) : m.t('word.new');
    return {
      label: usageColumnLabel(column, m),
      current: usageValue(column, usage.total, m),
      previous: usageValue(column, previous.total, m),
      change: signedChange(column, now, before, m),
      changePercent,
    };
  });
}

function usageChangeNote(report: UsageReport): string | null {
  return report.previous
    ? messagesOf(report).t('usage.changeNote', { month: report.usage.month, previous: report.previous.month })
    : null;
}

/** The usage report's notes, the change note last when there is a month before. */
export function usageNotes(report: UsageReport): string[] {
  const changeNote = usageChangeNote(report);
  const notes = footnoteTexts(report.footnotes, messagesOf(report));
  return changeNote ? [...notes, changeNote] : notes;
}

/** "Campaigns" or "Campaigns · Running": the list's title on every surface. */
export function campaignListTitle(report: CampaignListReport): string {
  const m = messagesOf(report);
  return report.filter === 'all' ? m.t('list.title') : m.t('list.titleFiltered', { state: m.state(report.filter) });
}

/** What an empty list says on every surface. */
export function campaignListEmpty(report: CampaignListReport): string {
  const m = messagesOf(report);
  return report.filter === 'all' ? m.t('list.none') : m.t('list.noneFiltered', { state: m.state(report.filter) });
}
