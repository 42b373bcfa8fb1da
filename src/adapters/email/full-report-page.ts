import { loadCallsReport } from '../../reports/calls-report';
import { loadCampaignReport } from '../../reports/campaign-report';
import { ReportDeps } from '../../reports/report-context';
import { renderFullReportPage } from '../../render/page/campaign';
import { chartDataUris } from './chart-attachments';

/** The page shows this many calls at most; the CSV (email, Slack button) has them all. */
export const FULL_REPORT_MAX_ROWS = 5_000;

/**
 * The "Open full report" page: the email's HTML with every chart as a data: URI and an audio player per
 * call, through the /r/ links that `deps.recordingLinkFor` makes.
 */
export async function buildFullReportPage(
  deps: ReportDeps,
  accountId: string,
  campaignId: string,
  links: { csvUrl?: string } = {},
): Promise<string> {
  const report = await loadCampaignReport(deps, accountId, campaignId);
  const [calls, uris] = await Promise.all([
    loadCallsReport(deps, accountId, report.overview.campaign.id, {}, FULL_REPORT_MAX_ROWS),
    chartDataUris(report.charts, report.overview.campaign.timeZone, report.locale),
  ]);
  return renderFullReportPage(report, calls, { chartDataUris: uris, ...links });
}
