import { ReportSubject } from '../../../domain/delivery';

/** What the person who subscribed a channel reads when reports can no longer be posted there. */
const REASONS: Record<string, string> = {
  channel_not_found: 'the channel no longer exists or I cannot see it',
  not_in_channel: 'I am not a member of the channel any more',
  is_archived: 'the channel is archived',
  channel_is_archived: 'the channel is archived',
  account_inactive: 'the app\'s Slack account was deactivated',
  invalid_auth: 'the app\'s Slack credentials are no longer valid',
  token_revoked: 'the app was removed from the workspace',
  token_expired: 'the app\'s Slack credentials expired',
  app_uninstalled: 'the app was uninstalled',
  no_installation: 'the app is not installed in this workspace',
};

function what(subject: ReportSubject): string {
  return subject.kind === 'campaign' ? `the report of campaign ${subject.ref}` : `the usage digest for ${subject.ref}`;
}

export function brokenDestinationText(channelId: string, reason: string, subject: ReportSubject): string {
  const why = REASONS[reason] ?? `Slack answered ${reason}`;
  const channel = /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : channelId;
  return (
    `I could not post ${what(subject)} in ${channel}: ${why}. ` +
    'I paused posting reports there. When the channel works again (invite me with /invite if needed), ' +
    'type `/campaign-report subscribe …` in it to resume.'
  );
}
