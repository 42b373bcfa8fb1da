import { CallFilter, CallRow, CallsReport } from '../domain/report-model';
import { CallPageCursor, ListedCall, campaignHasRecordings, listCampaignCalls } from '../storage/calls';
import { campaignCallCount } from '../storage/rollups';
import { Campaign } from '../storage/campaigns';
import { campaignStateNow } from './campaign-state-now';
import { ReportDeps, accountOf } from './report-context';
import { campaignOfRef } from './resolve-campaign';

const PAGE = 5000;

function toCallRow({ hasRecording, ...call }: ListedCall, accountId: string, deps: ReportDeps): CallRow {
  return { ...call, recordingLink: hasRecording && deps.recordingLinkFor ? deps.recordingLinkFor(accountId, call.callId) : null };
}

/** The detailed report (docs/metrics.md): rows ordered by started_at then call_id; `limit` keeps only the first ones. */
export async function loadCallsReport(
  deps: ReportDeps,
  accountId: string,
  campaignRef: string | Campaign,
  filter: CallFilter = {},
  limit = Number.POSITIVE_INFINITY,
): Promise<CallsReport> {
  const { db } = deps;
  const account = await accountOf(deps, accountId);
  const campaign = await campaignOfRef(deps, accountId, campaignRef);
  const rows: CallRow[] = [];
  // A chat answer shows a few rows: it reads those, not a page of thousands with their recording links.
  const pageSize = Number.isFinite(limit) ? Math.max(1, Math.min(PAGE, limit)) : PAGE;
  for await (const page of campaignCallPages(deps, accountId, campaign.id, filter, pageSize)) {
    for (const row of page) {
      if (rows.length >= limit) break;
      rows.push(row);
    }
    if (rows.length >= limit) break;
  }
  const totalRows = Number.isFinite(limit) ? await campaignCallCount(db, accountId, campaign.id, filter) : rows.length;
  const recordingLinksOff = await recordingLinksAreOff(deps, accountId, campaign.id);
  return {
    kind: 'calls',
    campaign: { id: campaign.id, name: campaign.name, botId: campaign.botId, state: campaignStateNow(deps, campaign) },
    timeZone: account.timeZone,
    locale: account.locale,
    filter,
    rows,
    totalRows,
    ...(recordingLinksOff ? { recordingLinksOff } : {}),
  };
}

/** Whether the campaign's recordings go unlinked because no link secret is configured (RECORDING_LINKS_OFF). */
export async function recordingLinksAreOff(deps: ReportDeps, accountId: string, campaignId: string): Promise<boolean> {
  return !deps.recordingLinkFor && (await campaignHasRecordings(deps.db, accountId, campaignId));
}

/** Every call of a campaign, page by page (keyset pagination), for CSV exports of any size. */
export async function* campaignCallPages(
  deps: ReportDeps,
  accountId: string,
  campaignId: string,
  filter: CallFilter,
  pageSize = PAGE,
): AsyncGenerator<CallRow[]> {
  let after: CallPageCursor | undefined;
  for (;;) {
    const page = await listCampaignCalls(deps.db, accountId, campaignId, filter, pageSize, after);
    if (page.length === 0) return;
    yield page.map((row) => toCallRow(row, accountId, deps));
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { startedAt: last.startedAt, callId: last.callId };
  }
}
