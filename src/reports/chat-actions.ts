import { NotFound, Said } from '../domain/errors';
import { CallFilter } from '../domain/report-model';
import { Campaign, findCampaign } from '../storage/campaigns';
import { findCall } from '../storage/calls';
import { loadCallsReport } from './calls-report';
import { loadCampaignReport } from './campaign-report';
import { ChatAnswer, ChatPlace, DEFAULT_CHAT_CALL_ROWS, withLinkedAccount, withoutControlCharacters } from './chat-command-service';
import { ReportDeps, accountOf } from './report-context';

/**
 * What a button on a posted report asks for. Values come back from the chat platform, so each is
 * checked against the account linked to the workspace the click came from, exactly like typed text.
 */
export type ChatAction =
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'calls'; campaignId: string; filter: CallFilter }
  | { kind: 'recording'; callId: string };

export type ChatActionAnswer = ChatAnswer | { kind: 'recording'; callId: string; link: string; locale: string };

/** A button carries an exact campaign id, never a prefix: anything else is "not found". */
async function exactCampaign(deps: ReportDeps, accountId: string, campaignId: string): Promise<Campaign> {
  const campaign = await findCampaign(deps.db, accountId, withoutControlCharacters(campaignId));
  if (!campaign) {
    const said: Said = { key: 'noCampaignInAccount', values: { campaign: campaignId } };
    throw new NotFound(`no campaign "${campaignId}" in this workspace's account; /campaign-report list shows them`, said);
  }
  return campaign;
}

export async function answerChatAction(
  deps: ReportDeps,
  place: ChatPlace,
  action: ChatAction,
  options: { callRows?: number } = {},
): Promise<ChatActionAnswer> {
  return withLinkedAccount<ChatActionAnswer>(deps, place, async (accountId, deps) => {
    switch (action.kind) {
      case 'campaign': {
        const campaign = await exactCampaign(deps, accountId, action.campaignId);
        return { kind: 'campaign', report: await loadCampaignReport(deps, accountId, campaign) };
      }
      case 'calls': {
        const campaign = await exactCampaign(deps, accountId, action.campaignId);
        const report = await loadCallsReport(deps, accountId, campaign, action.filter, options.callRows ?? DEFAULT_CHAT_CALL_ROWS);
        return { kind: 'calls', report };
      }
      case 'recording': {
        const call = await findCall(deps.db, accountId, withoutControlCharacters(action.callId));
        if (!call?.recording_url) {
          const said: Said = { key: 'noRecording', values: { call: action.callId } };
          throw new NotFound(`call "${action.callId}" has no recording in this workspace's account`, said);
        }
        const { locale } = await accountOf(deps, accountId);
        if (!deps.recordingLinkFor) {
          return { kind: 'message', text: 'Recording links are not enabled on this server.', said: { key: 'recordingsOff' }, locale };
        }
        return { kind: 'recording', callId: call.call_id, link: deps.recordingLinkFor(accountId, call.call_id), locale };
      }
    }
  });
}

export interface CallsExportSource {
  kind: 'calls-export';
  /** Of the linked account (campaign.accountId). */
  campaign: Campaign;
  timeZone: string;
  /** The account's: the CSV's language. */
  locale: string;
  filter: CallFilter;
}

/** Which account and campaign a "whole list as CSV" click may read; the caller streams campaignCallPages. */
export async function resolveCallsExport(
  deps: ReportDeps,
  place: ChatPlace,
  campaignId: string,
  filter: CallFilter,
): Promise<CallsExportSource | Extract<ChatAnswer, { kind: 'unlinked' | 'message' }>> {
  return withLinkedAccount<CallsExportSource>(deps, place, async (accountId, deps) => {
    const [account, campaign] = await Promise.all([accountOf(deps, accountId), exactCampaign(deps, accountId, campaignId)]);
    return { kind: 'calls-export', campaign, timeZone: account.timeZone, locale: account.locale, filter };
  });
}
