import { startWorkerRole } from '../../../src/jobs/worker-role';
import { listDestinationSubscriptions } from '../../../src/storage/subscriptions';
import { startFakeBotConnector, FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { DeliveryHarness, startDeliveryHarness } from '../delivery/support/delivery-harness';
import {
  FAST_SETTINGS,
  callEvents,
  completionEvent,
  createAccount,
  ingestEvents,
  ledger,
  testLogger,
  waitUntil,
} from '../delivery/support/delivery-env';
import {
  CHANNEL,
  CHANNEL_THREAD,
  TENANT,
  TeamsHarness,
  cardOf,
  cardTexts,
  linkTenant,
  startTeamsHarness,
  teamsMessage,
} from './support/teams-harness';

const ACCOUNT = 'acme-teams';
const CAMPAIGN = { campaignId: 'autumn-1', name: 'Autumn reminders, round 1', calls: 6 };
const GROUP_CHAT = '19:group-chat-gone@thread.v2';
const PERSONAL = 'a:1personal-lan-e2e';

/**
 * The whole path in one process: calls and the completion event stored, the scheduler's completion tick,
 * the fan-out, the delivery job with the Teams channel registered (worker-role extraChannels), the fake
 * Bot Connector receiving the post; then a late call edited in place, and a conversation the bot left.
 */
describe('Teams, end to end through the delivery pipeline', () => {
  let h: DeliveryHarness;
  let connector: FakeBotConnector;
  let teams: TeamsHarness;
  let postedId: string;

  beforeAll(async () => {
    h = await startDeliveryHarness({ label: 'teams-e2e', worker: false });
    connector = await startFakeBotConnector();
    await createAccount(h.t.db, ACCOUNT);
    await linkTenant(h.t.db, TENANT, ACCOUNT);
    teams = await startTeamsHarness(h.t.db, {
      env: { QUICKCHART_BASE_URL: 'off', PUBLIC_BASE_URL: h.config.publicBaseUrl },
    });
    h.worker = await startWorkerRole({
      config: h.config,
      db: h.t.db,
      logger: testLogger,
      queuePrefix: h.prefix,
      settings: FAST_SETTINGS,
      extraChannels: [teams.surface.channel],
    });
    // Subscriptions typed in Teams: a channel (from a thread), a group chat, and the subscriber's own chat.
    for (const [text, conversationId, conversationType] of [
      ['<at>Campaign Report</at> subscribe all', CHANNEL_THREAD, 'channel'],
      ['<at>Campaign Report</at> subscribe all summaries', GROUP_CHAT, 'groupChat'],
      ['help', PERSONAL, 'personal'],
    ] as const) {
      expect((await teams.post(teamsMessage(connector, text, { conversationId, conversationType }))).status).toBe(200);
    }
    connector.reset();
  }, 30_000);
  afterAll(async () => {
    await teams?.close();
    await connector?.close();
    await h?.stop();
  }, 30_000);

  it('posts the completed campaign once in the subscribed channel, as a new post, and records its id', async () => {
    connector.failNext((call) => call.operation === 'send' && call.conversationId === GROUP_CHAT, { status: 403 });
    await ingestEvents(
      h.t.db,
      ACCOUNT,
      [...callEvents(CAMPAIGN), completionEvent(CAMPAIGN)],
      new Date(Date.now() - 60_000),
    );
    const posted = await connector.waitFor(
      (call) => call.operation === 'send' && call.conversationId === CHANNEL && call.status === 200,
      20_000,
    );
    await waitUntil(
      async () => (await ledger(h.t.db, ACCOUNT)).every((row) => row.status === 'done' || row.status === 'failed'),
      15_000,
      'ledger settled',
    );

    const sent = connector.activities(CHANNEL);
    expect(sent).toHaveLength(1);
    postedId = sent[0].id;
    expect((posted.response as { id: string }).id).toBe(postedId);
    expect(sent[0].replyToId).toBeUndefined();
    const card = cardOf(sent[0].activity);
    expect(cardTexts(card)).toContain('Autumn reminders, round 1');
    expect(JSON.stringify(card.actions)).toContain('Open full report');

    const rows = await ledger(h.t.db, ACCOUNT);
    expect(rows.map((row) => [row.channel_kind, row.destination, row.status])).toEqual(
      expect.arrayContaining([
        ['teams', CHANNEL, 'done'],
        ['teams', GROUP_CHAT, 'failed'],
      ]),
    );
    expect(rows.find((row) => row.destination === CHANNEL)?.message_ref).toBe(postedId);
  }, 40_000);

  it('marks the conversation the bot was removed from broken, and tells its subscriber privately', async () => {
    const [groupSubscription] = await listDestinationSubscriptions(h.t.db, ACCOUNT, 'teams', GROUP_CHAT);
    expect(groupSubscription).toMatchObject({
      status: 'broken',
      brokenReason: 'bot_removed',
      createdBy: 'aad-user-lan',
    });
    const told = await connector.waitFor(
      (call) => call.operation === 'send' && call.conversationId === PERSONAL,
      10_000,
    );
    expect(cardTexts(cardOf(told.body as Record<string, unknown>)).join('\n')).toMatch(
      /could not post the report of campaign autumn-1/,
    );
    expect(connector.calls.filter((call) => call.conversationId === GROUP_CHAT)).toHaveLength(1);
    expect(await listDestinationSubscriptions(h.t.db, ACCOUNT, 'teams', CHANNEL)).toEqual([
      expect.objectContaining({ status: 'active' }),
    ]);
  }, 20_000);

  it('edits the same post in place when a late call arrives, and posts nothing new', async () => {
    const sendsBefore = connector.calls.filter((call) => call.operation === 'send').length;
    await ingestEvents(h.t.db, ACCOUNT, callEvents({ ...CAMPAIGN, calls: 1, from: 6 }));
    h.notifier.onIngested(ACCOUNT);
    const edit = await connector.waitFor((call) => call.operation === 'update' && call.status === 200, 20_000);
    expect(edit.activityId).toBe(postedId);
    await waitUntil(
      async () => (await ledger(h.t.db, ACCOUNT)).find((row) => row.destination === CHANNEL)?.delivered_revision === 1,
      10_000,
      'edit recorded',
    );

    const [message] = connector.activities(CHANNEL);
    expect(message).toMatchObject({ id: postedId, updates: 1 });
    const texts = cardTexts(cardOf(message.activity));
    expect(texts[0]).toBe('Campaign report (updated)');
    expect(connector.calls.filter((call) => call.operation === 'send')).toHaveLength(sendsBefore);
  }, 30_000);
});
