import { verifyRecordingToken } from '../../../src/domain/recording-token';
import { upsertAccount } from '../../../src/storage/accounts';
import { listDestinationSubscriptions } from '../../../src/storage/subscriptions';
import { findTeamsConversation } from '../../../src/storage/teams-conversations';
import { parseAdaptiveCard, parsedActions, parsedTables } from '../../support/adaptive-card-parser';
import { FakeBotConnector, StoredActivity } from '../../support/fakes/fake-bot-connector';
import { TestDb } from '../../support/test-db';
import {
  cardFacts,
  cardOf,
  cardTexts,
  CHANNEL,
  CHANNEL_THREAD,
  linkTenant,
  PUBLIC_BASE_URL,
  RECORDING_SECRET,
  SampleTeamsSuite,
  startSampleTeamsSuite,
  teamsActivity,
  TeamsHarness,
  teamsMessage,
  TENANT,
} from './support/teams-harness';

describe('Teams bot: commands posted over HTTP to /api/messages', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let suite: SampleTeamsSuite;

  beforeAll(async () => {
    suite = await startSampleTeamsSuite();
    ({ t, connector, harness } = suite);
  });
  afterAll(() => suite?.close());
  beforeEach(() => connector.reset());

  /** Posts one activity, expects 200 and returns the one activity the bot sent back. */
  async function ask(activity: Record<string, unknown>): Promise<StoredActivity> {
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    const sent = connector.activities();
    expect(sent).toHaveLength(1);
    return sent[0];
  }
  const askText = (text: string | undefined, options = {}) => ask(teamsMessage(connector, text, options));

  it('answers the help for an empty command and for a bare mention, as a reply in the thread', async () => {
    for (const text of ['', '<at>Campaign Report</at>', 'help']) {
      connector.reset();
      const reply = await askText(text);
      expect(reply.conversationId).toBe(CHANNEL_THREAD);
      expect(reply.replyToId).toBeDefined();
      const texts = cardTexts(cardOf(reply.activity));
      expect(texts[0]).toBe('Campaign Report: commands');
      for (const usage of [
        'list [running | complete]',
        'usage [YYYY-MM] [bot]',
        'subscribe <bot | campaign | all> [summaries] [digest]',
      ]) {
        expect(texts.some((line) => line.startsWith(usage))).toBe(true);
      }
    }
    const call = connector.calls.find((c) => c.operation === 'reply');
    expect(call?.conversationId).toBe(CHANNEL_THREAD);
  });

  it('answers <campaign> with or without the mention, with the QuickChart charts and the Calls action', async () => {
    for (const text of ['<at>Campaign Report</at> cmp-1-000', 'cmp-1-000', '  <at>Campaign Report</at>   cmp-1-000 ']) {
      connector.reset();
      const card = cardOf((await askText(text)).activity);
      expect(cardTexts(card)).toContain('Đợt 0, "Nhắc nợ "Tháng", vòng 1"');
      const images = JSON.stringify(card).match(/"type":"Image","url":"([^"]+)"/g) ?? [];
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toContain('https://quickchart.example.com/chart?');
      expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } }]);
    }
  });

  it('answers a unique prefix of the name too', async () => {
    const card = cardOf((await askText('Đợt 2')).activity);
    // "Đợt 2" is two words: the grammar says a campaign is one word, and says so.
    expect(cardTexts(card).join('\n')).toMatch(/did not understand/);
    connector.reset();
    const byPrefix = cardOf((await askText('cmp-1-00')).activity);
    expect(cardTexts(byPrefix).join('\n')).toMatch(/matches 3 campaigns/);
  });

  it('answers calls with a fresh signed /r/ link on every row that has a recording, and the filters', async () => {
    const card = cardOf((await askText('<at>Campaign Report</at> calls cmp-1-000')).activity);
    const listen = [...JSON.stringify(card).matchAll(/"url":"(https:\/\/reports\.example\.com\/r\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(listen.length).toBeGreaterThan(0);
    for (const link of listen) {
      expect(link.startsWith(`${PUBLIC_BASE_URL}/r/`)).toBe(true);
      const check = verifyRecordingToken(
        link.slice(`${PUBLIC_BASE_URL}/r/`.length),
        RECORDING_SECRET,
        Math.floor(Date.now() / 1000),
      );
      expect(check).toMatchObject({ ok: true, claim: { accountId: 'default' } });
    }
    expect(JSON.stringify(card)).not.toMatch(/recordings?\.(example|voicebot)|\.mp3|\.wav/);
    expect(cardFacts(card)).toContainEqual(['Filter', 'all calls']);

    connector.reset();
    const filtered = cardOf((await askText('calls cmp-1-000 unsuccessful code=NA')).activity);
    const filter = cardFacts(filtered).find(([title]) => title === 'Filter');
    expect(filter?.[1]).toMatch(/unsuccessful/i);
    expect(filter?.[1]).toMatch(/NA/);
  });

  it("answers calls with a table Microsoft's Adaptive Cards parser reads as the stored calls, phones masked", async () => {
    const card = cardOf((await askText('calls cmp-1-000')).activity);
    const parsed = parseAdaptiveCard(card);
    expect(parsed.problems).toEqual([]);
    // Two layouts: the compact one for narrow cards (phones), the full one for the rest (targetWidth).
    const [compact, table] = parsedTables(parsed);
    expect(compact[0]).toEqual(['Started at', 'Status, code', 'Call time', 'Recording']);
    expect(compact[3]).toEqual(['2026-10-30 22:37:05', 'Successful WRONG_PERSON', '0:03:38', '▶ Listen']);
    // The same columns as the other surfaces: Call ID, Attempt and Status included.
    expect(table[0]).toEqual([
      'Started at',
      'Call ID',
      'Customer',
      'Phone',
      'Attempt',
      'Status',
      'Code',
      'Call time',
      'Recording',
    ]);
    // The first three calls of the sample (calls.csv), started 15:36:02Z to 15:37:05Z, in Asia/Ho_Chi_Minh.
    // Values as stored: TextRuns, nothing escaped (no `+8494\\*\\*\\*\\*631`).
    expect(table.slice(1, 4)).toEqual([
      ['2026-10-30 22:36:02', 'call-1-0000001', 'cus-0-00000', '+8494****631', '1', 'Error', 'CU', '0:00:00', '–'],
      [
        '2026-10-30 22:36:41',
        'call-1-0000002',
        'cus-0-00000',
        '+8494****631',
        '2',
        'Unsuccessful',
        'NA',
        '0:00:00',
        '–',
      ],
      [
        '2026-10-30 22:37:05',
        'call-1-0000003',
        'cus-0-00001',
        '+8493****778',
        '1',
        'Successful',
        'WRONG_PERSON',
        '0:03:38',
        '▶ Listen',
      ],
    ]);
    expect(cardFacts(card)).toEqual([
      ['Campaign', 'cmp-1-000'],
      ['Filter', 'all calls'],
      ['Matching calls', '43'],
      ['Time zone', 'Asia/Ho_Chi_Minh'],
    ]);
    expect(JSON.stringify(card)).not.toContain('\\\\');
    expect(parsedActions(parsed)).toEqual([
      { type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-1-000' } },
    ]);
  });

  it('handles an Action.Submit of a card (activity.value.command, no text)', async () => {
    const card = cardOf(
      (await ask(teamsMessage(connector, undefined, { value: { command: 'calls cmp-1-001' } }))).activity,
    );
    expect(cardFacts(card)).toContainEqual(['Campaign', 'cmp-1-001']);
  });

  it('answers usage for a month and a bot, and list', async () => {
    const usage = cardOf((await askText('<at>Campaign Report</at> usage 2026-10')).activity);
    expect(cardTexts(usage)[1]).toBe('Usage 2026-10: account default');
    expect(cardTexts(usage)).toContain('Total');

    connector.reset();
    const oneBot = cardOf((await askText('usage 2026-10 bot-debt')).activity);
    expect(cardTexts(oneBot).some((text) => text.includes('bot-debt'))).toBe(true);

    connector.reset();
    const unknownBot = cardOf((await askText('usage 2026-10 bot-nope')).activity);
    expect(cardTexts(unknownBot).join(' ')).toMatch(/no voicebot "bot-nope"/);

    connector.reset();
    const list = cardOf((await askText('list')).activity);
    expect(cardTexts(list)[0]).toBe('Campaigns');
    const rows = JSON.stringify(list);
    for (const id of ['cmp-1-000', 'cmp-1-001', 'cmp-1-002']) expect(rows).toContain(`"command":"${id}"`);
  });

  it('subscribes the conversation (the channel, not the thread), lists and unsubscribes', async () => {
    const subscribed = cardOf((await askText('<at>Campaign Report</at> subscribe all')).activity);
    expect(cardTexts(subscribed)).toEqual([
      'Subscribed here to summaries, the monthly digest, live progress and alerts of all campaigns.',
    ]);
    const stored = await listDestinationSubscriptions(t.db, 'default', 'teams', CHANNEL);
    expect(stored).toEqual([
      expect.objectContaining({
        platform: 'teams',
        workspaceId: TENANT,
        destination: CHANNEL,
        target: { kind: 'all', id: '' },
        createdBy: 'aad-user-lan',
      }),
    ]);

    connector.reset();
    await askText('subscribe bot-debt summaries');
    connector.reset();
    const listed = cardTexts(cardOf((await askText('subscriptions')).activity));
    expect(listed).toEqual([
      'Subscriptions of this conversation (2):',
      '• all campaigns: summaries, the monthly digest, live progress and alerts',
      '• bot bot-debt: summaries',
    ]);

    connector.reset();
    expect(cardTexts(cardOf((await askText('unsubscribe all')).activity))).toEqual([
      'Unsubscribed here from all campaigns.',
    ]);
    connector.reset();
    await askText('unsubscribe bot-debt');
    expect(await listDestinationSubscriptions(t.db, 'default', 'teams', CHANNEL)).toEqual([]);
  });

  it('answers what it did not understand with one sentence and the help', async () => {
    const texts = cardTexts(cardOf((await askText('calls cmp-1-000 loud')).activity));
    expect(texts[0]).toMatch(/^I did not understand "calls cmp-1-000 loud": "loud" is not a filter/);
    expect(texts.some((line) => line.startsWith('calls <campaign>'))).toBe(true);
  });

  it('saves the conversation reference of every incoming activity, keyed by the channel', async () => {
    await askText('help');
    const saved = await findTeamsConversation(t.db, CHANNEL);
    expect(saved).toMatchObject({
      key: CHANNEL,
      tenantId: TENANT,
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversationType: 'channel',
      botRemovedAt: null,
    });
    expect(saved?.reference).toMatchObject({
      bot: { id: '28:campaign-report-bot' },
      conversation: { id: CHANNEL, tenantId: TENANT },
      serviceUrl: connector.url,
    });
    expect(saved?.reference).not.toHaveProperty('activityId');

    // Any activity, not only messages; a personal chat keeps its own id.
    connector.reset();
    const personal = 'a:1personal-chat-with-lan';
    await harness.post(
      teamsActivity(
        connector,
        'messageReaction',
        { reactionsAdded: [{ type: 'like' }] },
        { conversationId: personal, conversationType: 'personal' },
      ),
    );
    expect(await findTeamsConversation(t.db, personal)).toMatchObject({ key: personal, conversationType: 'personal' });
    expect(connector.activities()).toEqual([]);
  });

  it('greets with the help when added, and marks the subscriptions broken when removed', async () => {
    const added = teamsActivity(connector, 'conversationUpdate', { membersAdded: [{ id: '28:campaign-report-bot' }] });
    const greeting = cardTexts(cardOf((await ask(added)).activity));
    expect(greeting[0]).toBe('Campaign Report: commands');

    connector.reset();
    await askText('subscribe all');
    const removed = teamsActivity(connector, 'conversationUpdate', {
      membersRemoved: [{ id: '28:campaign-report-bot' }],
    });
    expect((await harness.post(removed)).status).toBe(200);
    expect(await listDestinationSubscriptions(t.db, 'default', 'teams', CHANNEL)).toEqual([
      expect.objectContaining({ status: 'broken', brokenReason: expect.stringMatching(/removed/) }),
    ]);
    expect((await findTeamsConversation(t.db, CHANNEL))?.botRemovedAt).toBeInstanceOf(Date);

    // Back again: the reference is live again and subscribing resumes.
    connector.reset();
    await askText('subscribe all');
    expect((await findTeamsConversation(t.db, CHANNEL))?.botRemovedAt).toBeNull();
    expect(await listDestinationSubscriptions(t.db, 'default', 'teams', CHANNEL)).toEqual([
      expect.objectContaining({ status: 'active' }),
    ]);
    connector.reset();
    await askText('unsubscribe all');
  });

  describe('account isolation by tenant', () => {
    const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

    beforeAll(async () => {
      await upsertAccount(t.db, 'other', {}, 'Asia/Ho_Chi_Minh');
      await linkTenant(t.db, OTHER_TENANT, 'other');
    });

    it("does not show another account's campaign to a tenant linked elsewhere", async () => {
      const texts = cardTexts(cardOf((await askText('cmp-1-000', { tenantId: OTHER_TENANT })).activity));
      expect(texts.join(' ')).toMatch(/no campaign matches "cmp-1-000"/);
      connector.reset();
      const list = cardTexts(cardOf((await askText('list', { tenantId: OTHER_TENANT })).activity));
      expect(list).toContain('No campaigns yet.');
    });

    it('refuses an activity whose tenant is only in channelData, or differs there, and stores nothing', async () => {
      const conversationId = '19:spoofed0123456789@thread.tacv2';
      for (const options of [{ tenantInChannelData: true }, { tenantId: OTHER_TENANT, channelDataTenantId: TENANT }]) {
        const response = await harness.post(teamsMessage(connector, 'subscribe all', { conversationId, ...options }));
        expect(response.status).toBe(403);
        await expect(response.json()).resolves.toEqual({
          error: 'conversation.tenantId and channelData.tenant.id disagree',
        });
      }
      expect(connector.calls).toEqual([]);
      expect(await findTeamsConversation(t.db, conversationId)).toBeNull();
      expect(await listDestinationSubscriptions(t.db, 'default', 'teams', conversationId)).toEqual([]);
      expect(await listDestinationSubscriptions(t.db, 'other', 'teams', conversationId)).toEqual([]);
    });

    it('tells an unlinked tenant how to link it, and a message without tenant that it cannot be', async () => {
      const unlinked = cardTexts(cardOf((await askText('list', { tenantId: 'tenant-nobody-linked' })).activity));
      expect(unlinked.join('\n')).toContain('npm run cli -- link teams tenant-nobody-linked <account_id>');
      connector.reset();
      const none = cardTexts(cardOf((await askText('list', { tenantId: null })).activity));
      expect(none.join(' ')).toMatch(/no Microsoft Teams tenant/);
    });
  });

  it('answers a bad request body with 400 and runs nothing', async () => {
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"list"}',
    });
    expect(response.status).toBe(400);
    expect(connector.calls).toEqual([]);
  });
});
