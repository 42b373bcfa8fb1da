import { WebClient } from '@slack/web-api';
import { Logger } from 'pino';
import { messagesFor } from '../../render/i18n/messages';
import { slackErrorMeaning, slackPlatformError } from './slack-errors';

export type ChannelAccess = 'ok' | 'invite-me' | 'not-installed';

// English words of answers that also carry their catalog key (ChatAnswer.said), read from the catalog itself.
export const INVITE_ME_FIRST = messagesFor('en').t('said.inviteMeFirst');
export const NOT_INSTALLED = messagesFor('en').t('said.notInstalled');

/**
 * Whether reports can be posted in a channel later: the bot must be a member of a private channel (a
 * public one is fine with chat:write.public). A Slack hiccup does not block subscribing: delivery marks
 * a subscription broken if it really cannot post.
 */
export async function channelAccess(client: WebClient | null, channel: string, logger: Logger): Promise<ChannelAccess> {
  if (!client) return 'not-installed';
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel;
    if (!c) return 'invite-me';
    if (c.is_archived) return 'invite-me';
    if ((c.is_private || c.is_im || c.is_mpim || c.is_group) && c.is_member === false) return 'invite-me';
    return 'ok';
  } catch (err) {
    if (slackErrorMeaning(slackPlatformError(err)).channel === 'no-access') return 'invite-me';
    logger.warn({ err, channel }, 'could not check the channel; subscribing anyway');
    return 'ok';
  }
}
