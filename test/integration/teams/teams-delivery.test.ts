import { renderTeamsCampaignCard } from '../../../src/adapters/teams/answer-card';
import { PermanentTeamsDeliveryError, TransientTeamsDeliveryError } from '../../../src/adapters/teams/delivery-errors';
import { AdaptiveCard } from '../../../src/render/teams/card';
import { renderTextCard } from '../../../src/render/teams/text';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { FakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { TestDb } from '../../support/test-db';
import {
  cardOf,
  cardTexts,
  CHANNEL,
  meetConversations,
  SampleTeamsSuite,
  startSampleTeamsSuite,
  teamsActivity,
  TeamsHarness,
} from './support/teams-harness';

const PERSONAL = 'a:1personal-chat-delivery';

describe('Teams delivery: proactive posts and in-place updates through continueConversationAsync', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let suite: SampleTeamsSuite;
  let summary: AdaptiveCard;

  beforeAll(async () => {
    suite = await startSampleTeamsSuite();
    ({ t, connector, harness } = suite);
    // The references come from real incoming activities: a channel thread and a personal chat.
    await meetConversations(suite, PERSONAL);
    summary = await renderTeamsCampaignCard(
      await loadCampaignReport({ db: t.db }, 'default', 'cmp-1-000'),
      harness.surface.cards,
    );
  });
  afterAll(() => suite?.close());
  beforeEach(() => connector.reset());

  const sends = () =>
    connector.calls.filter(
      (call) => call.operation === 'send' || call.operation === 'reply' || call.operation === 'update',
    );

  it('posts a new message in the channel (not a reply in the thread) and returns its activity id', async () => {
    const id = await harness.surface.deliver.post(CHANNEL, summary);
    const [stored] = connector.activities();
    expect(stored).toMatchObject({ id, conversationId: CHANNEL, updates: 0 });
    expect(stored.replyToId).toBeUndefined();
    expect(sends().map((call) => call.operation)).toEqual(['send']);
    expect(cardOf(stored.activity)).toEqual(summary);
    expect(stored.activity).toMatchObject({
      type: 'message',
      from: { id: '28:campaign-report-bot' },
      conversation: { id: CHANNEL },
    });
  });

  it('updates that message in place, and posts into a personal chat', async () => {
    const id = await harness.surface.deliver.post(CHANNEL, summary);
    await harness.surface.deliver.update(CHANNEL, id, renderTextCard('Corrected.'));
    const [stored] = connector.activities(CHANNEL);
    expect(stored).toMatchObject({ id, updates: 1 });
    expect(cardTexts(cardOf(stored.activity))).toEqual(['Corrected.']);

    const personalId = await harness.surface.deliver.post(PERSONAL, renderTextCard('Hello Lan.'));
    expect(connector.activities(PERSONAL)).toEqual([expect.objectContaining({ id: personalId })]);
  });

  it('retries 429 (beyond the HTTP client’s own retries), 412, 502 and 504, then succeeds', async () => {
    connector.failNext('send', { status: 429, retryAfter: 0, times: 5 });
    const id = await harness.surface.deliver.post(CHANNEL, summary);
    expect(sends().map((call) => call.status)).toEqual([429, 429, 429, 429, 429, 200]);
    expect(connector.activities()).toEqual([expect.objectContaining({ id })]);
    expect(harness.logs.some((line) => line.msg === 'teams delivery retrying' && line.status === 429)).toBe(true);

    for (const status of [412, 502, 504]) {
      const before = sends().length;
      connector.failNext('update', { status });
      await harness.surface.deliver.update(CHANNEL, id, renderTextCard(`after ${status}`));
      expect(
        sends()
          .slice(before)
          .map((call) => [call.operation, call.status]),
      ).toEqual([
        ['update', status],
        ['update', 200],
      ]);
    }
    expect(connector.activities(CHANNEL)).toEqual([expect.objectContaining({ id, updates: 3 })]);
  }, 20_000);

  it('gives up after a bounded number of attempts with a transient error', async () => {
    connector.failNext('send', { status: 429, retryAfter: 0, times: 100 });
    const failure = await harness.surface.deliver.post(CHANNEL, summary).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransientTeamsDeliveryError);
    expect(failure).toMatchObject({ permanent: false, status: 429 });
    // 3 attempts (harness policy), each with the HTTP client's 3 retries of a 429.
    expect(sends()).toHaveLength(12);
    expect(connector.activities()).toEqual([]);
  });

  it('treats 403 (bot removed) and 404 (conversation gone) as permanent, at once, breaking the subscription', async () => {
    for (const [status, reason] of [
      [403, 'bot_removed'],
      [404, 'conversation_not_found'],
    ] as const) {
      connector.reset();
      connector.failNext('send', { status });
      const failure = await harness.surface.deliver.post(CHANNEL, summary).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentTeamsDeliveryError);
      expect(failure).toMatchObject({ permanent: true, reason, status, breaksSubscription: true });
      expect(sends()).toHaveLength(1);
    }
  });

  it('says a deleted message cannot be updated without breaking the subscription', async () => {
    const failure = await harness.surface.deliver
      .update(CHANNEL, 'no-such-activity', summary)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      reason: 'message_not_found',
      status: 404,
      teamsCode: 'ActivityNotFound',
      breaksSubscription: false,
    });
  });

  it('refuses a conversation it never heard from, or one it was removed from', async () => {
    await expect(harness.surface.deliver.post('19:never-seen@thread.tacv2', summary)).rejects.toMatchObject({
      reason: 'unknown_conversation',
      breaksSubscription: true,
    });
    const removedFrom = 'a:1removed-personal';
    await harness.post(
      teamsActivity(
        connector,
        'installationUpdate',
        { action: 'add' },
        { conversationId: removedFrom, conversationType: 'personal' },
      ),
    );
    await harness.post(
      teamsActivity(
        connector,
        'installationUpdate',
        { action: 'remove' },
        { conversationId: removedFrom, conversationType: 'personal' },
      ),
    );
    connector.reset();
    await expect(harness.surface.deliver.post(removedFrom, summary)).rejects.toMatchObject({ reason: 'bot_removed' });
    expect(connector.calls).toEqual([]);
  });
});
