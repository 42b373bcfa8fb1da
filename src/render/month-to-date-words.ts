import { UsageReport } from '../domain/report-model';
import { botLabel, messagesOf } from './report-figures';

/**
 * The month-to-date marking of a usage report in words, the same on every surface (docs/metrics.md
 * "Comparisons"): the marker, blocks so far and projected to the month's end per bot and in total, the formula.
 * Plain text: each surface escapes it. A bot with a monthly block budget has it beside its projection.
 */
export interface ProjectionRow {
  label: string;
  blocks: string;
  projected: string;
}

export interface MonthToDateWords {
  marker: string;
  title: string;
  columns: { voicebot: string; blocks: string; projected: string };
  rows: ProjectionRow[];
  total: ProjectionRow;
  formula: string;
}

/** Null unless the report is the month running in the account's zone. */
export function monthToDateWords(report: UsageReport): MonthToDateWords | null {
  const { usage } = report;
  const progress = usage.projection;
  if (!usage.monthToDate || !progress) return null;
  const m = messagesOf(report);
  const days = { elapsed: progress.daysElapsed, days: progress.daysInMonth };
  const row = (
    label: string,
    figures: { blocks: number; projectedBlocks?: number; budgetBlocks?: number },
  ): ProjectionRow => {
    const projected = figures.projectedBlocks ?? figures.blocks;
    const budget = figures.budgetBlocks;
    return {
      label,
      blocks: m.integer(figures.blocks),
      projected:
        budget === undefined
          ? m.integer(projected)
          : m.t('monthToDate.ofBudget', {
              projected: m.integer(projected),
              percent: m.percent(projected / budget),
              budget: m.integer(budget),
            }),
    };
  };
  return {
    marker: m.t('monthToDate.marker', { ...days, month: usage.month, timeZone: usage.timeZone }),
    title: m.t('monthToDate.title'),
    columns: {
      voicebot: m.t('usage.voicebot'),
      blocks: m.t('monthToDate.blocksSoFar'),
      projected: m.t('monthToDate.projected'),
    },
    rows: usage.bots.map((bot) => row(botLabel(bot), bot)),
    total: row(m.t('word.total'), usage.total),
    formula: m.t('monthToDate.formula', days),
  };
}
