import { InvalidInput, NotFound, Said } from '../domain/errors';
import { Campaign, findCampaign, findCampaignsByPrefix } from '../storage/campaigns';
import { Db } from '../storage/connection';
import type { ReportDeps } from './report-context';

export class AmbiguousCampaign extends InvalidInput {
  constructor(readonly text: string, readonly candidates: Campaign[]) {
    const ids = candidates.map((c) => c.id).join(', ');
    const said: Said = { key: 'ambiguousCampaign', values: { text, count: String(candidates.length), ids } };
    super(`"${text}" matches ${candidates.length} campaigns: ${ids}; type more of the id or name`, [], 0, said);
  }
}

/**
 * docs/chat.md: a campaign by id, or by a unique prefix of its id or name. `read`: the campaign of an exact id
 * already read (with the workspace's link), used instead of reading it again when it is this account's and id.
 */
export async function resolveCampaign(
  db: Db,
  accountId: string,
  text: string,
  read?: ReportDeps['campaignRead'],
): Promise<Campaign> {
  const wanted = text.trim();
  if (wanted === '') throw new InvalidInput('say which campaign: its id or the start of its name', [], 0, { key: 'whichCampaign' });
  const known = read?.accountId === accountId && read.id === wanted ? read : undefined;
  const exact = known ? known.campaign : await findCampaign(db, accountId, wanted);
  if (exact) return exact;
  const candidates = await findCampaignsByPrefix(db, accountId, wanted, 11);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) throw new AmbiguousCampaign(wanted, candidates.slice(0, 10));
  throw new NotFound(`no campaign matches "${wanted}"; list the campaigns with: npm run cli -- list, or /campaign-report list`, {
    key: 'noCampaignMatches',
    values: { text: wanted },
  });
}

/** The campaign a report was asked for: the one given, or the one its text names (what the answer read first counts). */
export function campaignOfRef(deps: ReportDeps, accountId: string, ref: string | Campaign): Promise<Campaign> {
  return typeof ref === 'string' ? resolveCampaign(deps.db, accountId, ref, deps.campaignRead) : Promise.resolve(ref);
}
