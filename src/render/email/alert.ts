import { AlertNotice } from '../../domain/alert-notice';
import { alertText } from '../alert-words';
import { escapeHtml } from '../html-escape';
import { messagesFor } from '../i18n/messages';
import { RenderedEmail } from './rendered-email';

/** An alert by email (firings only go by email): the title as subject, the figures, why, how to change. */
export function renderAlertEmail(notice: AlertNotice): RenderedEmail {
  const words = alertText(notice, messagesFor(notice.locale), 'email');
  const lines = [words.figures, words.why, words.change];
  return {
    subject: words.title,
    text: [words.title, '', ...lines].join('\n'),
    html: `<!doctype html><html><body><h2>${escapeHtml(words.title)}</h2>${lines
      .map((line, i) => `<p${i === 0 ? '' : ' style="color:#555"'}>${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
  };
}
