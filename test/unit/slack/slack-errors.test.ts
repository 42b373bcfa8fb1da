import { ErrorCode } from '@slack/web-api';
import { ResponseUrlError } from '../../../src/adapters/slack/response-url';
import {
  SLACK_ERRORS,
  slackErrorDetails,
  slackErrorMeaning,
  slackPlatformError,
} from '../../../src/adapters/slack/slack-errors';
import { en } from '../../../src/render/i18n/en';

const platform = (error: string, errors?: string[]) =>
  Object.assign(new Error(error), { code: ErrorCode.PlatformError, data: { ok: false, error, errors } });

describe('the one list of Slack error codes', () => {
  it('reads the code of a Web API refusal and of a response_url refusal the same way', () => {
    expect(slackPlatformError(platform('not_in_channel'))).toBe('not_in_channel');
    expect(slackPlatformError(new ResponseUrlError(400, 'invalid_blocks'))).toBe('invalid_blocks');
    expect(slackPlatformError(new ResponseUrlError(404, 'expired_url'))).toBeNull();
    expect(slackPlatformError(new ResponseUrlError(503, 'error'))).toBeNull();
    expect(slackPlatformError(Object.assign(new Error('x'), { code: ErrorCode.RateLimitedError }))).toBeNull();
    expect(slackPlatformError(null)).toBeNull();
  });

  it("gives Slack's details of refused blocks from either", () => {
    const why = ['unsupported type: data_visualization [json-pointer:/blocks/2/type]'];
    expect(slackErrorDetails(platform('invalid_blocks', why))).toEqual(why);
    expect(slackErrorDetails(new ResponseUrlError(400, 'invalid_blocks', why))).toEqual(why);
  });

  it('says what each code means for delivery, subscribing and direct messages', () => {
    expect(slackErrorMeaning('channel_not_found')).toMatchObject({ delivery: 'breaking', channel: 'no-access' });
    expect(slackErrorMeaning('token_revoked')).toEqual({ delivery: 'breaking', reason: 'slackReason.tokenRevoked' });
    expect(slackErrorMeaning('msg_too_long').delivery).toBe('rejected');
    expect(slackErrorMeaning('missing_scope').dm).toBe('reinstall');
    expect(slackErrorMeaning('cannot_dm_bot').dm).toBe('cannot');
    expect(slackErrorMeaning('invalid_blocks').blocks).toBe('refused');
    expect(slackErrorMeaning('something_new')).toEqual({});
    expect(slackErrorMeaning('toString')).toEqual({});
    expect(slackErrorMeaning(null)).toEqual({});
  });

  it('words every reason with a key of the catalog', () => {
    for (const meaning of Object.values(SLACK_ERRORS)) if (meaning.reason) expect(en[meaning.reason]).toBeTruthy();
  });
});
