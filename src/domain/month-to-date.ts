import { divideRoundHalfUp } from './rounding';
import { localFields, monthOf, parseMonth } from './time-zone';
import { BotUsage, MonthlyUsage, UsageFigures } from './usage';

/**
 * docs/metrics.md "Comparisons", month to date: the usage of the month that is running in the account's zone,
 * projected to the month's end as `blocks × days in month / days elapsed`, rounded half up.
 */
export interface MonthProgress {
  /** Local calendar days of the month that have begun at `now`, today included (1 on the 1st). */
  daysElapsed: number;
  daysInMonth: number;
}

export function daysInMonth(month: string): number {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`month must look like 2026-10, not "${month}"`);
  return new Date(Date.UTC(parsed.year, parsed.month, 0)).getUTCDate();
}

/** How far the month has run at `now` in the zone; null when `month` is not the month running then. */
export function monthProgressAt(month: string, now: Date, timeZone: string): MonthProgress | null {
  if (monthOf(now, timeZone) !== month) return null;
  return { daysElapsed: localFields(now, timeZone).day, daysInMonth: daysInMonth(month) };
}

export function projectBlocks(blocks: number, progress: MonthProgress): number {
  return divideRoundHalfUp(blocks * progress.daysInMonth, progress.daysElapsed);
}

/** A figure with its projection, and a bot's monthly block budget when one is set (docs/alerts.md). */
export type ProjectedUsage<T extends UsageFigures> = T & { projectedBlocks?: number; budgetBlocks?: number };

/**
 * The usage as `usage --json` prints it: `monthToDate` always, and for the running month the days behind
 * the projection and `projectedBlocks` per bot and in total.
 */
export type MonthlyUsageWithProjection = Omit<MonthlyUsage, 'bots' | 'total'> & {
  /** Set by the usage report loader (reports/usage-report); absent on a usage built without a clock. */
  monthToDate?: boolean;
  projection?: MonthProgress;
  bots: ProjectedUsage<BotUsage>[];
  total: ProjectedUsage<UsageFigures>;
};

/** `budgets`: each bot's monthly block budget, shown beside its projection (bots without one have none). */
export function withMonthToDate(
  usage: MonthlyUsage,
  now: Date,
  budgets: ReadonlyMap<string, number> = new Map(),
): MonthlyUsageWithProjection {
  const progress = monthProgressAt(usage.month, now, usage.timeZone);
  if (!progress) return { ...usage, monthToDate: false };
  const project = <T extends UsageFigures>(figures: T): ProjectedUsage<T> => ({
    ...figures,
    projectedBlocks: projectBlocks(figures.blocks, progress),
  });
  return {
    ...usage,
    monthToDate: true,
    projection: progress,
    bots: usage.bots.map((bot) => {
      const budget = budgets.get(bot.botId);
      return budget === undefined ? project(bot) : { ...project(bot), budgetBlocks: budget };
    }),
    total: project(usage.total),
  };
}
