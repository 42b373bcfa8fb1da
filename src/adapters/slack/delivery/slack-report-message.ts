import { DeliverableReport } from '../../../domain/delivery';
import { ChartSpec } from '../../../domain/report-model';
import { SlackMessage } from '../../../render/slack/block-kit';
import { renderSlackCampaignReport } from '../../../render/slack/campaign';
import { SlackChartImage } from '../../../render/slack/parts';
import { renderSlackUsageReport } from '../../../render/slack/usage';
import { buildQuickChartUrl } from '../../charts/quickchart-url';

/**
 * The Slack message of an automatic delivery: the same renderers as the slash command, charts as
 * QuickChart images when QUICKCHART_BASE_URL allows (else the renderer's text tables), and "Open full
 * report" when there is a page to open.
 */
export function chartImages(specs: readonly ChartSpec[], quickchartBaseUrl: string, timeZone: string): SlackChartImage[] {
  const images: SlackChartImage[] = [];
  for (const spec of specs) {
    const url = buildQuickChartUrl(spec, quickchartBaseUrl, { timeZone });
    if (url) images.push({ chartId: spec.id, imageUrl: url, altText: spec.altText });
  }
  return images;
}

export function renderDeliveryMessage(report: DeliverableReport, quickchartBaseUrl: string): SlackMessage {
  if (report.kind === 'campaign') {
    const { campaign } = report.report.overview;
    return renderSlackCampaignReport(report.report, {
      charts: chartImages(report.report.charts, quickchartBaseUrl, campaign.timeZone),
      fullReportUrl: report.fullReportUrl,
    });
  }
  const { usage } = report.report;
  return renderSlackUsageReport(report.report, { charts: chartImages(report.report.charts, quickchartBaseUrl, usage.timeZone) });
}

/** What Slack keeps with the message so that a retry can find it (crash healing). */
export const DELIVERY_EVENT_TYPE = 'campaign_report_delivery';

export function deliveryMetadata(deliveryId: string, report: DeliverableReport) {
  return {
    event_type: DELIVERY_EVENT_TYPE,
    event_payload: { delivery_id: deliveryId, report_kind: report.kind, report_ref: report.subject.ref, account_id: report.subject.accountId },
  };
}
