import { PersonalDataRemoved } from './forgotten-identifiers';
import { CallStatus } from './call-status';
import { CampaignOverview, CampaignState } from './campaign-overview';
import { MonthlyUsageWithProjection } from './month-to-date';
import { MonthlyUsage } from './usage';

/**
 * The neutral report model (docs/architecture.md "The one idea"): plain data computed once, rendered by
 * Slack, Teams, email, the CLI table and JSON alike. Nothing here knows a surface.
 */

/** Every rate travels with its formula and denominator (docs/metrics.md preamble). */
export interface RateExplanation {
  /** Names the rate; renderers take its label and formula from the message catalog. */
  key: 'answerRate' | 'contactRate';
  numerator: number;
  denominator: number;
  value: number | null;
}

export type ChartKind = 'doughnut' | 'bar' | 'line';

/** A chart as data; render/chart-spec turns it into a Chart.js configuration. */
export interface ChartSpec {
  id: 'call-status' | 'result-codes' | 'calls-over-time' | 'usage-per-bot';
  title: string;
  kind: ChartKind;
  labels: string[];
  /** Counts of calls, unless `unit` says blocks (billing units): a chart gives each unit its own axis. */
  series: { label: string; values: number[]; unit?: 'blocks' }[];
  /** The month a usage chart covers ("2026-10"). */
  month?: string;
  /** What the chart shows, in figures, without repeating the title ("18 successful, 4 busy, ... of 43."). */
  caption: string;
  /** Title and caption in one sentence, for screen readers and text fallbacks. */
  altText: string;
}

export interface TimelinePoint {
  /** Start of the hour, ISO instant. */
  at: string;
  total: number;
  successful: number;
}

/** Calls whose platform reason neither the account's code map nor the connector's defaults cover (docs/connectors.md). */
export interface UnmappedReason {
  platform: string;
  reason: string;
  calls: number;
}

/** A note under a report; renderers take its words from the message catalog (`footnote.<key>`). */
export type Footnote = 'callDuration' | 'preliminary' | 'costUnknown' | 'usage' | 'unmappedReasons';

export interface CampaignReport {
  kind: 'campaign';
  overview: CampaignOverview;
  rates: RateExplanation[];
  timeline: TimelinePoint[];
  charts: ChartSpec[];
  footnotes: Footnote[];
  /** The account's locale ("en-US", "vi-VN"): the language and number formats of every word. */
  locale: string;
  /** Set when the report replaces one already posted (a late call or a correction). */
  updated: boolean;
  /** Reasons counted under a fallback code until they are mapped; a footnote says so. */
  unmappedReasons: UnmappedReason[];
}

export interface CallRow {
  callId: string;
  customerId: string;
  phone: string | null;
  attempt: number;
  /** ISO instant; renderers format it in the report's time zone. */
  startedAt: string;
  status: CallStatus;
  resultCode: string;
  callDurationMs: number;
  dialingDurationMs: number;
  /** Our own signed /r/<token> link, never the storage URL; null without a recording. */
  recordingLink: string | null;
  /** Set when phone and recording were removed (forget or retention), so reports say why they are blank. */
  personalDataRemoved?: PersonalDataRemoved | null;
}

export interface CallFilter {
  status?: CallStatus;
  resultCode?: string;
}

export interface CallsReport {
  kind: 'calls';
  campaign: { id: string; name: string; botId: string; state: CampaignState };
  timeZone: string;
  locale: string;
  filter: CallFilter;
  rows: CallRow[];
  /** All rows matching the filter; `rows` may hold only the first of them. */
  totalRows: number;
  /** True when calls have recordings but no link secret is configured, so no row links one. */
  recordingLinksOff?: boolean;
}

/** Said (stderr and a footnote) wherever recordings exist but cannot be linked. */
export const RECORDING_LINKS_OFF =
  'Recordings are not linked: set RECORDING_LINK_SECRET (32 characters or more) or APP_ENCRYPTION_KEY (docs/configuration.md).';

export interface UsageReport {
  kind: 'usage';
  /** Marked month to date, with its projection, when it is the month running in the account's zone. */
  usage: MonthlyUsageWithProjection;
  /** The month before, for the digest's change column; null when not loaded. */
  previous: MonthlyUsage | null;
  charts: ChartSpec[];
  footnotes: Footnote[];
  locale: string;
}

export interface CampaignListEntry {
  id: string;
  name: string;
  botId: string;
  state: CampaignState;
  totalCalls: number;
  answerRate: number | null;
  lastCallAt: string | null;
}

export interface CampaignListReport {
  kind: 'campaign-list';
  filter: CampaignState | 'all';
  timeZone: string;
  locale: string;
  campaigns: CampaignListEntry[];
}

export type Report = CampaignReport | CallsReport | UsageReport | CampaignListReport;
