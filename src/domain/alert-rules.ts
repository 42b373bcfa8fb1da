import { DECIMAL_SCALE, Micros, formatDecimal } from './decimal';

/**
 * docs/alerts.md "The rules" (the definitions of metrics) as pure functions: a rule's state (is an episode open?) and a window of
 * figures in, fire, clear or nothing out. Thresholds are exact decimals (Micros), compared by
 * cross-multiplying integers, never as float ratios.
 */

export const ALERT_RULES = ['errors', 'answer-rate', 'stalled', 'budget'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
/** The rules whose threshold `alert <rule> <value or off>` changes; `budget` is set per bot. */
export const THRESHOLD_RULES = ['errors', 'answer-rate', 'stalled'] as const;
export type ThresholdRule = (typeof THRESHOLD_RULES)[number];

export type AlertDecision = 'fire' | 'clear' | null;
export type AlertEvent = 'fire' | 'clear';

const UNIT = 10n ** BigInt(DECIMAL_SCALE);

/** One rule's setting for an account: its threshold, or off. */
export interface RuleSetting {
  enabled: boolean;
  /** errors: percent of the last 50 calls; answer-rate: multiple of the baseline; stalled: minutes. */
  threshold: Micros;
}
export type AlertSettings = Record<ThresholdRule, RuleSetting>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  errors: { enabled: true, threshold: 20n * UNIT },
  'answer-rate': { enabled: true, threshold: UNIT / 2n },
  stalled: { enabled: true, threshold: 15n * UNIT },
};

export const ERRORS_MIN_CALLS = 20;
export const ERRORS_WINDOW = 50;
export const ANSWER_RATE_MIN_CALLS = 50;
export const ANSWER_RATE_WINDOW = 100;
export const BASELINE_CAMPAIGNS = 10;
export const BASELINE_MIN_CAMPAIGNS = 3;
export const BASELINE_MIN_CALLS = 50;
export const BUDGET_LEVELS = [80, 100] as const;

/** A rate as an exact fraction. */
export interface Rate {
  num: bigint;
  den: bigint;
}

/** How a threshold reads: "20 %", "0.5 ×", "15 min" are rendered from this text. */
export function thresholdText(value: Micros): string {
  return formatDecimal(value);
}

/**
 * errors clears at half its firing share (the default 20 % clears at ≤ 10 %); answer-rate at 1.5 times
 * its firing factor, at most the baseline itself (the default 0.5 clears at ≥ 0.75).
 */
export function errorsClearPercent(fire: Micros): Micros {
  return fire / 2n;
}
export function answerRateClearFactor(fire: Micros): Micros {
  const clear = (fire * 3n) / 2n;
  return clear > UNIT ? UNIT : clear;
}

export interface ErrorsWindow {
  /** Calls of the campaign stored so far. */
  campaignCalls: number;
  /** Calls in the window: the last 50, or all of them while fewer. */
  windowCalls: number;
  windowErrors: number;
}

/** `errors`: ≥ 20 calls and CU ≥ threshold % of the last 50 fires; ≤ half the threshold clears. */
export function decideErrors(open: boolean, w: ErrorsWindow, percent: Micros): AlertDecision {
  if (w.windowCalls === 0) return null;
  const share = BigInt(w.windowErrors) * 100n * UNIT;
  if (!open) return w.campaignCalls >= ERRORS_MIN_CALLS && share >= percent * BigInt(w.windowCalls) ? 'fire' : null;
  return share <= errorsClearPercent(percent) * BigInt(w.windowCalls) ? 'clear' : null;
}

export interface AnswerRateWindow {
  campaignCalls: number;
  /** Calls in the window: the last 100, or all of them while fewer. */
  windowCalls: number;
  windowSuccessful: number;
  baseline: Rate | null;
}

/** successful / calls compared with factor × baseline: the sign of (successful × den − factor × num × calls). */
function compareWithBaseline(w: AnswerRateWindow, factor: Micros, baseline: Rate): number {
  const left = BigInt(w.windowSuccessful) * UNIT * baseline.den;
  const right = factor * baseline.num * BigInt(w.windowCalls);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `answer-rate`: with a baseline and ≥ 50 calls, the last 100 calls' rate below factor × baseline fires. */
export function decideAnswerRate(open: boolean, w: AnswerRateWindow, factor: Micros): AlertDecision {
  if (!w.baseline || w.windowCalls === 0) return null;
  if (!open) {
    return w.campaignCalls >= ANSWER_RATE_MIN_CALLS && compareWithBaseline(w, factor, w.baseline) < 0 ? 'fire' : null;
  }
  return compareWithBaseline(w, answerRateClearFactor(factor), w.baseline) >= 0 ? 'clear' : null;
}

/**
 * A bot's baseline: the median answer rate of its latest 10 complete campaigns with ≥ 50 calls each
 * (the caller passes them newest first); none while fewer than 3.
 */
export function baselineOf(campaigns: readonly { successful: number; total: number }[]): Rate | null {
  const eligible = campaigns.filter((c) => c.total >= BASELINE_MIN_CALLS).slice(0, BASELINE_CAMPAIGNS);
  if (eligible.length < BASELINE_MIN_CAMPAIGNS) return null;
  const sorted = [...eligible].sort((a, b) => a.successful * b.total - b.successful * a.total);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return { num: BigInt(sorted[middle].successful), den: BigInt(sorted[middle].total) };
  const a = sorted[middle - 1];
  const b = sorted[middle];
  return {
    num: BigInt(a.successful) * BigInt(b.total) + BigInt(b.successful) * BigInt(a.total),
    den: 2n * BigInt(a.total) * BigInt(b.total),
  };
}

export interface StalledState {
  complete: boolean;
  hasCompletionEvent: boolean;
  lastReceivedAt: Date | null;
  /** The open episode's last call when it fired (a later call clears it); undefined when none is open. */
  openSince?: Date;
}

/** `stalled`: no completion event and no call for `minutes` fires; a call after the quiet began (or completion) clears. */
export function decideStalled(state: StalledState, now: Date, minutes: Micros): AlertDecision {
  if (state.openSince) {
    const called = state.lastReceivedAt !== null && state.lastReceivedAt.getTime() > state.openSince.getTime();
    return called || state.complete ? 'clear' : null;
  }
  if (state.complete || state.hasCompletionEvent || !state.lastReceivedAt) return null;
  const quietMs = BigInt(now.getTime() - state.lastReceivedAt.getTime()) * UNIT;
  return quietMs >= minutes * 60_000n ? 'fire' : null;
}

/** `budget`: the levels (80, then 100 % of the monthly blocks) reached and not yet fired this month. */
export function budgetLevelsToFire(blocks: number, budget: number, fired: ReadonlySet<number>): number[] {
  if (budget <= 0) return [];
  return BUDGET_LEVELS.filter((level) => !fired.has(level) && blocks * 100 >= level * budget);
}

/** Whole percent, half up, of a count in a window (the figure an alert shows). */
export function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.floor((200 * count + total) / (2 * total));
}

/** A Rate as a whole percent, half up. */
export function ratePercent(rate: Rate): number {
  return Number((200n * rate.num + rate.den) / (2n * rate.den));
}
