import { PickerChoices } from '../domain/native-surfaces';
import { SubscriptionTarget } from '../domain/subscription';
import { searchCampaigns } from '../storage/campaigns';
import { listVoicebotIds } from '../storage/voicebots';
import { ChatAnswer, ChatPlace, withLinkedAccount, withoutControlCharacters } from './chat-command-service';
import { campaignStateNow } from './campaign-state-now';
import { ReportDeps, accountOf } from './report-context';

/** Slack shows at most 100 options in a select menu. */
export const MAX_PICKER_OPTIONS = 100;
/** Nobody types more than this into a picker; anything longer is cut before it reaches the database. */
export const MAX_PICKER_QUERY = 100;

/** What was typed, made safe for a LIKE prefix: no control characters, trimmed, at most MAX_PICKER_QUERY. */
export function pickerQuery(typed: unknown): string {
  const text = typeof typed === 'string' ? typed : '';
  return [...withoutControlCharacters(text.slice(0, MAX_PICKER_QUERY * 4)).trim()].slice(0, MAX_PICKER_QUERY).join('');
}

/**
 * The campaigns (and, with `targets`, the subscription targets) of the workspace's account whose id or name
 * starts with the typed text: running ones first, at most MAX_PICKER_OPTIONS in all. One indexed query.
 */
export async function pickerChoices(
  deps: ReportDeps,
  place: Pick<ChatPlace, 'platform' | 'workspaceId'>,
  typed: unknown,
  options: { targets?: boolean } = {},
): Promise<PickerChoices | Extract<ChatAnswer, { kind: 'unlinked' | 'message' }>> {
  const query = pickerQuery(typed);
  return withLinkedAccount<PickerChoices>(deps, place, async (accountId, deps) => {
    const [account, botIds] = await Promise.all([
      accountOf(deps, accountId),
      options.targets ? listVoicebotIds(deps.db, accountId) : Promise.resolve([]),
    ]);
    const lower = query.toLowerCase();
    const targets: SubscriptionTarget[] = options.targets
      ? [
          ...('all'.startsWith(lower) ? [{ kind: 'all' as const, id: '' }] : []),
          ...botIds.filter((id) => id.toLowerCase().startsWith(lower)).map((id) => ({ kind: 'bot' as const, id })),
        ].slice(0, MAX_PICKER_OPTIONS)
      : [];
    const campaigns = await searchCampaigns(deps.db, accountId, query, MAX_PICKER_OPTIONS - targets.length);
    return {
      kind: 'picker-choices',
      locale: account.locale,
      targets,
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, state: campaignStateNow(deps, c) })),
    };
  });
}
