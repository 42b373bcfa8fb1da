import { AppHomeModel } from '../../../../src/domain/native-surfaces';
import { CampaignListEntry } from '../../../../src/domain/report-model';
import { Subscription } from '../../../../src/domain/subscription';
import { HOME_SUBSCRIPTIONS_SHOWN, renderSlackAppHome } from '../../../../src/render/slack/app-home';

const entry = (i: number, state: CampaignListEntry['state'], name = `Campaign ${i}`): CampaignListEntry => ({
  id: `cmp-${i}`,
  name,
  botId: 'bot-a',
  state,
  totalCalls: 1200 + i,
  answerRate: 0.5,
  lastCallAt: '2026-11-01T03:00:00Z',
});

const sub = (i: number, destination = `C0${i}`): Subscription => ({
  id: i,
  accountId: 'default',
  platform: 'slack',
  workspaceId: 'T1',
  destination,
  target: { kind: 'bot', id: `bot-${i}` },
  summaries: true,
  digest: true,
  live: false,
  alerts: false,
  createdBy: null,
  status: i % 7 === 0 ? 'broken' : 'active',
  brokenReason: null,
});

const model = (over: Partial<AppHomeModel> = {}): AppHomeModel => ({
  kind: 'app-home',
  accountId: 'default',
  locale: 'en-US',
  timeZone: 'Asia/Ho_Chi_Minh',
  running: Array.from({ length: 10 }, (_, i) => entry(i, 'running')),
  complete: Array.from({ length: 5 }, (_, i) => entry(100 + i, 'complete')),
  subscriptions: [],
  ...over,
});

describe('renderSlackAppHome', () => {
  it('stays within 100 blocks with the most campaigns and many subscriptions, saying how many more', () => {
    const view = renderSlackAppHome(model({ subscriptions: Array.from({ length: 300 }, (_, i) => sub(i + 1)) }), {
      notice: 'Unsubscribed from bot bot-1.',
    });
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const buttons = view.blocks.filter((b) => b.type === 'section' && b.accessory?.action_id === 'home_unsubscribe');
    expect(buttons).toHaveLength(HOME_SUBSCRIPTIONS_SHOWN);
    expect(JSON.stringify(view.blocks)).toContain(`… and ${300 - HOME_SUBSCRIPTIONS_SHOWN} more`);
    expect(JSON.stringify(view.blocks)).toContain('paused');
  });

  it("draws the complete campaigns as cards within Slack's card limits, with the full report link when there is one", () => {
    const long = entry(1, 'complete', 'N'.repeat(500));
    const view = renderSlackAppHome(model({ complete: [long] }), {
      fullReportUrlFor: (id) => `https://r.example/reports/${id}`,
    });
    const card = view.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.title!.text.length).toBeLessThanOrEqual(150);
    expect(card?.type === 'card' && card.body!.text.length).toBeLessThanOrEqual(200);
    expect(card?.type === 'card' && card.actions?.[0].url).toBe('https://r.example/reports/cmp-1');
    const without = renderSlackAppHome(model({ complete: [long] }));
    expect(without.blocks.find((b) => b.type === 'card')).not.toHaveProperty('actions');
  });

  it('escapes hostile names and channels, so they notify nobody', () => {
    const view = renderSlackAppHome(
      model({
        running: [entry(1, 'running', '<!channel> <b>x</b>')],
        complete: [entry(2, 'complete', '<!here>')],
        subscriptions: [sub(1, '<!everyone>')],
      }),
    );
    const text = JSON.stringify(view.blocks);
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>|<b>/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;!everyone&gt;');
  });

  it('says so when nothing runs, nothing completed and nothing is subscribed, in Vietnamese for a Vietnamese account', () => {
    const view = renderSlackAppHome(model({ locale: 'vi-VN', running: [], complete: [], subscriptions: [] }));
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Không có chiến dịch nào đang chạy.');
    expect(text).toContain('Chưa có chiến dịch nào hoàn thành.');
    expect(text).toContain('/campaign-report subscribe');
  });
});
