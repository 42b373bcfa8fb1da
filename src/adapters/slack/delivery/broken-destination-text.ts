import { ReportSubject } from '../../../domain/delivery';
import { deliverySubjectText } from '../../../render/delivery-subject';
import { Messages, messagesFor } from '../../../render/i18n/messages';
import { slackErrorMeaning } from '../slack-errors';

/** A Slack error code as a sentence for people, in their language; an unknown code as Slack gave it. */
export function describeSlackReason(reason: string, m: Messages = messagesFor('en')): string | null {
  const key = slackErrorMeaning(reason).reason;
  return key ? m.t(key) : null;
}

/** What the person who subscribed a channel reads, in the account's language, when reports can no longer be posted there. */
export function brokenDestinationText(
  channelId: string,
  reason: string,
  subject: ReportSubject,
  locale?: string,
): string {
  const m = messagesFor(locale);
  const why = describeSlackReason(reason, m) ?? m.t('broken.slackAnswered', { reason });
  const channel = /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : channelId;
  return m.t('broken.slack', { what: deliverySubjectText(subject, m), channel, why });
}
