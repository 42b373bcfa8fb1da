import { Activity } from 'botbuilder';
import { ReportDeps } from '../../reports/report-context';
import { linkedAccountOf } from '../../reports/chat-command-service';
import { listDestinationSubscriptions, markSubscriptionBroken } from '../../storage/subscriptions';
import { markTeamsBotRemoved, saveTeamsConversation } from '../../storage/teams-conversations';
import { conversationKeyOf, placeOf, proactiveReferenceOf, tenantIdOf } from './teams-activity';

export const BOT_REMOVED_REASON = 'the bot was removed from this Teams conversation; add it again and subscribe again';

/** Saves the conversation reference of an incoming activity, so that the bot can post there later. */
export async function rememberConversation(deps: ReportDeps, activity: Partial<Activity>): Promise<string | null> {
  const conversationId = activity.conversation?.id;
  if (!conversationId || !activity.serviceUrl || !activity.channelId) return null;
  const key = conversationKeyOf(conversationId);
  await saveTeamsConversation(deps.db, {
    key,
    tenantId: tenantIdOf(activity) ?? null,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversationType: activity.conversation?.conversationType ?? null,
    reference: proactiveReferenceOf(activity) as Record<string, unknown>,
  });
  return key;
}

/** Teams said the bot left: no more posts there; its subscriptions are kept, marked broken with the reason. */
export async function forgetConversation(deps: ReportDeps, activity: Partial<Activity>): Promise<void> {
  const place = placeOf(activity);
  if (!place.destination) return;
  await markTeamsBotRemoved(deps.db, place.destination);
  const accountId = await linkedAccountOf(deps, place);
  if (!accountId) return;
  const subscriptions = await listDestinationSubscriptions(deps.db, accountId, 'teams', place.destination);
  for (const subscription of subscriptions) {
    if (subscription.status === 'active') await markSubscriptionBroken(deps.db, subscription.id, BOT_REMOVED_REASON);
  }
}
