import { startWorkerRole } from '../../../src/jobs/worker-role';
import { startFakeBotConnector, FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { DeliveryHarness, startDeliveryHarness } from '../delivery/support/delivery-harness';
import {
  FAST_SETTINGS,
  callEvents,
  completionEvent,
  createAccount,
  ingestEvents,
  testLogger,
  waitUntil,
} from '../delivery/support/delivery-env';
import {
  CHANNEL,
  CHANNEL_THREAD,
  TENANT,
  TeamsHarness,
  cardFacts,
  cardOf,
  cardTexts,
  linkTenant,
  startTeamsHarness,
  teamsMessage,
} from './support/teams-harness';

const ACCOUNT = 'acme-teams-live';
const CAMPAIGN = { campaignId: 'winter-1', name: 'Winter reminders', calls: 2 };

/**
 * The live card in a Teams channel subscribed from Teams with `subscribe all` (all four, live included):
 * posted at the first calls through the Bot Connector, updated in place as calls arrive, and updated
 * into the final report's card when the campaign completes; one activity throughout.
 */
describe('Teams: the live message', () => {
  let h: DeliveryHarness;
  let connector: FakeBotConnector;
  let teams: TeamsHarness;

  beforeAll(async () => {
    h = await startDeliveryHarness({ label: 'teams-live', worker: false });
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
      settings: { ...FAST_SETTINGS, liveUpdateMs: 1_000 },
      extraChannels: [teams.surface.channel],
    });
    const subscribeAll = teamsMessage(connector, '<at>Campaign Report</at> subscribe all', {
      conversationId: CHANNEL_THREAD,
      conversationType: 'channel',
    });
    expect((await teams.post(subscribeAll)).status).toBe(200);
    connector.reset();
  }, 30_000);
  afterAll(async () => {
    await teams?.close();
    await connector?.close();
    await h?.stop();
  }, 30_000);

  it('posts the live card once, updates it with the calls, and turns it into the final report', async () => {
    await ingestEvents(h.t.db, ACCOUNT, callEvents(CAMPAIGN));
    h.notifier.onIngested(ACCOUNT);
    const posted = await connector.waitFor(
      (call) => call.operation === 'send' && call.conversationId === CHANNEL && call.status === 200,
      20_000,
    );
    const [message] = connector.activities(CHANNEL);
    expect(cardTexts(cardOf(message.activity))[0]).toBe('Live progress');
    expect(cardFacts(cardOf(message.activity))).toContainEqual(['Calls so far', '2']);

    await ingestEvents(h.t.db, ACCOUNT, callEvents({ ...CAMPAIGN, calls: 3, from: 2 }));
    h.notifier.onIngested(ACCOUNT);
    await waitUntil(
      async () => {
        const [current] = connector.activities(CHANNEL);
        return cardFacts(cardOf(current.activity)).some(([label, value]) => label === 'Calls so far' && value === '5');
      },
      20_000,
      'live card updated to 5 calls',
    );

    await ingestEvents(h.t.db, ACCOUNT, [completionEvent(CAMPAIGN)], new Date(Date.now() - 60_000));
    await waitUntil(
      async () => (await h.t.db('deliveries').where({ account_id: ACCOUNT, live: false }).first()) as unknown,
      30_000,
      'live card became the final report',
    );
    const activities = connector.activities(CHANNEL);
    expect(activities).toHaveLength(1);
    expect(activities[0].id).toBe((posted.response as { id: string }).id);
    const finalTexts = cardTexts(cardOf(activities[0].activity));
    expect(finalTexts[0]).toBe('Campaign report');
    expect(finalTexts).toContain('Winter reminders');
    expect(connector.calls.filter((call) => call.operation === 'send' && call.conversationId === CHANNEL)).toHaveLength(
      1,
    );
  }, 60_000);
});
