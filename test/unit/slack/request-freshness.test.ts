import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { verifySignatureAndParseBody } from '@slack/bolt/dist/receivers/ExpressReceiver';
import { MAX_REQUEST_SKEW_SECONDS, rejectSkewedSlackTimestamps } from '../../../src/adapters/slack/request-freshness';

const SECRET = 'unit-secret';
const sign = (body: string, ts: number) =>
  `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;

function run(timestamp: string | undefined, nowMs: number) {
  const req = { headers: timestamp === undefined ? {} : { 'x-slack-request-timestamp': timestamp } };
  const res = {
    statusCode: 0,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    type() {
      return this;
    },
    send() {
      return this;
    },
  };
  let passed = false;
  rejectSkewedSlackTimestamps(() => nowMs)(req as never, res as never, () => {
    passed = true;
  });
  return { passed, status: res.statusCode };
}

describe('why a freshness check runs in front of Bolt', () => {
  const now = Math.floor(Date.now() / 1000);
  const body = 'command=%2Fcampaign-report&text=help';

  it("Bolt's ExpressReceiver refuses a stale timestamp", () => {
    const ts = now - 301;
    expect(() =>
      verifySignatureAndParseBody(SECRET, body, {
        'x-slack-signature': sign(body, ts),
        'x-slack-request-timestamp': String(ts),
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ).toThrow(/too old/);
  });

  it('but accepts one signed an hour in the future (so we check it ourselves)', () => {
    const ts = now + 3600;
    expect(() =>
      verifySignatureAndParseBody(SECRET, body, {
        'x-slack-signature': sign(body, ts),
        'x-slack-request-timestamp': String(ts),
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ).not.toThrow();
    expect(
      isValidSlackRequest({
        signingSecret: SECRET,
        body,
        headers: { 'x-slack-signature': sign(body, ts), 'x-slack-request-timestamp': ts },
      }),
    ).toBe(true);
  });
});

describe('rejectSkewedSlackTimestamps', () => {
  const nowMs = 1_800_000_000_000;
  const nowS = nowMs / 1000;

  it.each([0, -MAX_REQUEST_SKEW_SECONDS, MAX_REQUEST_SKEW_SECONDS, -1, 1])(
    'lets a timestamp %i s off through',
    (offset) => {
      expect(run(String(nowS + offset), nowMs)).toEqual({ passed: true, status: 0 });
    },
  );

  it.each([-MAX_REQUEST_SKEW_SECONDS - 1, MAX_REQUEST_SKEW_SECONDS + 1, 10 ** 9])(
    'answers 401 to a timestamp %i s off',
    (offset) => {
      expect(run(String(nowS + offset), nowMs)).toEqual({ passed: false, status: 401 });
    },
  );

  it.each([undefined, '', 'abc', 'NaN'])('answers 401 to a missing or unreadable timestamp (%p)', (value) => {
    expect(run(value, nowMs)).toEqual({ passed: false, status: 401 });
  });
});
