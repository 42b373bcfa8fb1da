import { DeliverableReport, DeliveryAttempt, DeliveryTarget } from '../../../src/domain/delivery';
import {
  breaksSubscription,
  errorReason,
  isPermanentDeliveryError,
  retryAfterMsOf,
  wasNotDelivered,
} from '../../../src/domain/delivery-errors';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { loadUsageReport } from '../../../src/reports/usage-report';
import { FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { TestDb } from '../../support/test-db';
import {
  cardOf,
  cardTexts,
  CHANNEL,
  meetConversations,
  SampleTeamsSuite,
  startSampleTeamsSuite,
  startTeamsHarness,
  TeamsHarness,
  TENANT,
} from './support/teams-harness';

const PERSONAL = 'a:1personal-chat-with-lan';

describe("Teams as the delivery pipeline's channel (domain/delivery DeliveryChannel)", () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let suite: SampleTeamsSuite;
  let campaign: Extract<DeliverableReport, { kind: 'campaign' }>;
  let digest: DeliverableReport;
  const target: DeliveryTarget = { kind: 'teams', workspaceId: TENANT, destination: CHANNEL };

  beforeAll(async () => {
    suite = await startSampleTeamsSuite();
    ({ t, connector, harness } = suite);
    await meetConversations(suite, PERSONAL);
    const subject = { kind: 'campaign' as const, accountId: 'default', ref: 'cmp-1-000' };
    campaign = {
      kind: 'campaign',
      subject,
      report: await loadCampaignReport({ db: t.db }, 'default', 'cmp-1-000'),
      fullReportUrl: 'https://reports.example.com/p/signed-token',
    };
    digest = {
      kind: 'digest',
      subject: { kind: 'digest', accountId: 'default', ref: '2026-10' },
      report: await loadUsageReport({ db: t.db }, 'default', { month: '2026-10', withPrevious: true }),
    };
  });
  afterAll(() => suite?.close());
  beforeEach(() => connector.reset());

  function attempt(overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt & { events: string[] } {
    const events: string[] = [];
    return {
      deliveryId: 'dlv-1',
      target,
      since: new Date(),
      ref: null,
      beforeIrreversible: async () => {
        events.push(`irreversible after ${connector.calls.filter((c) => c.operation === 'send').length} sends`);
      },
      events,
      ...overrides,
    };
  }

  it('is an editable channel of kind teams whose ids Teams assigns', () => {
    expect(harness.surface.channel).toMatchObject({ kind: 'teams', editable: true });
    expect(harness.surface.channel.plannedRef('dlv-1', target)).toBeNull();
  });

  it('posts the campaign summary with the full-report link after marking the ledger, then edits it in place', async () => {
    const first = attempt();
    const ref = await harness.surface.channel.post(campaign, first);
    expect(first.events).toEqual(['irreversible after 0 sends']);
    const [stored] = connector.activities(CHANNEL);
    expect(ref).toEqual({ id: stored.id, container: null });
    const card = cardOf(stored.activity);
    expect(card.actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Open full report',
      url: 'https://reports.example.com/p/signed-token',
    });

    const updated = { ...campaign, report: { ...campaign.report, updated: true } } as DeliverableReport;
    await expect(harness.surface.channel.update(updated, attempt({ ref }), ref)).resolves.toEqual(ref);
    const [edited] = connector.activities(CHANNEL);
    expect(edited.updates).toBe(1);
    expect(cardTexts(cardOf(edited.activity))[0]).toBe('Campaign report (updated)');
  });

  it('posts the monthly digest', async () => {
    await harness.surface.channel.post(digest, attempt());
    const texts = cardTexts(cardOf(connector.activities(CHANNEL)[0].activity));
    expect(texts.slice(0, 2)).toEqual(['Monthly usage report', 'Usage 2026-10: account default']);
  });

  it('finds only what the ledger already holds: the Connector API cannot search a conversation', async () => {
    await expect(
      harness.surface.channel.findExisting(attempt({ ref: { id: '123', container: null } })),
    ).resolves.toEqual({ id: '123', container: null });
    await expect(harness.surface.channel.findExisting(attempt())).resolves.toBeNull();
    expect(connector.calls).toEqual([]);
  });

  it('sends nothing when the ledger step throws, and never marks it for an unknown conversation', async () => {
    const refused = attempt({
      beforeIrreversible: async () => {
        throw new Error('lock lost');
      },
    });
    await expect(harness.surface.channel.post(campaign, refused)).rejects.toThrow('lock lost');
    expect(connector.calls).toEqual([]);

    const unknown = attempt({ target: { ...target, destination: '19:unknown@thread.tacv2' } });
    await expect(harness.surface.channel.post(campaign, unknown)).rejects.toMatchObject({
      reason: 'unknown_conversation',
    });
    expect(unknown.events).toEqual([]);
  });

  it('throws errors the delivery job reads by shape (domain/delivery-errors)', async () => {
    connector.failNext('send', { status: 403 });
    const gone = await harness.surface.channel.post(campaign, attempt()).catch((error: unknown) => error);
    expect([isPermanentDeliveryError(gone), breaksSubscription(gone), errorReason(gone)]).toEqual([
      true,
      true,
      'bot_removed',
    ]);

    // One attempt of ours (the HTTP client still retries a 429 three times, a second apart).
    const single = await startTeamsHarness(t.db, {
      surface: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    });
    try {
      connector.failNext('send', { status: 429, retryAfter: 1, times: 100 });
      const throttled = await single.surface.channel.post(campaign, attempt()).catch((error: unknown) => error);
      expect([
        isPermanentDeliveryError(throttled),
        breaksSubscription(throttled),
        errorReason(throttled),
        wasNotDelivered(throttled),
        retryAfterMsOf(throttled),
      ]).toEqual([false, false, 'ratelimited', true, 1000]);
    } finally {
      await single.close();
    }
  }, 15_000);

  it('tells the subscriber in their personal chat with the bot that a conversation broke, best effort', async () => {
    await harness.surface.channel.notifyBroken(target, 'aad-user-lan', 'bot_removed', campaign.subject);
    const [told] = connector.activities(PERSONAL);
    expect(cardTexts(cardOf(told.activity)).join('\n')).toMatch(
      /could not post the report of campaign cmp-1-000.*\n.*no longer in that conversation/,
    );

    connector.reset();
    await expect(
      harness.surface.channel.notifyBroken(target, 'aad-someone-without-chat', 'bot_removed', campaign.subject),
    ).resolves.toBeUndefined();
    connector.failNext('send', { status: 403 });
    await expect(
      harness.surface.channel.notifyBroken(target, 'aad-user-lan', 'bot_removed', campaign.subject),
    ).resolves.toBeUndefined();
  });

  it("posts an alert as a reply to the campaign's message, or as a message of its own without one", async () => {
    const parent = await harness.surface.channel.post(campaign, attempt());
    const alert: DeliverableReport = {
      kind: 'alert',
      subject: { kind: 'alert', accountId: 'default', ref: '7-fire' },
      notice: {
        rule: 'errors',
        event: 'fire',
        accountId: 'default',
        campaignId: 'cmp-1-000',
        campaignName: 'cmp-1-000',
        botId: 'bot-debt',
        figures: { errors: 12, calls: 50, percent: 24, threshold: '20' },
        clearReason: null,
        at: new Date(),
        locale: 'en-US',
        timeZone: 'Asia/Ho_Chi_Minh',
      },
    };
    await harness.surface.channel.post(alert, attempt({ deliveryId: 'dlv-alert', thread: parent }));
    const reply = connector.calls.find((c) => c.operation === 'reply');
    expect(reply?.activityId).toBe(parent.id);
    expect(JSON.stringify(reply?.body)).toContain('12 of the last 50 calls were connection errors');
    await harness.surface.channel.post(alert, attempt({ deliveryId: 'dlv-alert-2', thread: null }));
    expect(connector.calls.filter((c) => c.operation === 'reply')).toHaveLength(1);
    expect(connector.calls.filter((c) => c.operation === 'send')).toHaveLength(2);
  });
});
