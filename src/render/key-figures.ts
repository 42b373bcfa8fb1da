import { CampaignReport } from '../domain/report-model';
import { Figure, messagesOf, rateFigure } from './report-figures';

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
