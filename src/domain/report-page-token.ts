import { createHmac } from 'node:crypto';
import { LinkSecrets, createSignedToken, readSignedToken, verifyingSecrets } from './recording-token';

/**
 * The signed token of a full report page (`/reports/<token>`): which campaign of which account, until
 * when. Signed with a key of its own, derived from the link secret, so that a recording token can never
 * be replayed as a page token or the other way round.
 */
export interface ReportPageClaim {
  accountId: string;
  campaignId: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type ReportPageCheck = { ok: true; claim: ReportPageClaim } | { ok: false; reason: 'forged' | 'expired' };

/** Links in posted messages live long: a report is read again weeks later. */
export const REPORT_PAGE_TTL_SECONDS = 180 * 24 * 3600;

export function reportPageKey(linkSecret: string): string {
  return createHmac('sha256', linkSecret).update('report-pages').digest('base64url');
}

export function createReportPageToken(claim: ReportPageClaim, linkSecret: string): string {
  return createSignedToken(
    { p: 'report', a: claim.accountId, c: claim.campaignId, e: claim.expiresAt },
    reportPageKey(linkSecret),
  );
}

export function verifyReportPageToken(
  token: string,
  linkSecrets: string | LinkSecrets,
  nowSeconds: number,
): ReportPageCheck {
  const [current, previous] = verifyingSecrets(linkSecrets).map(reportPageKey);
  const value = readSignedToken(token, { current, previous }) as {
    p?: unknown;
    a?: unknown;
    c?: unknown;
    e?: unknown;
  } | null;
  if (
    !value ||
    value.p !== 'report' ||
    typeof value.a !== 'string' ||
    typeof value.c !== 'string' ||
    typeof value.e !== 'number'
  ) {
    return { ok: false, reason: 'forged' };
  }
  if (nowSeconds >= value.e) return { ok: false, reason: 'expired' };
  return { ok: true, claim: { accountId: value.a, campaignId: value.c, expiresAt: value.e } };
}

/** `<base>/reports/<token>`: the "Open full report" link of a campaign. */
export function reportPageUrl(
  publicBaseUrl: string,
  accountId: string,
  campaignId: string,
  linkSecret: string,
  nowSeconds: number,
): string {
  const token = createReportPageToken(
    { accountId, campaignId, expiresAt: nowSeconds + REPORT_PAGE_TTL_SECONDS },
    linkSecret,
  );
  return `${publicBaseUrl.replace(/\/+$/, '')}/reports/${token}`;
}
