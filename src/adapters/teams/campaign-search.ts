import { CampaignState } from '../../domain/campaign-overview';
import { CampaignChoice } from '../../render/teams/campaign-preview';
import { campaignStateNow } from '../../reports/campaign-state-now';
import { withoutControlCharacters } from '../../reports/chat-command-service';
import { ReportDeps } from '../../reports/report-context';
import { Campaign, searchCampaigns } from '../../storage/campaigns';

/** What a search box can sensibly hold; more is cut, never refused (a campaign id or name is far shorter). */
export const MAX_SEARCH_CHARS = 100;
/** Teams asks for 25 results a page; never more. */
export const MAX_RESULTS = 25;
/** The candidates ranked per search: enough that running campaigns come first among them. */
const CANDIDATES = 100;

const RANK: Record<CampaignState, number> = { running: 0, settling: 1, complete: 2 };

/** The searched text as the storage query takes it: one line, no control characters, at most 100 characters. */
export function searchText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return [...withoutControlCharacters(raw).replace(/\s+/g, ' ').trim()].slice(0, MAX_SEARCH_CHARS).join('').trim();
}

export interface SearchPage {
  skip?: number;
  count?: number;
}

/**
 * The campaign picker: campaigns of this account whose id or name starts with the text (the same rule as
 * typing a campaign), every campaign when it is empty; running first, then settling, then complete, the
 * latest activity first within each.
 */
export async function searchCampaignChoices(
  deps: ReportDeps,
  accountId: string,
  text: string,
  page: SearchPage = {},
): Promise<CampaignChoice[]> {
  // The Slack picker's query: the same prefix rule, campaigns not yet complete and the latest first.
  const found = await searchCampaigns(deps.db, accountId, text, CANDIDATES);
  const latest = (campaign: Campaign) => campaign.lastReceivedAt?.getTime() ?? 0;
  const skip = Math.max(0, Math.floor(Number(page.skip) || 0));
  const count = Math.min(MAX_RESULTS, Math.max(1, Math.floor(Number(page.count) || MAX_RESULTS)));
  return found
    .map((campaign) => ({ campaign, state: campaignStateNow(deps, campaign) }))
    .sort(
      (a, b) =>
        RANK[a.state] - RANK[b.state] ||
        latest(b.campaign) - latest(a.campaign) ||
        a.campaign.id.localeCompare(b.campaign.id),
    )
    .slice(skip, skip + count)
    .map(({ campaign, state }) => ({ id: campaign.id, name: campaign.name, botId: campaign.botId, state }));
}
