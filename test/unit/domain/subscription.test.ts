import fc from 'fast-check';
import {
  Subscription,
  SubscriptionTarget,
  describeSubscribedReports,
  subscriptionsByTarget,
  saidReports,
  wantsAlert,
  wantsCampaignSummary,
  wantsLiveProgress,
} from '../../../src/domain/subscription';
import { saidText } from '../../../src/render/said';
import { messagesFor } from '../../../src/render/i18n/messages';

const sub = (over: Partial<Subscription>): Subscription => ({
  id: 1,
  accountId: 'acme',
  platform: 'slack',
  workspaceId: 'T1',
  destination: 'C1',
  target: { kind: 'all', id: '' },
  summaries: false,
  digest: false,
  live: false,
  alerts: false,
  createdBy: 'U1',
  status: 'active',
  brokenReason: null,
  ...over,
});

const campaign = { id: 'cmp-1', botId: 'bot-1' };

describe('what a subscription wants', () => {
  it('wants a live message only with live, for the campaigns its target covers, while active', () => {
    expect(wantsLiveProgress(sub({ live: true }), campaign)).toBe(true);
    expect(wantsLiveProgress(sub({ summaries: true, alerts: true, digest: true }), campaign)).toBe(false);
    expect(wantsLiveProgress(sub({ live: true, target: { kind: 'bot', id: 'bot-1' } }), campaign)).toBe(true);
    expect(wantsLiveProgress(sub({ live: true, target: { kind: 'bot', id: 'bot-2' } }), campaign)).toBe(false);
    expect(wantsLiveProgress(sub({ live: true, target: { kind: 'campaign', id: 'cmp-1' } }), campaign)).toBe(true);
    expect(wantsLiveProgress(sub({ live: true, target: { kind: 'campaign', id: 'cmp-2' } }), campaign)).toBe(false);
    expect(wantsLiveProgress(sub({ live: true, status: 'broken' }), campaign)).toBe(false);
    expect(wantsCampaignSummary(sub({ live: true }), campaign)).toBe(false);
  });

  it("wants a campaign's alert where its campaign is covered, a bot's alert where the bot is (not one campaign)", () => {
    const aboutCampaign = { campaignId: 'cmp-1', botId: 'bot-1' };
    const aboutBot = { campaignId: null, botId: 'bot-1' };
    expect(wantsAlert(sub({ alerts: true }), aboutCampaign)).toBe(true);
    expect(wantsAlert(sub({ alerts: false, summaries: true, live: true }), aboutCampaign)).toBe(false);
    expect(wantsAlert(sub({ alerts: true, target: { kind: 'campaign', id: 'cmp-1' } }), aboutCampaign)).toBe(true);
    expect(wantsAlert(sub({ alerts: true, target: { kind: 'campaign', id: 'cmp-1' } }), aboutBot)).toBe(false);
    expect(wantsAlert(sub({ alerts: true, target: { kind: 'bot', id: 'bot-1' } }), aboutBot)).toBe(true);
    expect(wantsAlert(sub({ alerts: true, target: { kind: 'bot', id: 'bot-2' } }), aboutBot)).toBe(false);
    expect(wantsAlert(sub({ alerts: true }), aboutBot)).toBe(true);
    expect(wantsAlert(sub({ alerts: true, status: 'broken' }), aboutBot)).toBe(false);
  });
});

describe('the subscriptions that may cover a campaign', () => {
  const covers = (target: SubscriptionTarget, of: { id: string; botId: string }) =>
    target.kind === 'all' ||
    (target.kind === 'bot' && target.id === of.botId) ||
    (target.id === of.id && target.kind === 'campaign');

  it('are those of everything, of its bot and of itself, in the order given', () => {
    const ids = fc.constantFrom('', 'bot-1', 'bot-2', 'cmp-1', 'cmp-2');
    const target = fc.record({ kind: fc.constantFrom('all' as const, 'bot' as const, 'campaign' as const), id: ids });
    fc.assert(
      fc.property(
        fc.array(target, { maxLength: 12 }),
        fc.record({
          id: fc.constantFrom('cmp-1', 'cmp-2', 'bot-1'),
          botId: fc.constantFrom('bot-1', 'bot-2', 'cmp-1'),
        }),
        (targets, of) => {
          const subscriptions = targets.map((t, i) => sub({ id: 100 - i, target: t }));
          expect(subscriptionsByTarget(subscriptions)(of)).toEqual(subscriptions.filter((s) => covers(s.target, of)));
        },
      ),
    );
  });
});

describe('what a subscription sends, in words', () => {
  const en = messagesFor('en');
  const vi = messagesFor('vi');
  const said = (over: Partial<Subscription>, m = en) => saidText(saidReports(sub(over)), m, '?');

  it('lists the options in one order, joined as a sentence', () => {
    expect(said({ summaries: true })).toBe('summaries');
    expect(said({ digest: true, summaries: true })).toBe('summaries and the monthly digest');
    expect(said({ alerts: true, live: true, summaries: true })).toBe('summaries, live progress and alerts');
    expect(said({ summaries: true, digest: true, live: true, alerts: true })).toBe(
      'summaries, the monthly digest, live progress and alerts',
    );
    expect(said({ live: true, alerts: true }, vi)).toBe('tiến độ trực tiếp và cảnh báo');
    expect(describeSubscribedReports(sub({ digest: true, live: true, alerts: true }))).toBe(
      'the monthly digest, live progress and alerts',
    );
  });
});
