import { Subscription } from '../../domain/subscription';
import { messagesFor } from '../i18n/messages';
import { subscriptionLines } from '../subscriptions';
import { SlackMessage } from './block-kit';
import { SLASH_COMMAND } from './help';
import { renderSlackText } from './text';

/** This conversation's subscriptions; `reasonOf` words why a paused one paused (Slack's error code as a sentence). */
export function renderSlackSubscriptions(
  subscriptions: readonly Subscription[],
  locale: string | undefined,
  reasonOf: (reason: string) => string,
): SlackMessage {
  const m = messagesFor(locale);
  const lines = subscriptionLines(subscriptions, m, { subscribeCommand: `${SLASH_COMMAND} subscribe all`, reasonOf });
  return renderSlackText(lines.join('\n'), locale);
}
