import { CampaignReport, UsageReport } from '../domain/report-model';
import { Figure, USAGE_COLUMNS, messagesOf, rateFigure, usageColumnLabel, usageValue } from './report-figures';

/**
 * The five figures a campaign manager looks for first, shown as tiles at the top of the email and the
 * page: calls, answer rate, contact rate, call time and total cost. Rates keep their formula as detail.
 */
export function keyFigures(report: CampaignReport): Figure[] {
  const { calls, costs } = report.overview;
  const m = messagesOf(report);
  const rate = (key: 'answerRate' | 'contactRate') => {
    const found = report.rates.find((entry) => entry.key === key);
    return found ? [rateFigure(found, m)] : [];
  };
  return [
    { label: m.t('figure.totalCalls'), value: m.integer(calls.total) },
    ...rate('answerRate'),
    ...rate('contactRate'),
    { label: m.t('figure.totalCallDuration'), value: m.duration(costs.totalCallDurationMs) },
    { label: m.t('figure.totalCost'), value: m.money(costs.totalCost, costs.currency) },
  ];
}

/** The month's totals a usage report opens with: calls, sessions, blocks and call time. */
export function usageKeyFigures(report: UsageReport): Figure[] {
  const m = messagesOf(report);
  return USAGE_COLUMNS.filter((column) =>
    ['totalCalls', 'sessions', 'blocks', 'callDurationMs'].includes(column.key),
  ).map((column) => ({
    label: usageColumnLabel(column, m),
    value: usageValue(column, report.usage.total, m),
  }));
}
