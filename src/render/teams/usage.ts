import { UsageReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import {
  USAGE_COLUMNS,
  botLabel,
  messagesOf,
  usageChanges,
  usageColumnLabel,
  usageNotes,
  usageValue,
} from '../report-figures';
import {
  AdaptiveCard,
  CardElement,
  ChartImage,
  NAME_MAX_CHARS,
  card,
  chartElement,
  escapeCardMarkdown,
  factSet,
  fits,
  footnoteElements,
  kicker,
  largestFittingItems,
  note,
  text,
  title,
  userText,
} from './card';
import { monthToDateElements } from './comparison';

export interface UsageCardOptions {
  chartImages?: ChartImage[];
}

function usageCardWith(report: UsageReport, options: UsageCardOptions, botCount: number): AdaptiveCard {
  const { usage } = report;
  const m = messagesOf(report);
  const body: CardElement[] = [
    kicker(m.t('usage.report')),
    title(escapeCardMarkdown(m.t('usage.titleOf', { month: usage.month, account: userText(usage.account) }))),
    note(escapeCardMarkdown(m.t('usage.scope', { month: usage.month, timeZone: usage.timeZone }))),
  ];
  for (const bot of usage.bots.slice(0, botCount)) {
    body.push(
      text(userText(botLabel(bot), NAME_MAX_CHARS), { weight: 'Bolder', spacing: 'Medium' }),
      factSet(
        USAGE_COLUMNS.map((column) => ({ title: usageColumnLabel(column, m), value: usageValue(column, bot, m) })),
      ),
    );
  }
  if (botCount < usage.bots.length) {
    body.push(note(m.t('usage.showingBots', { shown: m.integer(botCount), total: m.integer(usage.bots.length) })));
  }
  const changes = usageChanges(report);
  const previousMonth = report.previous?.month;
  body.push({
    type: 'Container',
    style: 'emphasis',
    spacing: 'Medium',
    items: [
      text(m.t('word.total'), { weight: 'Bolder' }),
      factSet(
        USAGE_COLUMNS.map((column, i) => ({
          title: usageColumnLabel(column, m),
          value: escapeCardMarkdown(
            usageValue(column, usage.total, m) +
              (changes && previousMonth
                ? ` (${m.t('usage.changeAgainst', { change: changes[i].change, changePercent: changes[i].changePercent, month: previousMonth })})`
                : ''),
          ),
        })),
      ),
    ],
  });
  body.push(...monthToDateElements(report, botCount));
  const charts = new Map(chartsOf(report).map((chart) => [chart.id as string, chart]));
  for (const image of options.chartImages ?? []) body.push(...chartElement(image, charts.get(image.chartId), true));
  body.push(...footnoteElements(usageNotes(report)));
  return card(body);
}

export function renderUsageCard(report: UsageReport, options: UsageCardOptions = {}): AdaptiveCard {
  const full = usageCardWith(report, options, report.usage.bots.length);
  if (fits(full)) return full;
  const lean = { ...options, chartImages: [] };
  const count = largestFittingItems(report.usage.bots.length, (n) => fits(usageCardWith(report, lean, n)));
  return usageCardWith(report, lean, count);
}
