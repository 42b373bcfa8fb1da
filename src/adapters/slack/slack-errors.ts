import { ErrorCode } from '@slack/web-api';
import { MessageKey } from '../../render/i18n/messages';
import { ResponseUrlError } from './response-url';

/**
 * What each Slack error code means to us, in one table (integrations/slack's list of permanent errors is
 * the model). `delivery`: the destination is gone (`breaking`: stop, mark the subscription broken, tell its
 * creator) or this request can never succeed (`rejected`: stop); a code without one is tried again later.
 * `channel`: the bot cannot post in the channel (subscribe asks to invite it). `dm`: the bot cannot open a
 * direct message with the user (`reinstall`: the install lacks the scope). `reason`: the code as a sentence.
 * `blocks`: Slack refused the blocks (a plainer message may pass).
 */
export interface SlackErrorMeaning {
  delivery?: 'breaking' | 'rejected';
  channel?: 'no-access';
  dm?: 'cannot' | 'reinstall';
  reason?: MessageKey;
  blocks?: 'refused';
}

export const SLACK_ERRORS: Readonly<Record<string, SlackErrorMeaning>> = {
  channel_not_found: { delivery: 'breaking', channel: 'no-access', reason: 'slackReason.channelNotFound' },
  not_in_channel: { delivery: 'breaking', channel: 'no-access', reason: 'slackReason.notInChannel' },
  is_archived: { delivery: 'breaking', channel: 'no-access', reason: 'slackReason.archived' },
  channel_is_archived: { delivery: 'breaking', reason: 'slackReason.archived' },
  account_inactive: { delivery: 'breaking', channel: 'no-access', reason: 'slackReason.accountInactive' },
  invalid_auth: { delivery: 'breaking', channel: 'no-access', reason: 'slackReason.invalidAuth' },
  not_authed: { delivery: 'breaking', channel: 'no-access' },
  token_revoked: { delivery: 'breaking', reason: 'slackReason.tokenRevoked' },
  token_expired: { delivery: 'breaking', reason: 'slackReason.tokenExpired' },
  app_uninstalled: { delivery: 'breaking', reason: 'slackReason.appUninstalled' },
  team_not_found: { delivery: 'breaking' },
  no_installation: { delivery: 'breaking', reason: 'slackReason.noInstallation' },
  msg_too_long: { delivery: 'rejected' },
  no_text: { delivery: 'rejected' },
  invalid_arguments: { delivery: 'rejected' },
  invalid_metadata_format: { delivery: 'rejected' },
  invalid_metadata_schema: { delivery: 'rejected' },
  metadata_too_large: { delivery: 'rejected' },
  invalid_blocks_format: { delivery: 'rejected' },
  message_not_found: { delivery: 'rejected' },
  cant_update_message: { delivery: 'rejected' },
  edit_window_closed: { delivery: 'rejected' },
  missing_scope: { delivery: 'rejected', dm: 'reinstall' },
  restricted_action: { delivery: 'rejected' },
  ekm_access_denied: { delivery: 'rejected' },
  invalid_blocks: { blocks: 'refused' },
  cannot_dm_bot: { dm: 'cannot' },
  user_not_found: { dm: 'cannot' },
  user_disabled: { dm: 'cannot' },
  user_not_visible: { dm: 'cannot' },
};

/** The meaning of a code; an unknown code means nothing special (try again later, say it as Slack gave it). */
export function slackErrorMeaning(code: string | null): SlackErrorMeaning {
  return (code !== null && Object.prototype.hasOwnProperty.call(SLACK_ERRORS, code) && SLACK_ERRORS[code]) || {};
}

interface SlackErrorShape {
  code?: unknown;
  data?: { error?: unknown };
}

/**
 * The one way to read Slack's error code: the `error` of a Web API `ok: false` answer, or what a
 * response_url answered; null for anything else (a timeout, a rate limit, HTTP 5xx from the Web API).
 */
export function slackPlatformError(error: unknown): string | null {
  if (error instanceof ResponseUrlError) return error.gone || error.retryable ? null : error.error;
  const e = error as SlackErrorShape | null;
  if (e?.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
  return null;
}

/** The `errors` Slack gave with `invalid_blocks` (`… [json-pointer:/blocks/3/type]`), when it gave them. */
export function slackErrorDetails(error: unknown): string[] {
  if (error instanceof ResponseUrlError) return error.errors;
  const errors = (error as { data?: { errors?: unknown } } | null)?.data?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
}
