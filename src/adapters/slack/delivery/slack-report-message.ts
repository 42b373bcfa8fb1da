import { DeliverableReport, liveNoteOf } from '../../../domain/delivery';
import { chartsOf } from '../../../render/chart-words';
import { renderSlackAlert } from '../../../render/slack/alert';
import { renderSlackCampaignReport } from '../../../render/slack/campaign';
import { renderSlackLiveMessage } from '../../../render/slack/live-progress';
import { renderSlackUsageReport } from '../../../render/slack/usage';
import { ChartedView } from '../send-with-chart-fallback';

/**
 * The Slack message of an automatic delivery: the same renderers as the slash command, charts as the
 * images given (QuickChart URLs or uploaded files; a chart without one becomes a text table), and "Open
 * full report" when there is a page to open. A campaign's live message (docs/live.md) has no charts.
 */
export function deliveryView(report: DeliverableReport): ChartedView {
  if (report.kind === 'alert') {
    const message = renderSlackAlert(report.notice);
    return { charts: [], timeZone: report.notice.timeZone, locale: report.notice.locale, render: () => message };
  }
  if (report.kind === 'campaign') {
    const live = liveNoteOf(report);
    return {
      charts: live ? [] : chartsOf(report.report),
      timeZone: report.report.overview.campaign.timeZone,
      locale: report.report.locale,
      render: (images, look) =>
        live
          ? renderSlackLiveMessage(report.report, live, report.fullReportUrl)
          : renderSlackCampaignReport(report.report, {
              charts: [...images],
              look,
              fullReportUrl: report.fullReportUrl,
            }),
    };
  }
  return {
    charts: chartsOf(report.report),
    timeZone: report.report.usage.timeZone,
    locale: report.report.locale,
    render: (images, look) => renderSlackUsageReport(report.report, { charts: [...images], look }),
  };
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
