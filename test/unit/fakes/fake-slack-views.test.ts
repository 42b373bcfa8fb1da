import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from '../../support/fakes/fake-slack';
import { optionsProblems } from '../../support/fakes/fake-slack-views';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`block ${i}`));
const option = (i: number) => ({ text: { type: 'plain_text', text: `Campaign ${i}` }, value: `cmp-${i}` });

describe('fake Slack views and unfurls refuse what Slack refuses, driven by @slack/web-api', () => {
  let slack: FakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.reset();
    client = new WebClient('xoxb-test-token', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
  });

  const platformError = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'resolved',
      (err: WebAPIPlatformError) => (err.code === ErrorCode.PlatformError ? err.data.error : err.code),
    );

  it('publishes a Home of 100 blocks and refuses one of 101', async () => {
    expect(
      await platformError(
        client.views.publish({ user_id: 'U0A', view: { type: 'home', blocks: blocks(100) } as never }),
      ),
    ).toBe('resolved');
    expect(
      await platformError(
        client.views.publish({ user_id: 'U0A', view: { type: 'home', blocks: blocks(101) } as never }),
      ),
    ).toBe('invalid_arguments');
    expect(slack.views.publishedHomes('U0A')).toHaveLength(1);
  });

  it('refuses a Home for nobody, a modal as a Home, and an over-long section in it', async () => {
    expect(
      await platformError(client.views.publish({ user_id: '', view: { type: 'home', blocks: [] } as never })),
    ).toBe('invalid_arguments');
    expect(
      await platformError(client.views.publish({ user_id: 'U0A', view: { type: 'modal', blocks: [] } as never })),
    ).toBe('invalid_arguments');
    const long = { type: 'home', blocks: [section('x'.repeat(3001))] };
    expect(await platformError(client.views.publish({ user_id: 'U0A', view: long as never }))).toBe(
      'invalid_arguments',
    );
  });

  it('opens a modal once per trigger, and refuses one without a title, over 100 blocks, or with inputs and no submit', async () => {
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Subscribe' }, blocks: blocks(3) };
    expect(await platformError(client.views.open({ trigger_id: 't1', view: modal as never }))).toBe('resolved');
    expect(await platformError(client.views.open({ trigger_id: 't1', view: modal as never }))).toBe(
      'expired_trigger_id',
    );
    expect(await platformError(client.views.open({ trigger_id: '', view: modal as never }))).toBe('invalid_arguments');
    const untitled = { ...modal, title: undefined };
    expect(await platformError(client.views.open({ trigger_id: 't2', view: untitled as never }))).toBe(
      'invalid_arguments',
    );
    const big = { ...modal, blocks: blocks(101) };
    expect(await platformError(client.views.open({ trigger_id: 't3', view: big as never }))).toBe('invalid_arguments');
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'x' },
      element: { type: 'checkboxes', action_id: 'a', options: [] },
    };
    const noSubmit = { ...modal, blocks: [input] };
    expect(await platformError(client.views.open({ trigger_id: 't4', view: noSubmit as never }))).toBe(
      'invalid_arguments',
    );
    const longTitle = { ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } };
    expect(await platformError(client.views.open({ trigger_id: 't5', view: longTitle as never }))).toBe(
      'invalid_arguments',
    );
    expect(slack.views.modals().map((m) => m.triggerId)).toEqual(['t1']);
  });

  it('unfurls by message or by composer id, and refuses nothing to unfurl or too many blocks', async () => {
    const unfurls = { 'https://r.example/reports/a.b': { blocks: blocks(2) } };
    expect(await platformError(client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls } as never))).toBe('resolved');
    expect(await platformError(client.chat.unfurl({ unfurl_id: 'U1', source: 'composer', unfurls } as never))).toBe(
      'resolved',
    );
    expect(await platformError(client.chat.unfurl({ unfurls } as never))).toBe('invalid_arguments');
    expect(await platformError(client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls: {} } as never))).toBe(
      'invalid_unfurls_format',
    );
    const tooMany = { 'https://r.example/reports/a.b': { blocks: blocks(51) } };
    expect(await platformError(client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls: tooMany } as never))).toBe(
      'invalid_blocks',
    );
    expect(slack.views.unfurls()).toHaveLength(2);
  });

  it('accepts an option list of 100 and refuses 101, an over-long option, or markup text', () => {
    expect(optionsProblems({ options: Array.from({ length: 100 }, (_, i) => option(i)) })).toEqual([]);
    expect(optionsProblems({ options: Array.from({ length: 101 }, (_, i) => option(i)) })).toEqual([
      'no more than 100 items allowed: options',
    ]);
    expect(optionsProblems({ options: [{ ...option(1), value: 'v'.repeat(151) }] })).toEqual([
      'option 0: value over 150',
    ]);
    expect(
      optionsProblems({ options: [{ ...option(1), text: { type: 'plain_text', text: 't'.repeat(76) } }] }),
    ).toEqual(['option 0: text over 75']);
    expect(optionsProblems({ options: [{ ...option(1), text: { type: 'mrkdwn', text: '*x*' } }] })).toEqual([
      'option 0: text must be plain_text',
    ]);
    expect(optionsProblems({})).toEqual(['missing required field: options']);
  });
});
