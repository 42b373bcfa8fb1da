import type { CampaignComparison } from './campaign-comparison';
import { Micros, roundDecimal } from './decimal';
import { LiveProgress } from './live-progress';
import { divideRoundHalfUp, ratio } from './rounding';

export type CampaignState = 'running' | 'settling' | 'complete';

export interface ResultCodeCount {
  code: string;
  count: number;
}

/** Sums over one campaign's calls; storage keeps them current so that a report never scans the calls. */
export interface CampaignAggregates {
  total: number;
  callbacks: number;
  successful: number;
  unsuccessful: number;
  error: number;
  busy: number;
  noAnswer: number;
  callDurationMs: number;
  dialingDurationMs: number;
  blocks: number;
  costSum: Micros;
  /** Calls whose cost is unknown: any makes totalCost null. */
  costUnknown: number;
  messages: number;
  customersCalled: number;
  customersApproached: number;
  resultCodes: ResultCodeCount[];
}

export interface CampaignIdentity {
  id: string;
  name: string;
  botId: string;
  state: CampaignState;
  final: boolean;
  firstCallAt: string | null;
  lastCallAt: string | null;
  timeZone: string;
}

/** The `report --json` shape of docs/cli.md; every name is defined in docs/metrics.md. */
export interface CampaignOverview {
  campaign: CampaignIdentity;
  calls: {
    total: number;
    callbacks: number;
    successful: number;
    unsuccessful: number;
    error: number;
    busy: number;
    noAnswer: number;
  };
  resultCodes: ResultCodeCount[];
  customers: { total: number; approached: number; notApproached: number };
  costs: {
    totalCallDurationMs: number;
    averageCallDurationMs: number | null;
    blocks: number;
    /** Exact decimal text rounded to 2 places ("128138.48"); a JSON number only in campaignOverviewJson. */
    totalCost: string | null;
    currency: string;
  };
  dialingDurationMs: number;
  messages: number;
  rates: { answerRate: number | null; contactRate: number | null };
  /**
   * Against the bot's previous campaign (docs/metrics.md "Comparisons"): null when there is none; set by every
   * report loader (reports/campaign-report), absent only on an overview computed without one.
   */
  comparison?: CampaignComparison | null;
  /** docs/metrics.md "Live progress": set by the report loader, null once the campaign is complete. */
  progress?: LiveProgress | null;
}

/** docs/metrics.md: count descending, then code ascending. */
export function sortResultCodes(codes: readonly ResultCodeCount[]): ResultCodeCount[] {
  return codes
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function computeCampaignOverview(
  identity: CampaignIdentity,
  aggregates: CampaignAggregates,
  customersDeclared: number | null,
  currency: string,
): CampaignOverview {
  const customersTotal = Math.max(customersDeclared ?? 0, aggregates.customersCalled);
  return {
    campaign: identity,
    calls: {
      total: aggregates.total,
      callbacks: aggregates.callbacks,
      successful: aggregates.successful,
      unsuccessful: aggregates.unsuccessful,
      error: aggregates.error,
      busy: aggregates.busy,
      noAnswer: aggregates.noAnswer,
    },
    resultCodes: sortResultCodes(aggregates.resultCodes),
    customers: {
      total: customersTotal,
      approached: aggregates.customersApproached,
      notApproached: customersTotal - aggregates.customersApproached,
    },
    costs: {
      totalCallDurationMs: aggregates.callDurationMs,
      averageCallDurationMs:
        aggregates.successful === 0 ? null : divideRoundHalfUp(aggregates.callDurationMs, aggregates.successful),
      blocks: aggregates.blocks,
      totalCost: aggregates.costUnknown > 0 ? null : roundDecimal(aggregates.costSum, 2),
      currency,
    },
    dialingDurationMs: aggregates.dialingDurationMs,
    messages: aggregates.messages,
    rates: {
      answerRate: ratio(aggregates.successful, aggregates.total),
      contactRate: ratio(aggregates.customersApproached, customersTotal),
    },
  };
}

/** The `report --json` object (docs/cli.md): as the overview, with totalCost the JSON number of its exact text. */
export type CampaignOverviewJson = Omit<CampaignOverview, 'costs' | 'comparison'> & {
  costs: Omit<CampaignOverview['costs'], 'totalCost'> & { totalCost: number | null };
  comparison?: CampaignComparisonJson | null;
};

type CostChangeJson = { [K in 'current' | 'previous' | 'change']: number | null } & { currency: string };
export type CampaignComparisonJson = Omit<CampaignComparison, 'costPerApproachedCustomer'> & {
  costPerApproachedCustomer: CostChangeJson;
};

const moneyNumber = (text: string | null) => (text === null ? null : Number(text));

function comparisonJson(comparison: CampaignComparison): CampaignComparisonJson {
  const cost = comparison.costPerApproachedCustomer;
  return {
    ...comparison,
    costPerApproachedCustomer: {
      current: moneyNumber(cost.current),
      previous: moneyNumber(cost.previous),
      change: moneyNumber(cost.change),
      currency: cost.currency,
    },
  };
}

export function campaignOverviewJson(overview: CampaignOverview): CampaignOverviewJson {
  const { comparison, ...rest } = overview;
  return {
    ...rest,
    costs: { ...overview.costs, totalCost: moneyNumber(overview.costs.totalCost) },
    ...(comparison === undefined ? {} : { comparison: comparison === null ? null : comparisonJson(comparison) }),
  };
}
