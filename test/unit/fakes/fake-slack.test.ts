import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from '../../support/fakes/fake-slack';

const TOKEN = 'xoxb-test-token';
const quiet = { logLevel: LogLevel.ERROR };

describe('fake Slack, driven by @slack/web-api', () => {
  let slack: FakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.reset();
    client = new WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, ...quiet });
  });

  const platformError = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'resolved',
      (err: WebAPIPlatformError) => (err.code === ErrorCode.PlatformError ? err.data.error : err.code),
    );

  it('opens the same direct message with one user, and refuses a group or no user', async () => {
    const first = await client.conversations.open({ users: 'U0LAN' });
    const again = await client.conversations.open({ users: 'U0LAN' });
    expect(first.channel?.id).toBe('D0LAN');
    expect(again.channel?.id).toBe('D0LAN');
    expect(await platformError(client.conversations.open({ users: 'U0LAN,U0MAI' }))).toBe('not_enough_users');
    expect(await platformError(client.conversations.open({ users: '' }))).toBe('users_list_not_supplied');
  });

  it('holds a call until released: nothing is stored or answered before, one call of that method only', async () => {
    const hold = slack.holdNext('chat.postMessage');
    let answered = false;
    const posting = client.chat.postMessage({ channel: 'C1', text: 'held' }).then((r) => ((answered = true), r));
    expect((await hold.arrived).text).toBe('held');
    await client.chat.postMessage({ channel: 'C2', text: 'not held' });
    expect(answered).toBe(false);
    expect(slack.messages('C1')).toEqual([]);
    hold.release();
    expect((await posting).ok).toBe(true);
    expect(slack.messages('C1').map((m) => m.text)).toEqual(['held']);
  });

  it('can lose the answer of a call it applied (the message is stored, the client sees a 502)', async () => {
    slack.failNext('chat.postMessage', { status: 502, error: 'bad_gateway', applied: true });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'landed' })).rejects.toThrow();
    expect(slack.messages('C1').map((m) => m.text)).toEqual(['landed']);
    expect(slack.calls.map((c) => [c.method, c.status])).toEqual([['chat.postMessage', 502]]);
  });

  it('answers auth.test and records the bearer token', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0FAKE', user_id: 'U0FAKEBOT' });
    expect(slack.calls[0]).toMatchObject({ method: 'auth.test', token: TOKEN, status: 200 });
    expect(slack.calls[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('posts a message with blocks and metadata, updates it, and reads it back newest first', async () => {
    const metadata = { event_type: 'campaign_report', event_payload: { campaign_id: 'cmp-1' } };
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'Campaign cmp-1' } }];
    const first = await client.chat.postMessage({ channel: 'C1', text: 'report', blocks, metadata });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'later' });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(slack.messages('C1')[0]).toMatchObject({ text: 'report', blocks, metadata });
    expect(slack.calls[0]?.body.blocks).toEqual(blocks); // sent form-encoded as a JSON string, decoded

    await client.chat.update({ channel: 'C1', ts: first.ts ?? '', text: 'report v2', blocks, metadata });
    expect(slack.messages('C1')[0]).toMatchObject({ ts: first.ts, text: 'report v2', edited: { user: 'U0FAKEBOT' } });
    expect(await platformError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );

    const history = await client.conversations.history({ channel: 'C1', include_all_metadata: true, limit: 1 });
    expect(history.messages?.map((m) => m.ts)).toEqual([second.ts]);
    expect(history.has_more).toBe(true);
    const older = await client.conversations.history({
      channel: 'C1',
      include_all_metadata: true,
      cursor: history.response_metadata?.next_cursor,
    });
    expect(older.messages?.[0]).toMatchObject({ ts: first.ts, text: 'report v2', metadata });

    const plain = await client.conversations.history({ channel: 'C1', oldest: first.ts });
    expect(plain.messages?.map((m) => m.ts)).toEqual([second.ts]);
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
  });

  it('uploads a file with filesUploadV2 into a thread', async () => {
    const csv = Buffer.from('call_id,result\n1,OK\n');
    const result = await client.filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1700000000.000100',
      initial_comment: 'all calls',
      file: csv,
      filename: 'calls.csv',
    });
    expect(result.ok).toBe(true);
    const [file] = slack.files();
    expect(file).toMatchObject({
      filename: 'calls.csv',
      completed: true,
      channelId: 'C1',
      threadTs: '1700000000.000100',
      initialComment: 'all calls',
    });
    expect(file?.bytes?.equals(csv)).toBe(true);
    expect(slack.calls.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
  });

  it('deletes a file with files.delete, after which a message cannot show it', async () => {
    const result = (await client.filesUploadV2({ file: Buffer.from('png'), filename: 'chart.png' })) as {
      files: { files: { id: string }[] }[];
    };
    const id = result.files[0].files[0].id;
    const image = [{ type: 'image', alt_text: 'chart', slack_file: { id } }];
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: image })).ok).toBe(true);
    expect((await client.files.delete({ file: id })).ok).toBe(true);
    expect(slack.files()).toEqual([]);
    expect(await platformError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: image }))).toBe(
      'invalid_blocks',
    );
    expect(await platformError(client.files.delete({ file: id }))).toBe('file_not_found');
  });

  it('posts ephemeral messages and records response_url posts', async () => {
    await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(slack.ephemerals('C1')).toEqual([expect.objectContaining({ user: 'U1', text: 'only you' })]);

    const responseUrl = slack.newResponseUrl();
    const waiting = slack.waitFor((c) => c.method === 'response_url');
    const res = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'shared' }),
    });
    expect(res.status).toBe(200);
    expect((await waiting).body).toEqual({ response_type: 'in_channel', text: 'shared' });
    expect(slack.responses(responseUrl)).toEqual([
      expect.objectContaining({ body: { response_type: 'in_channel', text: 'shared' } }),
    ]);
  });

  it('validates messages the way Slack does', async () => {
    const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });
    const divider = { type: 'divider' };
    expect(await platformError(client.chat.postMessage({ channel: 'C1' } as never))).toBe('no_text');
    expect(
      await platformError(client.chat.postMessage({ channel: 'C1', text: 't', blocks: Array(51).fill(divider) })),
    ).toBe('invalid_blocks');
    expect(
      await platformError(client.chat.postMessage({ channel: 'C1', text: 't', blocks: [header('x'.repeat(151))] })),
    ).toBe('invalid_blocks');
    const image = { type: 'image', image_url: `https://x.test/${'a'.repeat(3000)}`, alt_text: 'chart' };
    expect(await platformError(client.chat.postMessage({ channel: 'C1', text: 't', blocks: [image] }))).toBe(
      'invalid_blocks',
    );
    expect(
      await platformError(
        client.chat.postMessage({
          channel: 'C1',
          text: 't',
          blocks: [...Array(49).fill(divider), header('x'.repeat(150))],
        }),
      ),
    ).toBe('resolved');
  });

  it('refuses what Slack refuses of its tables and charts, pointing at the block', async () => {
    const table = { type: 'table', rows: [[{ type: 'raw_text', text: 'a' }]] };
    const dataTable = {
      type: 'data_table',
      caption: 'c',
      rows: [[{ type: 'raw_text', text: 'h' }], [{ type: 'raw_text', text: 'v' }]],
    };
    const pie = (n = 1) => ({
      type: 'data_visualization',
      title: 'Calls',
      chart: { type: 'pie', segments: Array.from({ length: n }, (_, i) => ({ label: `s${i}`, value: 1 })) },
    });
    const post = (blocks: unknown[]) => client.chat.postMessage({ channel: 'C1', text: 't', blocks } as never);
    const errorsOf = (promise: Promise<unknown>) =>
      promise.then(
        () => ['resolved'],
        (err: WebAPIPlatformError) => [err.data.error, ...((err.data as { errors?: string[] }).errors ?? [])],
      );
    expect(await platformError(post([table, pie(), pie()]))).toBe('resolved');
    expect(await errorsOf(post([table, dataTable]))).toEqual(['invalid_blocks', 'only 1 table is allowed per message']);
    expect((await errorsOf(post([pie(), pie(), pie()])))[0]).toBe('invalid_blocks');
    expect((await errorsOf(post([pie(7)])))[1]).toBe('no more than 6 items allowed: segments [json-pointer:/blocks/0]');
    expect(await platformError(post([{ ...dataTable, rows: [dataTable.rows[0]] }]))).toBe('invalid_blocks');
    expect(await errorsOf(post([{ type: 'mystery' }]))).toEqual([
      'invalid_blocks',
      'unsupported type: mystery [json-pointer:/blocks/0]',
    ]);
  });

  it('refuses a block type when told to, as an older Slack would, in messages and response_urls', async () => {
    const table = { type: 'table', rows: [[{ type: 'raw_text', text: 'a' }]] };
    slack.refuseBlockTypes('table');
    expect(
      await platformError(
        client.chat.postMessage({ channel: 'C1', text: 't', blocks: [{ type: 'divider' }, table] } as never),
      ),
    ).toBe('invalid_blocks');
    const refused = await fetch(slack.newResponseUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 't', blocks: [table] }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      ok: false,
      error: 'invalid_blocks',
      errors: ['unsupported type: table [json-pointer:/blocks/0]'],
    });
    slack.reset();
    expect(await platformError(client.chat.postMessage({ channel: 'C1', text: 't', blocks: [table] } as never))).toBe(
      'resolved',
    );
  });

  it('takes 100 blocks in a view, not 101', async () => {
    const { blockProblems, SLACK_MAX_VIEW_BLOCKS } = await import('../../support/fakes/fake-slack-rules');
    const dividers = (n: number) => Array(n).fill({ type: 'divider' });
    expect(blockProblems(dividers(SLACK_MAX_VIEW_BLOCKS), { maxBlocks: SLACK_MAX_VIEW_BLOCKS })).toEqual([]);
    expect(blockProblems(dividers(SLACK_MAX_VIEW_BLOCKS + 1), { maxBlocks: SLACK_MAX_VIEW_BLOCKS })).toHaveLength(1);
  });

  it('fails the next calls as planned', async () => {
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await platformError(client.chat.postMessage({ channel: 'C404', text: 'x' }))).toBe('channel_not_found');

    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const strict = new WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...quiet,
    });
    const limited = await strict.chat
      .postMessage({ channel: 'C1', text: 'x' })
      .catch((err: WebAPIRateLimitedError) => err);
    expect(limited).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });

    slack.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    const patient = new WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      ...quiet,
    });
    await expect(patient.chat.postMessage({ channel: 'C1', text: 'retried' })).resolves.toMatchObject({ ok: true });
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.status)).toEqual([
      200, 429, 429, 200,
    ]);

    slack.failNext('chat.update', { status: 500, times: 2 });
    await expect(client.chat.update({ channel: 'C1', ts: '1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(client.chat.update({ channel: 'C1', ts: '1', text: 'x' })).rejects.toMatchObject({ statusCode: 500 });
    expect(await platformError(client.chat.update({ channel: 'C1', ts: '1', text: 'x' }))).toBe('message_not_found');
  });

  it('rejects calls without a usable token', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, ...quiet });
    expect(await platformError(anonymous.auth.test())).toBe('not_authed');
    expect(await platformError(anonymous.auth.test({ token: 'nope' }))).toBe('invalid_auth');
  });

  it('installs over OAuth, with token rotation when asked', async () => {
    const rotating = await startFakeSlack({ tokenRotation: true, clientId: 'cid', clientSecret: 'secret' });
    try {
      const oauth = new WebClient(undefined, { slackApiUrl: rotating.apiUrl, retryConfig: { retries: 0 }, ...quiet });
      const code = rotating.oauthCode({ teamId: 'T2', teamName: 'Second' });
      const install = await oauth.oauth.v2.access({ client_id: 'cid', client_secret: 'secret', code });
      expect(install).toMatchObject({
        team: { id: 'T2', name: 'Second' },
        bot_user_id: 'U0FAKEBOT',
        token_type: 'bot',
        expires_in: 43200,
      });
      expect(install.access_token).toMatch(/^xoxe\.xoxb-/);
      expect(await platformError(oauth.oauth.v2.access({ client_id: 'cid', client_secret: 'secret', code }))).toBe(
        'invalid_code',
      );
      expect(await platformError(oauth.oauth.v2.access({ client_id: 'cid', client_secret: 'wrong', code: 'c' }))).toBe(
        'bad_client_secret',
      );

      const team = await new WebClient(install.access_token, { slackApiUrl: rotating.apiUrl, ...quiet }).auth.test();
      expect(team.team_id).toBe('T2');
      const refreshed = await oauth.oauth.v2.access({
        client_id: 'cid',
        client_secret: 'secret',
        grant_type: 'refresh_token',
        refresh_token: install.refresh_token,
      });
      expect(refreshed.refresh_token).not.toBe(install.refresh_token);
    } finally {
      await rotating.close();
    }
  });

  it('answers conversations.info and users.info', async () => {
    slack.setUser({ id: 'U7', name: 'lan', tz: 'Europe/Paris' });
    await expect(client.conversations.info({ channel: 'C1' })).resolves.toMatchObject({
      channel: { id: 'C1', is_member: true },
    });
    await expect(client.users.info({ user: 'U7' })).resolves.toMatchObject({
      user: { id: 'U7', name: 'lan', tz: 'Europe/Paris' },
    });
  });

  it('waitFor resolves on a later call and times out with what it saw', async () => {
    const waiting = slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9', 2000);
    await client.chat.postMessage({ channel: 'C1', text: 'not this one' });
    await client.chat.postMessage({ channel: 'C9', text: 'this one' });
    await expect(waiting).resolves.toMatchObject({ body: { text: 'this one' } });
    await expect(slack.waitFor((c) => c.method === 'chat.delete', 20)).rejects.toThrow(/chat\.postMessage \(200\)/);
  });
});
