import { AlertNotice } from '../../domain/alert-notice';
import { alertText } from '../alert-words';
import { messagesFor } from '../i18n/messages';
import { AdaptiveCard, card, escapeCardMarkdown, text } from './card';

/** An alert as an Adaptive Card: the title, the figures, then why it was sent and how to change the threshold. */
export function renderTeamsAlert(notice: AlertNotice): AdaptiveCard {
  const words = alertText(notice, messagesFor(notice.locale), 'chat');
  return card([
    text(escapeCardMarkdown(words.title), {
      weight: 'Bolder',
      wrap: true,
      color: notice.event === 'fire' ? 'Attention' : 'Good',
    }),
    text(escapeCardMarkdown(words.figures), { wrap: true }),
    text(escapeCardMarkdown(words.why), { isSubtle: true, size: 'Small', wrap: true }),
    text(escapeCardMarkdown(words.change), { isSubtle: true, size: 'Small', wrap: true }),
  ]);
}
