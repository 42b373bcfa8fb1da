import { buildUsageReport } from '../domain/report-builders';
import { UsageReport } from '../domain/report-model';
import { lastFullMonth, monthRange, previousMonth } from '../domain/time-zone';
import { MonthlyUsage, buildMonthlyUsage } from '../domain/usage';
import { withMonthToDate } from '../domain/month-to-date';
import { Account } from '../storage/accounts';
import { listBudgets } from '../storage/alert-settings';
import { loadBotUsage } from '../storage/usage';
import { ReportDeps, accountOf } from './report-context';

export async function loadMonthlyUsage(deps: ReportDeps, accountId: string, month: string, botId?: string): Promise<MonthlyUsage> {
  return monthlyUsageOf(deps, await accountOf(deps, accountId), month, botId);
}

/** The month cut in the account's zone (docs/metrics.md), for an account already read. */
async function monthlyUsageOf(deps: ReportDeps, account: Account, month: string, botId?: string): Promise<MonthlyUsage> {
  const range = monthRange(month, account.timeZone);
  const bots = await loadBotUsage(deps.db, account.id, range.start, range.end, botId);
  return buildMonthlyUsage(account.id, month, account.timeZone, bots);
}

/**
 * Monthly usage (docs/metrics.md), by default for the last full month in the account's zone, with the month before;
 * the month running at `now` (options.now, else the deps' clock) is marked month to date with its projection.
 */
export async function loadUsageReport(
  deps: ReportDeps,
  accountId: string,
  options: { month?: string; botId?: string; now?: Date; withPrevious?: boolean } = {},
): Promise<UsageReport> {
  const account = await accountOf(deps, accountId);
  const now = options.now ?? deps.now?.() ?? new Date();
  const month = options.month ?? lastFullMonth(now, account.timeZone);
  const [usage, previous, budgets] = await Promise.all([
    monthlyUsageOf(deps, account, month, options.botId),
    options.withPrevious ? monthlyUsageOf(deps, account, previousMonth(month), options.botId) : Promise.resolve(null),
    listBudgets(deps.db, account.id),
  ]);
  const budgetOf = new Map(budgets.map((budget) => [budget.botId, budget.blocks]));
  return buildUsageReport(withMonthToDate(usage, now, budgetOf), previous, account.locale);
}
