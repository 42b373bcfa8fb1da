import { describeTarget, saidTarget } from '../domain/subscription';
import { findSubscription, unsubscribe } from '../storage/subscriptions';
import { ChatAnswer, ChatPlace, withLinkedAccount } from './chat-command-service';
import { ReportDeps, accountOf } from './report-context';

/**
 * "Unsubscribe" on a subscription listed in a workspace's Home: the id comes back from the chat platform,
 * so it counts only when that subscription belongs to this workspace and its linked account.
 */
export async function unsubscribeFromWorkspace(
  deps: ReportDeps,
  place: Pick<ChatPlace, 'platform' | 'workspaceId'>,
  subscriptionId: string,
): Promise<ChatAnswer> {
  return withLinkedAccount<ChatAnswer>(deps, place, async (accountId, deps) => {
    const { locale } = await accountOf(deps, accountId);
    const id = /^\d{1,15}$/.test(subscriptionId) ? Number(subscriptionId) : null;
    const found = id === null ? null : await findSubscription(deps.db, id);
    const ours =
      found && found.accountId === accountId && found.platform === place.platform && found.workspaceId === place.workspaceId
        ? found
        : null;
    if (!ours) return { kind: 'message', text: 'That subscription no longer exists.', said: { key: 'subscriptionGone' }, locale };
    await unsubscribe(deps.db, accountId, ours.platform, ours.destination, ours.target);
    return {
      kind: 'message',
      text: `Unsubscribed from ${describeTarget(ours.target)}.`,
      said: { key: 'homeUnsubscribed', values: { target: saidTarget(ours.target) } },
      locale,
    };
  });
}
