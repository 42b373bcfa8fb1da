import { DeliverableReport } from '../../../domain/delivery';
import { ChartSpec } from '../../../domain/report-model';
import { chartsOf } from '../../../render/chart-words';
import { SlackMessage } from '../../../render/slack/block-kit';
import { renderSlackAlert } from '../../../render/slack/alert';
import { renderSlackCampaignReport } from '../../../render/slack/campaign';
import { SlackChartImage } from '../../../render/slack/parts';
import { renderSlackUsageReport } from '../../../render/slack/usage';

/**
 * The Slack message of an automatic delivery: the same renderers as the slash command, charts as the
 * images given (QuickChart URLs or uploaded files; a chart without one becomes a text table), and "Open
 * full report" when there is a page to open.
 */
export function renderDeliveryMessage(report: DeliverableReport, charts: readonly SlackChartImage[]): SlackMessage {
  if (report.kind === 'alert') return renderSlackAlert(report.notice);
  if (report.kind === 'campaign') {
    return renderSlackCampaignReport(report.report, { charts: [...charts], fullReportUrl: report.fullReportUrl });
  }
  return renderSlackUsageReport(report.report, { charts: [...charts] });
}

/** The charts of a delivery, with the zone and locale to draw them in. */
export function deliveryCharts(report: DeliverableReport): {
  specs: readonly ChartSpec[];
  timeZone: string;
  locale: string;
} {
  if (report.kind === 'alert') return { specs: [], timeZone: report.notice.timeZone, locale: report.notice.locale };
  if (report.kind === 'campaign') {
    return {
      specs: chartsOf(report.report),
      timeZone: report.report.overview.campaign.timeZone,
      locale: report.report.locale,
    };
  }
  return { specs: chartsOf(report.report), timeZone: report.report.usage.timeZone, locale: report.report.locale };
}

/** What Slack keeps with the message so that a retry can find it (crash healing). */
export const DELIVERY_EVENT_TYPE = 'campaign_report_delivery';

export function deliveryMetadata(deliveryId: string, report: DeliverableReport) {
  return {
    event_type: DELIVERY_EVENT_TYPE,
    event_payload: {
      delivery_id: deliveryId,
      report_kind: report.kind,
      report_ref: report.subject.ref,
      account_id: report.subject.accountId,
    },
  };
}
