import { NATIVE_SURFACE_IDS as IDS } from '../../../src/render/slack/native-surface-ids';
import { SUBSCRIBE_FORM_OPTIONS } from '../../../src/domain/native-surfaces';
import { optionsProblems } from '../../support/fakes/fake-slack-views';
import { useSeededSlackApp } from './support/seeded-slack-app';
import { clickWithState, submitSubscribe, suggest } from './support/native-surface-requests';
import { SECRET_BOT, SECRET_CAMPAIGN, TEAM_A, TEAM_UNLINKED } from './support/two-accounts';

type ViewBlock = { type: string; block_id?: string; element?: Record<string, unknown> };

describe('subscribe alone opens a modal; its submit subscribes like the typed command', () => {
  const app = useSeededSlackApp();

  const subscriptionsIn = (channel: string) =>
    app.t
      .db('subscriptions')
      .where({ destination: channel })
      .select('target_kind', 'target_id', 'summaries', 'digest', 'live', 'alerts');

  it("opens the modal with the command's trigger: the channel (this one first), the target and every option ticked", async () => {
    const ack = await app.h.command('subscribe', TEAM_A, { channelId: 'C0REPORTS', triggerId: '7.7.7' });
    expect(ack.status).toBe(200);
    const call = await app.fake.waitFor((c) => c.method === 'views.open');
    expect(call.response).toMatchObject({ ok: true });
    const [opened] = app.fake.views.modals().slice(-1);
    expect(opened.triggerId).toBe('7.7.7');
    const blocks = opened.view.blocks as ViewBlock[];
    const input = (id: string) => blocks.find((b) => b.block_id === id)?.element ?? {};
    expect(input(IDS.subscribeChannelBlock)).toMatchObject({
      type: 'conversations_select',
      initial_conversation: 'C0REPORTS',
      default_to_current_conversation: true,
    });
    expect(input(IDS.subscribeTargetBlock)).toMatchObject({
      type: 'external_select',
      action_id: IDS.pickSubscribeTarget,
    });
    const checkboxes = input(IDS.subscribeOptionsBlock) as { options: { value: string }[]; initial_options: unknown[] };
    expect(checkboxes.options.map((o) => o.value)).toEqual([...SUBSCRIBE_FORM_OPTIONS]);
    expect(checkboxes.initial_options).toHaveLength(SUBSCRIBE_FORM_OPTIONS.length);
    await app.h.surface.idle();
    expect(app.fake.responses(ack.responseUrl)).toEqual([]);
  });

  it('opens it in Vietnamese too (đăng ký alone)', async () => {
    await app.t.db('accounts').where({ id: 'default' }).update({ locale: 'vi-VN' });
    try {
      const before = app.fake.views.modals().length;
      await app.h.command('đăng ký', TEAM_A);
      await app.fake.waitFor((c) => c.method === 'views.open' && app.fake.views.modals().length > before);
      const [opened] = app.fake.views.modals().slice(-1);
      expect((opened.view.title as { text: string }).text).toBe('Đăng ký');
    } finally {
      await app.t.db('accounts').where({ id: 'default' }).update({ locale: 'en-US' });
    }
  });

  it("answers an unlinked workspace's bare subscribe with how to link it, not a modal", async () => {
    const before = app.fake.views.modals().length;
    const ack = await app.h.command('subscribe', TEAM_UNLINKED);
    await app.h.surface.idle();
    const answer = await app.h.answerAt(ack.responseUrl);
    expect(JSON.stringify(answer.body)).toContain('subscribe needs a bot, a campaign or all');
    expect(app.fake.views.modals()).toHaveLength(before);
  });

  it('answers with the typed help when Slack refuses the modal (a trigger used twice)', async () => {
    await app.h.command('subscribe', TEAM_A, { triggerId: '8.8.8' });
    await app.fake.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === '8.8.8');
    const again = await app.h.command('subscribe', TEAM_A, { triggerId: '8.8.8' });
    const answer = await app.h.answerAt(again.responseUrl);
    expect(JSON.stringify(answer.body)).toContain('subscribe needs a bot, a campaign or all');
  });

  it("the picker's Subscribe button opens the same modal with the click's trigger", async () => {
    const responseUrl = app.fake.newResponseUrl();
    await clickWithState(app.h, { teamId: TEAM_A, actionId: IDS.pickerSubscribe, responseUrl, triggerId: '9.9.9' });
    await app.fake.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === '9.9.9');
    expect(app.fake.views.modals().some((m) => m.triggerId === '9.9.9')).toBe(true);
  });

  it('starts the modal on the campaign picked in the menu, when there is one', async () => {
    const responseUrl = app.fake.newResponseUrl();
    const state = {
      [IDS.pickerBlock]: {
        [IDS.pickCampaign]: {
          type: 'external_select',
          selected_option: { text: { type: 'plain_text', text: 'Đợt 2 <!here> (cmp-1-002)' }, value: 'cmp-1-002' },
        },
      },
    };
    await clickWithState(app.h, {
      teamId: TEAM_A,
      actionId: IDS.pickerSubscribe,
      responseUrl,
      triggerId: '6.6.6',
      state,
    });
    await app.fake.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === '6.6.6');
    const opened = app.fake.views.modals().find((m) => m.triggerId === '6.6.6');
    const target = (opened?.view.blocks as ViewBlock[]).find((b) => b.block_id === IDS.subscribeTargetBlock);
    expect(target?.element?.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Đợt 2 &lt;!here&gt; (cmp-1-002)', emoji: true },
      value: 'campaign:cmp-1-002',
    });
  });

  it('offers all campaigns, the bots and the campaigns of the account as targets, within 100', async () => {
    const answer = await suggest(app.h, TEAM_A, IDS.pickSubscribeTarget, '');
    const body = JSON.parse(answer.body) as { options: { value: string }[] };
    expect(optionsProblems(body)).toEqual([]);
    const values = body.options.map((o) => o.value);
    expect(values[0]).toBe('all');
    expect(values).toEqual(expect.arrayContaining(['bot:bot-debt', 'campaign:cmp-1-000']));
    expect(values.join()).not.toContain(SECRET_BOT);
    const bots = await suggest(app.h, TEAM_A, IDS.pickSubscribeTarget, 'bot-');
    expect((JSON.parse(bots.body) as { options: { value: string }[] }).options.map((o) => o.value)).toEqual([
      'bot:bot-care',
      'bot:bot-debt',
      'bot:bot-survey',
    ]);
  });

  it('subscribes the picked channel as the typed command does, and the modal says so', async () => {
    const answer = await submitSubscribe(app.h, TEAM_A, {
      channel: 'C0PICKED',
      target: 'bot:bot-debt',
      options: ['digest'],
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as {
      response_action: string;
      view: { blocks: { text?: { text: string } }[] };
    };
    expect(body.response_action).toBe('update');
    expect(body.view.blocks[0].text?.text).toBe('Subscribed <#C0PICKED> to the monthly digest of bot bot-debt.');
    expect(await subscriptionsIn('C0PICKED')).toEqual([
      { target_kind: 'bot', target_id: 'bot-debt', summaries: false, digest: true, live: false, alerts: false },
    ]);
  });

  it('subscribes to live progress and alerts when those are ticked', async () => {
    const answer = await submitSubscribe(app.h, TEAM_A, {
      channel: 'C0LIVE',
      target: 'campaign:cmp-1-000',
      options: ['live', 'alerts'],
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { view: { blocks: { text?: { text: string } }[] } };
    expect(body.view.blocks[0].text?.text).toBe(
      'Subscribed <#C0LIVE> to live progress and alerts of campaign cmp-1-000.',
    );
    expect(await subscriptionsIn('C0LIVE')).toEqual([
      { target_kind: 'campaign', target_id: 'cmp-1-000', summaries: false, digest: false, live: true, alerts: true },
    ]);
  });

  it.each<[string, { channel?: string; target?: string; options: string[] }, string, string]>([
    [
      'no option ticked',
      { channel: 'C0BAD1', target: 'all', options: [] },
      IDS.subscribeOptionsBlock,
      'Tick at least one',
    ],
    ['no target', { channel: 'C0BAD2', options: ['summaries'] }, IDS.subscribeTargetBlock, 'Pick what to subscribe to'],
    [
      'a forged target',
      { channel: 'C0BAD3', target: '<!channel>', options: ['summaries'] },
      IDS.subscribeTargetBlock,
      'Pick what',
    ],
    [
      'a campaign of another account',
      { channel: 'C0BAD4', target: `campaign:${SECRET_CAMPAIGN}`, options: ['summaries'] },
      IDS.subscribeTargetBlock,
      'no voicebot or campaign matches',
    ],
    [
      'a digest of one campaign',
      { channel: 'C0BAD5', target: 'campaign:cmp-1-000', options: ['digest'] },
      IDS.subscribeTargetBlock,
      'a campaign has no monthly digest',
    ],
    ['no channel', { target: 'all', options: ['summaries'] }, IDS.subscribeChannelBlock, 'Pick a channel'],
  ])('shows %s as an error under its field, and stores nothing', async (_what, picked, blockId, words) => {
    const answer = await submitSubscribe(app.h, TEAM_A, picked);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[blockId]).toContain(words);
    if (picked.channel) expect(await subscriptionsIn(picked.channel)).toEqual([]);
  });

  it('asks to be invited first to a channel it cannot post in, and stores nothing', async () => {
    app.fake.failNext('conversations.info', { error: 'channel_not_found' });
    const answer = await submitSubscribe(app.h, TEAM_A, {
      channel: 'G0PRIVATE',
      target: 'all',
      options: ['summaries'],
    });
    const body = JSON.parse(answer.body) as { response_action: string; errors: Record<string, string> };
    expect(body.errors[IDS.subscribeChannelBlock]).toContain('Invite me first with /invite @Campaign Report');
    expect(await subscriptionsIn('G0PRIVATE')).toEqual([]);
  });

  it('tells an unlinked workspace how to link instead of subscribing', async () => {
    const answer = await submitSubscribe(app.h, TEAM_UNLINKED, {
      channel: 'C0NOBODY',
      target: 'all',
      options: ['summaries'],
    });
    const body = JSON.parse(answer.body) as { response_action: string; errors: Record<string, string> };
    expect(body.errors[IDS.subscribeTargetBlock]).toContain(`link slack ${TEAM_UNLINKED}`);
    expect(await subscriptionsIn('C0NOBODY')).toEqual([]);
  });
});
