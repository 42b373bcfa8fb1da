import { ErrorCode } from '@slack/web-api';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../domain/delivery-errors';

/**
 * Slack's answers sorted into what the delivery job does with them (integrations/slack's list of
 * permanent errors is the model): the destination is gone (stop, mark the subscription broken, tell
 * its creator), the request can never succeed (stop), or try again later.
 */

/** The channel or the whole installation is closed to us: the subscription is broken. */
export const BREAKING_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'app_uninstalled',
  'team_not_found',
  'no_installation',
]);

/** This request can never succeed, but the destination is fine. */
export const REJECTED_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'invalid_blocks_format',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'missing_scope',
  'restricted_action',
  'ekm_access_denied',
]);

interface SlackErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: { name?: unknown; message?: unknown };
  message?: unknown;
}

/** The `error` of an `ok: false` answer, or null for any other failure. */
export function slackPlatformError(error: unknown): string | null {
  const e = error as SlackErrorShape | null;
  if (e?.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
  return null;
}

export function classifySlackError(error: unknown, action: string): PermanentDeliveryError | TransientDeliveryError {
  const e = (error ?? {}) as SlackErrorShape;
  const platform = slackPlatformError(error);
  if (platform !== null) {
    const what = `Slack refused ${action}: ${platform}`;
    if (BREAKING_SLACK_ERRORS.has(platform)) return new PermanentDeliveryError(what, platform, true);
    if (REJECTED_SLACK_ERRORS.has(platform)) return new PermanentDeliveryError(what, platform, false);
    return new TransientDeliveryError(what, platform, undefined, true);
  }
  if (e.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
    return new TransientDeliveryError(
      `Slack rate limited ${action}; retry after ${seconds} s`,
      'ratelimited',
      seconds * 1000,
      true,
    );
  }
  if (e.code === ErrorCode.HTTPError) {
    // A 5xx may come after Slack stored the message: not "not delivered", the retry looks first.
    return new TransientDeliveryError(
      `Slack answered HTTP ${String(e.statusCode)} to ${action}`,
      `http_${String(e.statusCode)}`,
    );
  }
  if (e.code === ErrorCode.RequestError) {
    const name = typeof e.original?.name === 'string' ? e.original.name : 'request_error';
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return new TransientDeliveryError(
      `Slack did not answer ${action}: ${String(e.original?.message ?? name)}`,
      timedOut ? 'timeout' : 'request_error',
    );
  }
  if (error instanceof PermanentDeliveryError || error instanceof TransientDeliveryError) return error;
  return new TransientDeliveryError(`${action} failed: ${String(e.message ?? error)}`, 'unexpected');
}
