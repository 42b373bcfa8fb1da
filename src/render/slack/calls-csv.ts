import { messagesFor } from '../i18n/messages';
import { escapeSlackText } from './escape';

/** The comment of the calls CSV sent by direct message: "All 1,234 calls of Name (id)." */
export function slackCallsCsvComment(
  campaign: { id: string; name: string },
  rows: number,
  locale: string | undefined,
): string {
  const named = `${escapeSlackText(campaign.name)} (${escapeSlackText(campaign.id)})`;
  return messagesFor(locale).t('calls.csvComment', { count: rows, campaign: named });
}
