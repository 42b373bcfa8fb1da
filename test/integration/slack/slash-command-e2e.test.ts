import { useSeededSlackApp } from './support/seeded-slack-app';
import { SlackCall } from '../../support/fakes/fake-slack';
import { TEAM_A, TEAM_UNLINKED } from './support/two-accounts';

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; url?: string; text?: unknown }>;
  accessory?: { action_id?: string; value?: string; url?: string };
  image_url?: string;
  slack_file?: { id: string };
};

const blocksOf = (call: SlackCall) => call.body.blocks as Block[];
const textOf = (call: SlackCall) => JSON.stringify(call.body);
const buttons = (call: SlackCall) =>
  blocksOf(call)
    .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
    .filter((e) => e.action_id);

describe('/campaign-report end to end, signed HTTP into the real app', () => {
  const app = useSeededSlackApp();

  async function ask(text: string, teamId = TEAM_A, channelId?: string): Promise<SlackCall> {
    const ack = await app.h.command(text, teamId, { channelId });
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    return app.h.answerAt(ack.responseUrl);
  }

  it('answers help as an ephemeral message with the grammar and a text fallback', async () => {
    const answer = await ask('');
    expect(answer.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(String(answer.body.text)).toContain('Commands: /campaign-report');
    expect(textOf(answer)).toContain('subscribe &lt;bot | campaign | all&gt;');
    expect(await ask('help')).toMatchObject({ body: { response_type: 'ephemeral' } });
  });

  it('says what it did not understand, then the help', async () => {
    const answer = await ask('list yesterday');
    expect(blocksOf(answer)[0].text?.text).toContain('I did not understand \\"list yesterday\\"'.replace(/\\"/g, '"'));
    expect(textOf(answer)).toContain('Commands: /campaign-report');
  });

  it('answers a campaign with its overview, QuickChart images and a Share button', async () => {
    const answer = await ask('cmp-1-000');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blocksOf(answer)[0]).toMatchObject({ type: 'header' });
    expect(blocksOf(answer)[0].text?.text).toContain('Complete, final');
    const images = blocksOf(answer).filter((b) => b.type === 'image');
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.image_url).toMatch(/^https:\/\/quickchart\.example\.test\/chart\?/);
    expect(buttons(answer).map((b) => [b.action_id, b.value])).toEqual([
      ['share_report', 'cmp-1-000'],
      ['open_calls', 'cmp-1-000'],
    ]);
    expect(String(answer.body.text)).toMatch(/calls, answer rate/);
  });

  it('lists the ambiguous candidates of a prefix', async () => {
    const answer = await ask('cmp-1');
    expect(textOf(answer)).toContain('matches 3 campaigns: cmp-1-000, cmp-1-001, cmp-1-002');
  });

  it('lists campaigns', async () => {
    const answer = await ask('list complete');
    expect(blocksOf(answer)[0].text?.text).toBe('Campaigns · Complete');
    expect(textOf(answer)).toContain('cmp-1-002');
  });

  it('gives calls with Listen buttons on our own signed links and a Download CSV button', async () => {
    const answer = await ask('calls cmp-1-000 successful');
    const listen = buttons(answer).filter((b) => b.action_id === 'listen_recording');
    expect(listen.length).toBeGreaterThan(0);
    for (const button of listen) expect(button.url).toMatch(/^https:\/\/reports\.example\.test\/r\/[\w-]+\.[\w-]+$/);
    expect(textOf(answer)).not.toContain('recordings.example.com');
    expect(buttons(answer).find((b) => b.action_id === 'download_calls_csv')?.value).toBe(
      JSON.stringify({ campaignId: 'cmp-1-000', status: 'successful' }),
    );
    expect(textOf(answer)).not.toMatch(/\+849\d{7}/); // phones masked
  });

  it('gives monthly usage', async () => {
    const answer = await ask('usage 2026-10');
    expect(blocksOf(answer)[0].text?.text).toBe('Usage · 2026-10');
    expect(textOf(answer)).toContain('bot-debt');
  });

  it('subscribes the channel, lists and unsubscribes', async () => {
    const subscribed = await ask('subscribe all summaries', TEAM_A, 'C0REPORTS');
    expect(subscribed.body.text).toBe('Subscribed here to summaries of all campaigns.');
    expect(app.fake.calls.some((c) => c.method === 'conversations.info' && c.body.channel === 'C0REPORTS')).toBe(true);
    const listed = await ask('subscriptions', TEAM_A, 'C0REPORTS');
    expect(listed.body.text).toContain('• all campaigns: summaries');
    const row = await app.t.db('subscriptions').where({ destination: 'C0REPORTS' }).first();
    expect(row).toMatchObject({
      platform: 'slack',
      workspace_id: TEAM_A,
      account_id: 'default',
      created_by: 'U0ALICE',
    });
    expect((await ask('unsubscribe all', TEAM_A, 'C0REPORTS')).body.text).toBe('Unsubscribed here from all campaigns.');
  });

  it.each(['channel_not_found', 'not_in_channel'])(
    'asks to be invited to a private channel first (%s)',
    async (error) => {
      app.fake.failNext('conversations.info', { error });
      const answer = await ask('subscribe all', TEAM_A, 'G0PRIVATE');
      expect(answer.body.text).toContain('Invite me first');
      expect(await app.t.db('subscriptions').where({ destination: 'G0PRIVATE' })).toEqual([]);
    },
  );

  it('subscribes anyway when Slack cannot say whether it may post (5xx after retries): delivery will tell', async () => {
    app.fake.failNext('conversations.info', { status: 500, times: 3 });
    const answer = await ask('subscribe bot-care', TEAM_A, 'C0FLAKY');
    expect(answer.body.text).toBe('Subscribed here to summaries, the monthly digest, live progress and alerts of bot bot-care.');
  });

  it('tells an unlinked workspace how to link it', async () => {
    const answer = await ask('cmp-1-000', TEAM_UNLINKED);
    expect(answer.body.text).toContain(`npm run cli -- link slack ${TEAM_UNLINKED} &lt;account_id&gt;`);
  });

  it('escapes user text: a campaign named <!channel> shows as text', async () => {
    await app.t
      .db('campaigns')
      .insert({ account_id: 'default', campaign_id: 'cmp-evil', bot_id: 'bot-debt', name: '<!channel> & <@U123>' });
    await app.t.db('campaign_rollups').insert({ account_id: 'default', campaign_id: 'cmp-evil' });
    const answer = await ask('cmp-evil');
    expect(textOf(answer)).not.toContain('<!channel>');
    expect(blocksOf(answer)[0].text?.text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });
});
