import fs from 'node:fs';
import path from 'node:path';
import { DeliverableReport } from '../../domain/delivery';
import { deliveryIdFor } from '../../domain/delivery-ids';
import { reportPageUrl } from '../../domain/report-page-token';
import { loadCampaignReport } from '../../reports/campaign-report';
import { ReportDeps } from '../../reports/report-context';
import { buildFullReportPage } from './full-report-page';
import { composeReportEmail, fixedMessageId, messageIdDomain } from './report-email';
import { createBufferTransport } from './smtp-transport';

/**
 * For `npm run demo`: the campaign email exactly as a recipient's server would receive it (an .eml
 * file any mail client opens), and the full report page as an HTML file.
 */
export interface DemoEmailOptions {
  deps: ReportDeps;
  accountId: string;
  campaignId: string;
  /** Folder to write into (created when missing). */
  outDir: string;
  from?: string;
  to?: string;
  /** With a link secret the email carries "Open full report" to `<publicBaseUrl>/reports/<token>`. */
  publicBaseUrl?: string;
  linkSecret?: string;
}

/** Writes `<outDir>/report-<campaign>.eml`; returns its path. */
export async function writeDemoEmail(options: DemoEmailOptions): Promise<string> {
  const from = options.from ?? 'Campaign Report <campaign-report@localhost>';
  const to = options.to ?? 'ops@example.com';
  const report = await loadCampaignReport(options.deps, options.accountId, options.campaignId);
  const campaignId = report.overview.campaign.id;
  const subject = { kind: 'campaign' as const, accountId: options.accountId, ref: campaignId };
  const fullReportUrl =
    options.publicBaseUrl && options.linkSecret
      ? reportPageUrl(
          options.publicBaseUrl,
          options.accountId,
          campaignId,
          options.linkSecret,
          Math.floor(Date.now() / 1000),
        )
      : null;
  const deliverable: DeliverableReport = { kind: 'campaign', subject, report, fullReportUrl };
  const deliveryId = deliveryIdFor(subject, { kind: 'email', workspaceId: null, destination: to });
  const mail = await composeReportEmail(options.deps, deliverable, {
    from,
    to,
    deliveryId,
    messageId: fixedMessageId(deliveryId, messageIdDomain(from)),
  });
  const info = (await createBufferTransport().sendMail(mail)) as { message: Buffer };
  fs.mkdirSync(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `report-${safeName(campaignId)}.eml`);
  fs.writeFileSync(file, info.message);
  return file;
}

/** Writes `<outDir>/report-<campaign>.html`; returns its path. */
export async function writeDemoReportPage(options: {
  deps: ReportDeps;
  accountId: string;
  campaignId: string;
  outDir: string;
}): Promise<string> {
  const html = await buildFullReportPage(options.deps, options.accountId, options.campaignId);
  fs.mkdirSync(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `report-${safeName(options.campaignId)}.html`);
  fs.writeFileSync(file, html);
  return file;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]+/g, '_');
}
