import { ErrorCode } from '@slack/web-api';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../domain/delivery-errors';
import { slackErrorMeaning, slackPlatformError } from '../slack-errors';

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: { name?: unknown; message?: unknown };
  message?: unknown;
}

/** A failed Web API call as what the delivery job does with it (slack-errors.ts says what each code means). */
export function classifySlackError(error: unknown, action: string): PermanentDeliveryError | TransientDeliveryError {
  const e = (error ?? {}) as SlackErrorShape;
  const platform = slackPlatformError(error);
  if (platform !== null) {
    const what = `Slack refused ${action}: ${platform}`;
    const { delivery } = slackErrorMeaning(platform);
    if (delivery === 'breaking') return new PermanentDeliveryError(what, platform, true);
    if (delivery === 'rejected') return new PermanentDeliveryError(what, platform, false);
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
