import { messagesFor } from '../i18n/messages';
import { SlackMessage, sectionBlock } from './block-kit';
import { escapeSlackText } from './escape';
import { MAX_SECTION_TEXT, chunkLines } from './limits';
import { message } from './parts';

/** A plain answer (an error, a confirmation). The message is user-facing text: escaped, mrkdwn kept. */
export function renderSlackText(messageText: string, locale?: string): SlackMessage {
  const escaped = escapeSlackText(messageText.trim());
  if (!escaped) {
    const empty = messagesFor(locale).t('message.empty');
    return message(empty, [sectionBlock(empty)]);
  }
  const sections = chunkLines(escaped.split('\n'), MAX_SECTION_TEXT).map((chunk) => sectionBlock(chunk));
  return message(escaped, sections);
}
