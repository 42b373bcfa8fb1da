import { humanDuration } from '../human-duration';
import { messagesFor } from '../i18n/messages';
import { SlackMessage } from './block-kit';
import { escapeSlackText } from './escape';

export interface SlackRecordingAnswer {
  callId: string;
  /** Our own signed link (base URL + base64url token): nothing in it needs escaping inside <url|label>. */
  link: string;
  locale?: string;
  /** How long the link works; said when given. */
  ttlSeconds?: number;
}

/** "Recording of call …: listen or download. The link works for 1 hour." */
export function renderSlackRecording(answer: SlackRecordingAnswer): SlackMessage {
  const m = messagesFor(answer.locale);
  const valid = answer.ttlSeconds
    ? ` ${m.t('recording.validFor', { duration: humanDuration(answer.ttlSeconds, m) })}`
    : '';
  const title = m.t('recording.of', { callId: escapeSlackText(answer.callId) });
  const text = `${title}: ${answer.link}${escapeSlackText(valid)}`;
  const section = `*${title}*: <${answer.link}|${m.t('recording.listenOrDownload')}>.${escapeSlackText(valid)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: section, verbatim: true } }] };
}
