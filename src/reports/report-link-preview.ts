import { LinkSecrets } from '../domain/recording-token';
import { CampaignReport } from '../domain/report-model';
import { verifyReportPageToken } from '../domain/report-page-token';
import { findCampaign } from '../storage/campaigns';
import { ChatPlace, linkedAccountOf } from './chat-command-service';
import { loadCampaignReport } from './campaign-report';
import { ReportDeps } from './report-context';

export interface ReportLinkSettings {
  publicBaseUrl: string;
  /** Undefined: report pages are off, so no link of ours can be previewed. */
  linkSecrets: LinkSecrets | undefined;
  nowSeconds: number;
}

/** Why a pasted link shows nothing; each is logged, none is told to the workspace. */
export type PreviewRefusal = 'not-ours' | 'pages-off' | 'forged' | 'expired' | 'unlinked' | 'other-account' | 'gone';

export type ReportLinkPreview =
  | { kind: 'preview'; url: string; report: CampaignReport }
  | { kind: 'refused'; url: string; reason: PreviewRefusal; accountId?: string };

/** The token of `<PUBLIC_BASE_URL>/reports/<token>` (never the .csv download), or null for any other URL. */
export function reportPageTokenOf(url: string, publicBaseUrl: string): string | null {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (!url.startsWith(`${base}/reports/`)) return null;
  const rest = url.slice(base.length + '/reports/'.length);
  const token = rest.split(/[?#]/)[0];
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) && token.length <= 2000 ? token : null;
}

/**
 * A report page link pasted in a workspace: its campaign's overview when the link is ours, valid, and of the
 * account linked to that workspace; otherwise why not. Nothing of another account is ever read.
 */
export async function previewReportLink(
  deps: ReportDeps,
  place: Pick<ChatPlace, 'platform' | 'workspaceId'>,
  url: string,
  settings: ReportLinkSettings,
): Promise<ReportLinkPreview> {
  const refused = (reason: PreviewRefusal, accountId?: string): ReportLinkPreview => ({
    kind: 'refused',
    url,
    reason,
    ...(accountId ? { accountId } : {}),
  });
  const token = reportPageTokenOf(url, settings.publicBaseUrl);
  if (!token) return refused('not-ours');
  if (!settings.linkSecrets) return refused('pages-off');
  const check = verifyReportPageToken(token, settings.linkSecrets, settings.nowSeconds);
  if (!check.ok) return refused(check.reason);
  const accountId = await linkedAccountOf(deps, place);
  if (!accountId) return refused('unlinked', check.claim.accountId);
  if (accountId !== check.claim.accountId) return refused('other-account', check.claim.accountId);
  const campaign = await findCampaign(deps.db, accountId, check.claim.campaignId);
  if (!campaign) return refused('gone', accountId);
  return { kind: 'preview', url, report: await loadCampaignReport(deps, accountId, campaign) };
}
