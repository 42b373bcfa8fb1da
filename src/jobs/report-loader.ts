import { DeliverableReport, LiveNote, ReportSubject } from '../domain/delivery';
import { reportPageUrl } from '../domain/report-page-token';
import { loadAlertNotice } from '../reports/alert-notice';
import { ReadFacts, loadCampaignReport } from '../reports/campaign-report';
import { ReportDeps, withAccountRead } from '../reports/report-context';
import { loadUsageReport } from '../reports/usage-report';
import { Account } from '../storage/accounts';
import { Campaign, findCampaign } from '../storage/campaigns';

/** Where "Open full report" points: null when no link secret is configured (no signed links at all). */
export interface ReportLinks {
  fullReportUrl(accountId: string, campaignId: string): string | null;
}

export function createReportLinks(
  publicBaseUrl: string,
  linkSecret: string | undefined,
  now: () => Date = () => new Date(),
): ReportLinks {
  return {
    fullReportUrl(accountId, campaignId) {
      if (!linkSecret) return null;
      return reportPageUrl(publicBaseUrl, accountId, campaignId, linkSecret, Math.floor(now().getTime() / 1000));
    },
  };
}

export interface LoadedDeliverable {
  report: DeliverableReport;
  /** The campaign revision the report shows (0 for a digest). */
  revision: number;
}

export class SubjectGone extends Error {
  constructor(subject: ReportSubject) {
    super(`${subject.kind} ${subject.ref} of account ${subject.accountId} no longer exists`);
    this.name = 'SubjectGone';
  }
}

/** Rows a caller read already (a batch reads its campaigns and accounts at once); undefined: read them here. */
export interface KnownRows {
  /** null: the campaign does not exist. */
  campaign?: Campaign | null;
  account?: Account;
  /** The campaign's facts, read with the other rows' campaigns. */
  facts?: ReadFacts;
}

/**
 * The report a delivery sends, computed now. The revision is read before the figures, so a call that
 * lands in between leaves the revision behind the figures and triggers one more (harmless) edit.
 */
export async function loadDeliverable(
  deps: ReportDeps,
  links: ReportLinks,
  subject: ReportSubject,
  options: { updated: boolean; live?: LiveNote; known?: KnownRows },
): Promise<LoadedDeliverable> {
  if (subject.kind === 'alert') {
    const notice = await loadAlertNotice(deps.db, subject);
    if (!notice) throw new SubjectGone(subject);
    return { report: { kind: 'alert', subject, notice }, revision: 0 };
  }
  if (subject.kind === 'digest') {
    const report = await loadUsageReport(deps, subject.accountId, { month: subject.ref, withPrevious: true });
    return { report: { kind: 'digest', subject, report }, revision: 0 };
  }
  const known = options.known;
  const campaign: Campaign | null =
    known?.campaign !== undefined ? known.campaign : await findCampaign(deps.db, subject.accountId, subject.ref);
  if (!campaign) throw new SubjectGone(subject);
  const report = await loadCampaignReport(withAccountRead(deps, known?.account), subject.accountId, campaign, {
    updated: options.updated,
    read: known?.facts,
  });
  return {
    report: {
      kind: 'campaign',
      subject,
      report,
      fullReportUrl: links.fullReportUrl(subject.accountId, subject.ref),
      ...(options.live ? { live: options.live } : {}),
    },
    revision: campaign.revision,
  };
}
