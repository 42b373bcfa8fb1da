import { CampaignOverview } from './campaign-overview';
import { Micros, formatDecimal, parseSignedDecimal } from './decimal';

/**
 * docs/metrics.md "Comparisons": how a campaign did against its bot's previous campaign (the most recent other
 * complete campaign of the same bot whose first call is earlier).
 */
export interface ValueChange<T> {
  current: T | null;
  previous: T | null;
  /** current − previous; null when either is null. */
  change: T | null;
}

export interface CampaignComparison {
  previousCampaignId: string;
  previousCampaignName: string;
  /** The previous campaign's first call (ISO instant): what makes it earlier. */
  previousFirstCallAt: string;
  /** (answer rate − the previous campaign's) in percentage points; null when either rate is null. */
  answerRatePoints: number | null;
  contactRatePoints: number | null;
  previousAnswerRate: number | null;
  previousContactRate: number | null;
  averageCallDurationMs: ValueChange<number>;
  /** costs.totalCost / customers.approached, exact decimal text rounded to 2 places, in `currency`. */
  costPerApproachedCustomer: ValueChange<string> & { currency: string };
}

/** What a comparison reads of the previous campaign: its identity and the overview's figures. */
export type ComparedCampaign = Pick<CampaignOverview, 'calls' | 'customers' | 'costs'> & {
  id: string;
  name: string;
  firstCallAt: string;
};

/**
 * 100 × (a/b − c/d) as one division of exact integers, so that the points are the correctly rounded double of
 * the exact difference (no 0.30000000000000004 from subtracting two rounded rates); null when b or d is 0.
 */
export function rateChangePoints(
  current: { numerator: number; denominator: number },
  previous: { numerator: number; denominator: number },
): number | null {
  if (current.denominator === 0 || previous.denominator === 0) return null;
  const numerator =
    100n *
    (BigInt(current.numerator) * BigInt(previous.denominator) -
      BigInt(previous.numerator) * BigInt(current.denominator));
  return Number(numerator) / (current.denominator * previous.denominator);
}

const MICROS_PER_CENT = 10_000n;

/** totalCost / approached, rounded half up to 2 decimals from the exact quotient; null when the cost is unknown or either is zero. */
export function costPerApproachedCustomer(totalCost: string | null, approached: number): string | null {
  if (totalCost === null || approached === 0) return null;
  const cost: Micros = parseSignedDecimal(totalCost);
  if (cost <= 0n) return null;
  const step = BigInt(approached) * MICROS_PER_CENT;
  const cents = (2n * cost + step) / (2n * step);
  return formatDecimal(cents * MICROS_PER_CENT);
}

function difference(current: string | null, previous: string | null): string | null {
  if (current === null || previous === null) return null;
  return formatDecimal(parseSignedDecimal(current) - parseSignedDecimal(previous));
}

export function compareCampaigns(current: CampaignOverview, previous: ComparedCampaign): CampaignComparison {
  const answerRate = (o: Pick<CampaignOverview, 'calls'>) => ({
    numerator: o.calls.successful,
    denominator: o.calls.total,
  });
  const contactRate = (o: Pick<CampaignOverview, 'customers'>) => ({
    numerator: o.customers.approached,
    denominator: o.customers.total,
  });
  const ratio = ({ numerator, denominator }: { numerator: number; denominator: number }) =>
    denominator === 0 ? null : numerator / denominator;
  const durationNow = current.costs.averageCallDurationMs;
  const durationBefore = previous.costs.averageCallDurationMs;
  const costNow = costPerApproachedCustomer(current.costs.totalCost, current.customers.approached);
  const costBefore = costPerApproachedCustomer(previous.costs.totalCost, previous.customers.approached);
  return {
    previousCampaignId: previous.id,
    previousCampaignName: previous.name,
    previousFirstCallAt: previous.firstCallAt,
    answerRatePoints: rateChangePoints(answerRate(current), answerRate(previous)),
    contactRatePoints: rateChangePoints(contactRate(current), contactRate(previous)),
    previousAnswerRate: ratio(answerRate(previous)),
    previousContactRate: ratio(contactRate(previous)),
    averageCallDurationMs: {
      current: durationNow,
      previous: durationBefore,
      change: durationNow === null || durationBefore === null ? null : durationNow - durationBefore,
    },
    costPerApproachedCustomer: {
      current: costNow,
      previous: costBefore,
      change: difference(costNow, costBefore),
      currency: current.costs.currency,
    },
  };
}
