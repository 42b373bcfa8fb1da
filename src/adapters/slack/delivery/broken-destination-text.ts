import { ReportSubject } from '../../../domain/delivery';
import { deliverySubjectText } from '../../../render/delivery-subject';
import { MessageKey, Messages, messagesFor } from '../../../render/i18n/messages';

/** Why reports can no longer be posted in a channel, by Slack's error code. */
const REASON_KEYS: Record<string, MessageKey> = {
  channel_not_found: 'slackReason.channelNotFound',
  not_in_channel: 'slackReason.notInChannel',
  is_archived: 'slackReason.archived',
  channel_is_archived: 'slackReason.archived',
  account_inactive: 'slackReason.accountInactive',
  invalid_auth: 'slackReason.invalidAuth',
  token_revoked: 'slackReason.tokenRevoked',
  token_expired: 'slackReason.tokenExpired',
  app_uninstalled: 'slackReason.appUninstalled',
  no_installation: 'slackReason.noInstallation',
};

/** A Slack error code as a sentence for people, in their language; an unknown code as Slack gave it. */
export function describeSlackReason(reason: string, m: Messages = messagesFor('en')): string | null {
  const key = REASON_KEYS[reason];
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
