import { CampaignReport } from '../../domain/report-model';
import { chartsOf } from '../chart-words';
import { Messages } from '../i18n/messages';
import {
  ResultCodeRow,
  campaignFacts,
  campaignSections,
  footnoteTexts,
  messagesOf,
  resultCodeRows,
  statusText,
} from '../report-figures';
import {
  AdaptiveCard,
  CardAction,
  CardElement,
  ChartImage,
  card,
  dataText,
  figureElements,
  fits,
  footnoteElements,
  heading,
  httpUrl,
  kicker,
  largestFittingItems,
  literal,
  literalCell,
  literalFacts,
  literalTitle,
  note,
  table,
  text,
} from './card';
import { comparisonElements } from './comparison';
import { teamsChartElements } from './native-charts';

const codeLine = (row: ResultCodeRow) =>
  [dataText(row.code), row.count, row.share, ...(row.meaning ? [row.meaning] : [])].join(' · ');

/** Code (its meaning under it), calls, share; a client without Table gets one line per code. */
function resultCodeTable(rows: readonly ResultCodeRow[], m: Messages): CardElement {
  return table(
    [3, 1, 1],
    [m.t('resultCodes.code'), m.t('resultCodes.calls'), m.t('resultCodes.share')],
    rows.map((row) => ({
      type: 'TableRow',
      cells: [
        {
          type: 'TableCell',
          items: [
            literal(dataText(row.code)),
            ...(row.meaning ? [literal(row.meaning, { spacing: 'None' }, { size: 'Small', isSubtle: true })] : []),
          ],
        },
        literalCell(row.count),
        literalCell(row.share),
      ],
    })),
    { fallback: { type: 'Container', items: rows.map((row) => literal(codeLine(row))) } },
  );
}

export interface CampaignCardOptions {
  chartImages: ChartImage[];
  fullReportUrl?: string;
}

function campaignCardWith(
  report: CampaignReport,
  options: CampaignCardOptions,
  imagesIncluded: readonly boolean[],
  codeCount: number,
): AdaptiveCard {
  const { campaign } = report.overview;
  const m = messagesOf(report);
  const body: CardElement[] = [
    kicker(m.t(report.updated ? 'report.campaignUpdated' : 'report.campaign')),
    literalTitle(campaign.name),
    text(statusText(report), {
      color: campaign.final ? 'Good' : 'Warning',
      weight: 'Bolder',
      spacing: 'Small',
    }),
    literalFacts(campaignFacts(report).map((fact) => ({ title: fact.label, value: fact.value }))),
  ];
  for (const section of campaignSections(report)) body.push(heading(section.title), ...figureElements(section.figures));
  body.push(...comparisonElements(report));
  const codes = resultCodeRows(report);
  body.push(heading(m.t('resultCodes.title')));
  if (codes.length === 0) body.push(note(m.t('resultCodes.none')));
  else {
    body.push(resultCodeTable(codes.slice(0, codeCount), m));
    if (codeCount < codes.length) {
      body.push(note(m.t('resultCodes.showing', { shown: m.integer(codeCount), total: m.integer(codes.length) })));
    }
    body.push(note(m.t('resultCodes.shareNote')));
  }
  const charts = new Map(chartsOf(report).map((chart) => [chart.id as string, chart]));
  options.chartImages.forEach((image, i) => {
    body.push(...teamsChartElements(image, charts.get(image.chartId), imagesIncluded[i], m));
  });
  body.push(...footnoteElements(footnoteTexts(report.footnotes, m, report.unmappedReasons)));
  const actions: CardAction[] = [
    { type: 'Action.Submit', title: m.t('action.calls'), data: { command: `calls ${campaign.id}` } },
  ];
  const fullReport = httpUrl(options.fullReportUrl);
  if (fullReport) actions.push({ type: 'Action.OpenUrl', title: m.t('action.openFullReport'), url: fullReport });
  return card(body, actions);
}

export function renderCampaignCard(report: CampaignReport, options: CampaignCardOptions): AdaptiveCard {
  const codeTotal = report.overview.resultCodes.length;
  const included = options.chartImages.map(() => true);
  let built = campaignCardWith(report, options, included, codeTotal);
  // Inline (data:) charts are the heaviest part: replace them by their alt text, biggest first, before any row goes.
  const bySize = options.chartImages.map((image, i) => ({ i, size: image.url.length })).sort((a, b) => b.size - a.size);
  for (const { i } of bySize) {
    if (fits(built)) return built;
    included[i] = false;
    built = campaignCardWith(report, options, included, codeTotal);
  }
  if (fits(built)) return built;
  const count = largestFittingItems(codeTotal, (n) => fits(campaignCardWith(report, options, included, n)));
  return campaignCardWith(report, options, included, count);
}
