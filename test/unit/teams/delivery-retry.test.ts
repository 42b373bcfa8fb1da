import fc from 'fast-check';
import {
  PermanentTeamsDeliveryError,
  TransientTeamsDeliveryError,
  describeTeamsReason,
} from '../../../src/adapters/teams/delivery-errors';
import {
  RETRYABLE_TEAMS_STATUSES,
  classifyTeamsError,
  retryAfterMsOf,
  retryDelayMs,
  withTeamsRetry,
} from '../../../src/adapters/teams/delivery-retry';

/** What botframework-connector's client throws: a RestError with statusCode, code and the response. */
function restError(statusCode: number, code?: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`status ${statusCode}`), {
    name: 'RestError',
    statusCode,
    ...(code ? { code } : {}),
    response: {
      status: statusCode,
      headers: { get: (name: string) => headers[name.toLowerCase()] },
      bodyAsText: code ? JSON.stringify({ error: { code, message: 'x' } }) : '',
    },
  });
}

describe('classifying Teams failures', () => {
  it('403 is the bot removed, 404 a conversation gone: permanent, breaking the subscription', () => {
    for (const operation of ['post', 'update'] as const) {
      expect(classifyTeamsError(restError(403, 'BotNotInConversationRoster'), operation)).toMatchObject({
        permanent: true,
        reason: 'bot_removed',
        status: 403,
        teamsCode: 'BotNotInConversationRoster',
        breaksSubscription: true,
      });
      expect(classifyTeamsError(restError(404, 'ConversationNotFound'), operation)).toMatchObject({
        reason: 'conversation_not_found',
        breaksSubscription: true,
      });
    }
  });

  it('404 ActivityNotFound on an update is a deleted message, which does not break the subscription', () => {
    const error = classifyTeamsError(restError(404, 'ActivityNotFound'), 'update');
    expect(error).toBeInstanceOf(PermanentTeamsDeliveryError);
    expect(error).toMatchObject({ reason: 'message_not_found', breaksSubscription: false });
  });

  it('400 and 413 are refused messages; 401 (our credentials) and 5xx are transient', () => {
    expect(classifyTeamsError(restError(400, 'BadSyntax'), 'post')).toMatchObject({
      permanent: true,
      reason: 'rejected',
      breaksSubscription: false,
    });
    expect(classifyTeamsError(restError(413), 'post')).toMatchObject({ permanent: true, reason: 'rejected' });
    expect(classifyTeamsError(restError(401), 'post')).toMatchObject({
      permanent: false,
      reason: 'teams_401',
      notDelivered: true,
    });
    expect(classifyTeamsError(restError(500), 'post')).toMatchObject({
      permanent: false,
      reason: 'teams_500',
      notDelivered: false,
    });
  });

  it('429 is "ratelimited" with its Retry-After, and certainly not delivered; 502/504 may have been', () => {
    expect(classifyTeamsError(restError(429, 'Throttled', { 'retry-after': '3' }), 'post')).toMatchObject({
      permanent: false,
      reason: 'ratelimited',
      retryAfterMs: 3000,
      notDelivered: true,
    });
    expect(classifyTeamsError(restError(412), 'update')).toMatchObject({ reason: 'teams_412', notDelivered: true });
    expect(classifyTeamsError(restError(502), 'post')).toMatchObject({ reason: 'teams_502', notDelivered: false });
    expect(classifyTeamsError(restError(504), 'post')).toMatchObject({ reason: 'teams_504', notDelivered: false });
  });

  it('a network failure has no status and is transient', () => {
    const error = classifyTeamsError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'post',
    );
    expect(error).toBeInstanceOf(TransientTeamsDeliveryError);
    expect(error).toMatchObject({ reason: 'teams_unreachable', status: undefined, teamsCode: undefined });
  });

  it('keeps errors that are already typed', () => {
    const typed = new PermanentTeamsDeliveryError('x', 'unknown_conversation');
    expect(classifyTeamsError(typed, 'post')).toBe(typed);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(retryAfterMsOf(restError(429, undefined, { 'retry-after': '0' }), now)).toBe(0);
    expect(retryAfterMsOf(restError(429, undefined, { 'retry-after': 'Thu, 26 Nov 2026 10:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(retryAfterMsOf(restError(429, undefined, { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMsOf(restError(429), now)).toBeUndefined();
    expect(retryAfterMsOf({ response: { headers: { 'retry-after': '2' } } }, now)).toBe(2000);
  });

  it('describes reasons for people', () => {
    expect(describeTeamsReason('bot_removed')).toMatch(/no longer in that conversation/);
    expect(describeTeamsReason('channel_not_found')).toBe('channel_not_found');
  });
});

describe('retrying with jitter, bounded', () => {
  it('keeps every delay between half and all of the capped exponential step, and at least Retry-After (capped)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        (attempt, baseDelayMs, maxDelayMs, random, retryAfterMs) => {
          const policy = { attempts: 5, baseDelayMs, maxDelayMs, random: () => random };
          const delay = retryDelayMs(attempt, policy, retryAfterMs);
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          expect(delay).toBeLessThanOrEqual(maxDelayMs);
          expect(delay).toBeGreaterThanOrEqual(
            Math.min(maxDelayMs, Math.round(Math.max(retryAfterMs ?? 0, ceiling / 2))) - 1,
          );
          expect(delay).toBeLessThanOrEqual(Math.max(ceiling, Math.min(maxDelayMs, retryAfterMs ?? 0)) + 1);
        },
      ),
    );
  });

  it('retries exactly 412, 429, 502 and 504, at most `attempts` times in all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(400, 401, 403, 404, 409, 412, 413, 429, 500, 502, 503, 504),
        fc.integer({ min: 1, max: 6 }),
        async (status, attempts) => {
          let calls = 0;
          const sleeps: number[] = [];
          const failure = await withTeamsRetry(
            'post',
            async () => {
              calls += 1;
              throw restError(status);
            },
            {
              attempts,
              baseDelayMs: 10,
              maxDelayMs: 100,
              random: () => 0.5,
              sleep: async (ms) => void sleeps.push(ms),
            },
          ).catch((error: unknown) => error);
          const retryable = RETRYABLE_TEAMS_STATUSES.has(status);
          expect(calls).toBe(retryable ? attempts : 1);
          expect(sleeps).toHaveLength(calls - 1);
          expect(failure).toMatchObject({ status });
        },
      ),
    );
  });

  it('returns the first success and tells about each retry', async () => {
    const outcomes = [restError(429, undefined, { 'retry-after': '0' }), restError(502)];
    const notices: number[] = [];
    const value = await withTeamsRetry(
      'update',
      async () => {
        const next = outcomes.shift();
        if (next) throw next;
        return 'ok';
      },
      { attempts: 4, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => undefined },
      (notice) => notices.push(notice.error.status ?? 0),
    );
    expect(value).toBe('ok');
    expect(notices).toEqual([429, 502]);
  });

  it('waits for real between attempts when no sleep is given', async () => {
    let calls = 0;
    const started = Date.now();
    await withTeamsRetry(
      'post',
      async () => {
        calls += 1;
        if (calls < 3) throw restError(504);
      },
      { attempts: 3, baseDelayMs: 20, maxDelayMs: 20, random: () => 0 },
    );
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
