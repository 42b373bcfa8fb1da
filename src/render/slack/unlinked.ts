import { messagesFor } from '../i18n/messages';
import { SlackMessage } from './block-kit';
import { renderSlackText } from './text';

/** A workspace not linked to an account yet (so English): what to ask the operator to type. */
export function renderSlackUnlinked(workspaceId: string, howToLink: string): SlackMessage {
  return renderSlackText(messagesFor('en').t('unlinked.slack', { workspaceId, howToLink }));
}
