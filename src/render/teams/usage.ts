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
  dataText,
  factSet,
  fits,
  footnoteElements,
  kicker,
  largestFittingItems,
  literal,
  literalTitle,
  note,
  text,
} from './card';
import { monthToDateElements } from './comparison';
import { teamsChartElements } from './native-charts';

export interface UsageCardOptions {
  chartImages?: ChartImage[];
}

function usageCardWith(report: UsageReport, options: UsageCardOptions, botCount: number): AdaptiveCard {
  const { usage } = report;
  const m = messagesOf(report);
  const body: CardElement[] = [
    kicker(m.t('usage.report')),
    literalTitle(m.t('usage.titleOf', { month: usage.month, account: dataText(usage.account) })),
    note(m.t('usage.scope', { month: usage.month, timeZone: usage.timeZone })),
  ];
  for (const bot of usage.bots.slice(0, botCount)) {
    body.push(
      literal(dataText(botLabel(bot), NAME_MAX_CHARS), { spacing: 'Medium' }, { weight: 'Bolder' }),
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
          // Figures only (digits, signs, a month): nothing Markdown would format, so no escaping to show.
          value:
            usageValue(column, usage.total, m) +
            (changes && previousMonth
              ? ` (${m.t('usage.changeAgainst', { change: changes[i].change, changePercent: changes[i].changePercent, month: previousMonth })})`
              : ''),
        })),
      ),
    ],
  });
  body.push(...monthToDateElements(report, botCount));
  const charts = new Map(chartsOf(report).map((chart) => [chart.id as string, chart]));
  for (const image of options.chartImages ?? [])
    body.push(...teamsChartElements(image, charts.get(image.chartId), true, m));
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
