import { CampaignReport } from '../domain/report-model';
import { formatDuration, formatInteger, formatMoney } from './format';
import { Figure, rateFigure } from './report-figures';

/**
 * The five figures a campaign manager looks for first, shown as tiles at the top of the email and the
 * page: calls, answer rate, contact rate, call time and total cost. Rates keep their formula as detail.
 */
export function keyFigures(report: CampaignReport): Figure[] {
  const { calls, costs } = report.overview;
  const rate = (key: 'answerRate' | 'contactRate') => {
    const found = report.rates.find((entry) => entry.key === key);
    return found ? [rateFigure(found, report.locale)] : [];
  };
  return [
    { label: 'Total calls', value: formatInteger(calls.total, report.locale) },
    ...rate('answerRate'),
    ...rate('contactRate'),
    { label: 'Total call time', value: formatDuration(costs.totalCallDurationMs) },
    { label: 'Total cost', value: formatMoney(costs.totalCost, costs.currency, report.locale) },
  ];
}
