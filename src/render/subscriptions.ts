import { Subscription, saidReports, saidTarget } from '../domain/subscription';
import { Messages } from './i18n/messages';
import { saidText } from './said';

/**
 * A conversation's subscriptions, one line each, for every chat surface. A broken one says it is paused and
 * why (`reasonOf` words the platform's reason).
 */
export function subscriptionLines(
  subscriptions: readonly Subscription[],
  m: Messages,
  options: { subscribeCommand: string; reasonOf: (reason: string) => string },
): string[] {
  if (subscriptions.length === 0) return [m.t('subscriptions.none', { command: options.subscribeCommand })];
  const lines = subscriptions.map((subscription) => {
    const target = saidText(saidTarget(subscription.target), m, subscription.target.id);
    const what = saidText(saidReports(subscription), m, '');
    const paused =
      subscription.status === 'broken'
        ? ` (${m.t('subscriptions.paused', { reason: options.reasonOf(subscription.brokenReason ?? '') })})`
        : '';
    return `• ${target}: ${what}${paused}`;
  });
  return [m.t('subscriptions.title', { count: subscriptions.length }), ...lines];
}
