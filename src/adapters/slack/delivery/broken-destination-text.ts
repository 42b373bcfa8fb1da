import { ReportSubject } from '../../../domain/delivery';
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

function what(subject: ReportSubject): string {
  return subject.kind === 'campaign' ? `the report of campaign ${subject.ref}` : `the usage digest for ${subject.ref}`;
}

export function brokenDestinationText(channelId: string, reason: string, subject: ReportSubject): string {
  const why = describeSlackReason(reason) ?? `Slack answered ${reason}`;
  const channel = /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : channelId;
  return (
    `I could not post ${what(subject)} in ${channel}: ${why}. ` +
    'I paused posting reports there. When the channel works again (invite me with /invite if needed), ' +
    'type `/campaign-report subscribe …` in it to resume.'
  );
}
