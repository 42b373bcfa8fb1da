import { AlertNotice } from '../../domain/alert-notice';
import { alertText } from '../alert-words';
import { messagesFor } from '../i18n/messages';
import { SlackMessage, contextBlock, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { message } from './parts';

/** An alert in Slack: the title in bold, the figures, then why it was sent and how to change the threshold. */
export function renderSlackAlert(notice: AlertNotice): SlackMessage {
  const words = alertText(notice, messagesFor(notice.locale), 'chat');
  const icon = notice.event === 'fire' ? ':rotating_light:' : ':white_check_mark:';
  const title = escapeSlackText(words.title);
  const figures = escapeSlackText(words.figures);
  return message(`${title}: ${figures}`, [
    sectionBlock(`${icon} *${title}*\n${figures}`),
    contextBlock([escapeSlackText(words.why), escapeSlackText(words.change)]),
  ]);
}
