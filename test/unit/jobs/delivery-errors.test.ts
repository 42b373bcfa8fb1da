import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { deliveryBackoff } from '../../../src/jobs/backoff';
import { jobSettings } from '../../../src/jobs/job-settings';
import { classifySlackError } from '../../../src/adapters/slack/delivery/slack-delivery-errors';
import { classifySmtpError } from '../../../src/adapters/email/smtp-delivery-errors';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/domain/delivery-errors';

const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });

describe('Slack errors, sorted for the delivery job', () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked'])(
    '%s stops the delivery and breaks the subscription',
    (code) => {
      const error = classifySlackError(platform(code), 'chat.postMessage');
      expect(error).toBeInstanceOf(PermanentDeliveryError);
      expect(error).toMatchObject({ permanent: true, reason: code, breaksSubscription: true });
    },
  );

  it('a request Slack can never accept stops without breaking the subscription', () => {
    expect(classifySlackError(platform('msg_too_long'), 'x')).toMatchObject({
      permanent: true,
      breaksSubscription: false,
    });
    expect(classifySlackError(platform('message_not_found'), 'x')).toMatchObject({
      permanent: true,
      breaksSubscription: false,
    });
  });

  it('429 carries Retry-After; 5xx and timeouts are retried; an unknown refusal is retried as not delivered', () => {
    expect(classifySlackError(new WebAPIRateLimitedError(2), 'x')).toMatchObject({
      permanent: false,
      retryAfterMs: 2000,
      notDelivered: true,
    });
    const http = classifySlackError(new WebAPIHTTPError(503, 'Service Unavailable', {}, ''), 'x');
    expect(http).toBeInstanceOf(TransientDeliveryError);
    expect(http).toMatchObject({ reason: 'http_503', notDelivered: false });
    const timeout = new Error('The operation was aborted due to timeout');
    timeout.name = 'TimeoutError';
    expect(classifySlackError(new WebAPIRequestError(timeout), 'x')).toMatchObject({
      permanent: false,
      reason: 'timeout',
    });
    expect(classifySlackError(platform('internal_error'), 'x')).toMatchObject({ permanent: false, notDelivered: true });
  });
});

describe('SMTP errors, sorted for the delivery job', () => {
  const smtp = (responseCode: number, code = 'EENVELOPE') =>
    Object.assign(new Error(`${responseCode} planned`), { responseCode, code });

  it('4xx is retried and known not delivered; 5xx stops, a missing mailbox breaks the subscription', () => {
    expect(classifySmtpError(smtp(421), true)).toMatchObject({
      permanent: false,
      reason: 'smtp_421',
      notDelivered: true,
    });
    expect(classifySmtpError(smtp(550), false)).toMatchObject({
      permanent: true,
      reason: 'smtp_550',
      breaksSubscription: true,
    });
    expect(classifySmtpError(smtp(554), false)).toMatchObject({ permanent: true, breaksSubscription: false });
  });

  it('a dropped connection is retried; whether it may have delivered depends on the gate', () => {
    const dropped = Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' });
    expect(classifySmtpError(dropped, false)).toMatchObject({ permanent: false, notDelivered: true });
    expect(classifySmtpError(dropped, true)).toMatchObject({ permanent: false, notDelivered: false });
  });
});

describe('back-off owned by BullMQ', () => {
  const settings = jobSettings({ backoffBaseMs: 1_000, backoffMaxMs: 8_000 });
  const backoff = deliveryBackoff(settings, () => 1);

  it('obeys Retry-After exactly', async () => {
    expect(await backoff(1, 'delivery', new TransientDeliveryError('limited', 'ratelimited', 2_000))).toBe(2_000);
  });

  it('grows exponentially with jitter, capped', async () => {
    expect(await backoff(1, 'delivery', new Error('x'))).toBe(1_000);
    expect(await backoff(3, 'delivery', new Error('x'))).toBe(4_000);
    expect(await backoff(10, 'delivery', new Error('x'))).toBe(8_000);
    const low = deliveryBackoff(settings, () => 0);
    expect(await low(1, 'delivery', new Error('x'))).toBe(750);
  });
});
