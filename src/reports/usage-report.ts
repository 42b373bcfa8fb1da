import { buildUsageReport } from '../domain/report-builders';
import { UsageReport } from '../domain/report-model';
import { lastFullMonth, monthRange, previousMonth } from '../domain/time-zone';
import { MonthlyUsage, buildMonthlyUsage } from '../domain/usage';
import { loadBotUsage } from '../storage/usage';
import { ReportDeps, requireAccount } from './report-context';

export async function loadMonthlyUsage(deps: ReportDeps, accountId: string, month: string, botId?: string): Promise<MonthlyUsage> {
  const account = await requireAccount(deps.db, accountId);
  const range = monthRange(month, account.timeZone);
  const bots = await loadBotUsage(deps.db, accountId, range.start, range.end, botId);
  return buildMonthlyUsage(accountId, month, account.timeZone, bots);
}

/** Monthly usage (metrics.md), by default for the last full month in the account's zone, with the month before. */
export async function loadUsageReport(
  deps: ReportDeps,
  accountId: string,
  options: { month?: string; botId?: string; now?: Date; withPrevious?: boolean } = {},
): Promise<UsageReport> {
  const account = await requireAccount(deps.db, accountId);
  const month = options.month ?? lastFullMonth(options.now ?? new Date(), account.timeZone);
  const [usage, previous] = await Promise.all([
    loadMonthlyUsage(deps, accountId, month, options.botId),
    options.withPrevious ? loadMonthlyUsage(deps, accountId, previousMonth(month), options.botId) : Promise.resolve(null),
  ]);
  return buildUsageReport(usage, previous, account.locale);
}
