import { CampaignComparison } from '../domain/campaign-comparison';
import { CampaignReport } from '../domain/report-model';
import { Messages, numberFormat } from './i18n/messages';
import { messagesOf, singleLine, truncate } from './report-figures';

/**
 * The comparison with the bot's previous campaign in words, the same on every surface (docs/metrics.md
 * "Comparisons"): a title, one line a figure with its direction ("Answer rate 46.9% — up 5.0 points on
 * cmp-1-000 (41.9%)"), and a note with the formulas. Plain text: each surface escapes it.
 */
export interface ComparisonWords {
  title: string;
  lines: string[];
  note: string | null;
}

const NAME_MAX_CHARS = 80;

/** One decimal, in the report's locale ("5.0", vi "5,0"). */
function oneDecimal(value: number, m: Messages): string {
  return numberFormat(m.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "up X on id" / "down X on id" / "same as id", from the sign and the formatted magnitude (zero when it shows as 0). */
function direction(delta: number, magnitude: string, shownAsZero: boolean, id: string, m: Messages): string {
  if (delta === 0 || shownAsZero) return m.t('comparison.same', { id });
  return m.t(delta > 0 ? 'comparison.up' : 'comparison.down', { change: magnitude, id });
}

function line(
  m: Messages,
  id: string,
  label: string,
  value: string,
  previousValue: string,
  change: string | null,
): string {
  return change === null
    ? m.t('comparison.lineWithout', { label, value, id, previousValue })
    : m.t('comparison.line', { label, value, change, previousValue });
}

function comparisonLines(report: CampaignReport, c: CampaignComparison, m: Messages): string[] {
  const { rates, costs } = report.overview;
  const id = c.previousCampaignId;
  const points = (value: number | null) => {
    if (value === null) return null;
    const magnitude = oneDecimal(Math.abs(value), m);
    return direction(value, m.t('comparison.points', { points: magnitude }), magnitude === oneDecimal(0, m), id, m);
  };
  const durationChange = c.averageCallDurationMs.change;
  const duration =
    durationChange === null
      ? null
      : direction(
          durationChange,
          m.duration(Math.abs(durationChange)),
          m.duration(Math.abs(durationChange)) === m.duration(0),
          id,
          m,
        );
  const cost = c.costPerApproachedCustomer;
  const costChange =
    cost.change === null
      ? null
      : direction(
          Number(cost.change),
          m.money(cost.change.replace(/^-/, ''), cost.currency),
          m.money(cost.change.replace(/^-/, ''), cost.currency) === m.money('0', cost.currency),
          id,
          m,
        );
  return [
    line(
      m,
      id,
      m.t('rate.answerRate'),
      m.percent(rates.answerRate),
      m.percent(c.previousAnswerRate),
      points(c.answerRatePoints),
    ),
    line(
      m,
      id,
      m.t('rate.contactRate'),
      m.percent(rates.contactRate),
      m.percent(c.previousContactRate),
      points(c.contactRatePoints),
    ),
    line(
      m,
      id,
      m.t('figure.averageCallDuration'),
      m.duration(costs.averageCallDurationMs),
      m.duration(c.averageCallDurationMs.previous),
      duration,
    ),
    line(
      m,
      id,
      m.t('comparison.costPerApproached'),
      m.money(cost.current, cost.currency),
      m.money(cost.previous, cost.currency),
      costChange,
    ),
  ];
}

/** Null when the report was built without a comparison (a model made by hand, not by the report loader). */
export function comparisonWords(report: CampaignReport): ComparisonWords | null {
  const c = report.overview.comparison;
  if (c === undefined) return null;
  const m = messagesOf(report);
  if (c === null) {
    return {
      title: m.t('comparison.title'),
      lines: [m.t('comparison.none', { bot: report.overview.campaign.botId })],
      note: null,
    };
  }
  const name = truncate(singleLine(c.previousCampaignName), NAME_MAX_CHARS);
  return {
    title: m.t('comparison.titleOf', { name, id: c.previousCampaignId }),
    lines: comparisonLines(report, c, m),
    note: m.t('comparison.note', { id: c.previousCampaignId }),
  };
}
