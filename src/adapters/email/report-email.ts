import { renderAlertEmail } from '../../render/email/alert';
import type Mail from 'nodemailer/lib/mailer';
import { DeliverableReport } from '../../domain/delivery';
import { campaignCallPages, loadCallsReport } from '../../reports/calls-report';
import { ReportDeps, requireAccount } from '../../reports/report-context';
import { callsCsvFilename, renderCallsCsvPages } from '../../render/csv/calls';
import { EMAIL_DETAIL_ROW_LIMIT, renderCampaignEmail } from '../../render/email/campaign';
import { renderUsageEmail } from '../../render/email/usage';
import { inlineChartAttachments } from './chart-attachments';
import { emailLane } from './quiet-lane';

/**
 * A report as an email (docs/reports.md): HTML with the charts inline as CID images, a plain-text
 * part, and for a campaign the detailed report as a CSV attachment, byte for byte what
 * `npm run cli -- calls <campaign> --csv` prints.
 */
export interface EmailAddressing {
  from: string;
  to: string;
  /** Fixed per (report, recipient): `<delivery id@domain>`. */
  messageId: string;
  deliveryId: string;
}

/** The whole detailed report as CSV, page by page like the CLI. */
export async function campaignCallsCsv(deps: ReportDeps, accountId: string, campaignId: string): Promise<string> {
  const account = await requireAccount(deps.db, accountId);
  const parts: string[] = [];
  for await (const { csv } of renderCallsCsvPages(campaignCallPages(deps, accountId, campaignId, {}), account))
    parts.push(csv);
  return parts.join('');
}

export async function composeReportEmail(
  deps: ReportDeps,
  report: DeliverableReport,
  addressing: EmailAddressing,
): Promise<Mail.Options> {
  const headers = {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'X-Campaign-Report-Delivery': addressing.deliveryId,
  };
  const base = { from: addressing.from, to: addressing.to, messageId: addressing.messageId, headers };
  if (report.kind === 'alert') return { ...base, ...renderAlertEmail(report.notice) };
  if (report.kind === 'digest') {
    const charts = await inlineChartAttachments(
      report.report.charts,
      report.report.usage.timeZone,
      report.report.locale,
    );
    const rendered = await emailLane.run(() => renderUsageEmail(report.report, { chartCids: charts.chartCids }));
    return {
      ...base,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: charts.attachments,
    };
  }
  const { accountId, ref: campaignId } = report.subject;
  const timeZone = report.report.overview.campaign.timeZone;
  const [charts, detailRows, csv] = await Promise.all([
    inlineChartAttachments(report.report.charts, timeZone, report.report.locale),
    loadCallsReport(deps, accountId, campaignId, {}, EMAIL_DETAIL_ROW_LIMIT),
    campaignCallsCsv(deps, accountId, campaignId),
  ]);
  const rendered = await emailLane.run(() =>
    renderCampaignEmail(report.report, {
      chartCids: charts.chartCids,
      fullReportUrl: report.fullReportUrl ?? undefined,
      detailRows,
    }),
  );
  return {
    ...base,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    attachments: [
      ...charts.attachments,
      { filename: callsCsvFilename(campaignId), content: csv, contentType: 'text/csv; charset=utf-8' },
    ],
  };
}

/** The domain of EMAIL_FROM, for Message-IDs; a made-up one when it has none. */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(from);
  return match ? match[1].toLowerCase() : 'campaign-report.invalid';
}

export function fixedMessageId(deliveryId: string, domain: string): string {
  return `<${deliveryId}@${domain}>`;
}
