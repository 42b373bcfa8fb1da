import { NATIVE_SURFACE_IDS as IDS } from '../../../src/render/slack/native-surface-ids';
import { subscribe } from '../../../src/storage/subscriptions';
import { linkWorkspace } from '../../../src/storage/workspace-links';
import { PublishedHome } from '../../support/fakes/fake-slack-views';
import { useSeededSlackApp } from './support/seeded-slack-app';
import { homeClick, sendEvent } from './support/native-surface-requests';
import { ACCOUNT_B, SECRET_CAMPAIGN, TEAM_A, TEAM_B, TEAM_UNLINKED } from './support/two-accounts';

type HomeBlock = {
  type: string;
  text?: { text: string };
  title?: { text: string };
  subtitle?: { text: string };
  body?: { text: string };
  accessory?: { action_id: string; value: string };
  actions?: { action_id: string; url?: string }[];
};

describe('App Home: published on open, from the report model, with an Unsubscribe button per subscription', () => {
  const app = useSeededSlackApp();
  let aliceSub = 0;
  let secretSub = 0;
  let siblingSub = 0;

  beforeAll(async () => {
    const base = {
      platform: 'slack' as const,
      summaries: true,
      digest: false,
      live: false,
      alerts: false,
      createdBy: 'U0ALICE',
    };
    aliceSub = (
      await subscribe(app.t.db, {
        ...base,
        accountId: 'default',
        workspaceId: TEAM_A,
        destination: 'C0OPS',
        target: { kind: 'all', id: '' },
      })
    ).id;
    await subscribe(app.t.db, {
      ...base,
      accountId: 'default',
      workspaceId: TEAM_A,
      destination: 'C0DEBT',
      target: { kind: 'bot', id: 'bot-debt' },
    });
    // A second workspace of the same account: its subscriptions are not the first one's to remove.
    await linkWorkspace(app.t.db, 'slack', 'T0SIBLING', 'default');
    siblingSub = (
      await subscribe(app.t.db, {
        ...base,
        accountId: 'default',
        workspaceId: 'T0SIBLING',
        destination: 'C0SIBLING',
        target: { kind: 'all', id: '' },
      })
    ).id;
    secretSub = (
      await subscribe(app.t.db, {
        ...base,
        accountId: ACCOUNT_B,
        workspaceId: TEAM_B,
        destination: 'C0ZETA',
        target: { kind: 'campaign', id: SECRET_CAMPAIGN },
      })
    ).id;
  });

  async function open(teamId: string, userId: string): Promise<PublishedHome> {
    const before = app.fake.views.publishedHomes(userId).length;
    const ack = await sendEvent(app.h, teamId, {
      type: 'app_home_opened',
      user: userId,
      channel: 'D0HOME',
      tab: 'home',
      event_ts: '1.1',
    });
    expect(ack.status).toBe(200);
    await app.fake.waitFor(
      (c) =>
        c.method === 'views.publish' &&
        c.body.user_id === userId &&
        app.fake.views.publishedHomes(userId).length > before,
    );
    return app.fake.views.publishedHomes(userId).slice(-1)[0];
  }

  const blocksOf = (home: PublishedHome) => home.view.blocks as HomeBlock[];

  it("shows the running campaigns, the latest complete ones as cards, and this workspace's subscriptions", async () => {
    const home = await open(TEAM_A, 'U0ALICE');
    const blocks = blocksOf(home);
    expect(blocks.length).toBeLessThanOrEqual(100);
    const headers = blocks.filter((b) => b.type === 'header').map((b) => b.text?.text);
    expect(headers).toEqual(['Running campaigns', 'Latest complete campaigns', "This workspace's subscriptions"]);
    const running = blocks[1];
    expect(running.text?.text).toContain('cmp-1-001');
    expect(running.text?.text).toMatch(/Settling\n\d+ calls · answer rate/);
    const cards = blocks.filter((b) => b.type === 'card');
    expect(cards.map((c) => c.subtitle?.text.split(' ')[0]).sort()).toEqual(['cmp-1-000', 'cmp-1-002']);
    expect(cards.every((c) => (c.body?.text.length ?? 0) <= 200)).toBe(true);
    const unsubscribe = blocks.filter((b) => b.accessory?.action_id === IDS.homeUnsubscribe);
    expect(unsubscribe.map((b) => b.text?.text)).toEqual([
      '<#C0OPS>: summaries · all campaigns',
      '<#C0DEBT>: summaries · bot bot-debt',
    ]);
    expect(JSON.stringify(home.view)).not.toMatch(/zeta|C0ZETA|C0SIBLING/i);
  });

  it('refreshes on every open: a new subscription is there the next time', async () => {
    await subscribe(app.t.db, {
      platform: 'slack',
      summaries: false,
      digest: true,
      live: false,
      alerts: false,
      createdBy: 'U0BOB',
      accountId: 'default',
      workspaceId: TEAM_A,
      destination: 'C0NEW',
      target: { kind: 'all', id: '' },
    });
    const home = await open(TEAM_A, 'U0BOB');
    expect(JSON.stringify(home.view)).toContain('<#C0NEW>: the monthly digest');
  });

  it('"Unsubscribe" removes this workspace\'s subscription and publishes the Home again, saying so', async () => {
    const before = app.fake.views.publishedHomes('U0ALICE').length;
    const ack = await homeClick(app.h, TEAM_A, IDS.homeUnsubscribe, String(aliceSub));
    expect(ack.status).toBe(200);
    await app.fake.waitFor(
      (c) => c.method === 'views.publish' && app.fake.views.publishedHomes('U0ALICE').length > before,
    );
    const home = app.fake.views.publishedHomes('U0ALICE').slice(-1)[0];
    expect(blocksOf(home)[0].text?.text).toBe('Unsubscribed from all campaigns.');
    expect(JSON.stringify(home.view)).not.toContain('C0OPS');
    expect(await app.t.db('subscriptions').where({ id: aliceSub }).first()).toBeUndefined();
  });

  it("never removes another workspace's subscription, whatever id the click carries", async () => {
    for (const value of [
      String(secretSub),
      String(siblingSub),
      '999999',
      '1; drop table subscriptions',
      '<!channel>',
    ]) {
      const before = app.fake.views.publishedHomes('U0ALICE').length;
      await homeClick(app.h, TEAM_A, IDS.homeUnsubscribe, value);
      await app.fake.waitFor(
        (c) => c.method === 'views.publish' && app.fake.views.publishedHomes('U0ALICE').length > before,
      );
      const home = app.fake.views.publishedHomes('U0ALICE').slice(-1)[0];
      expect(blocksOf(home)[0].text?.text).toBe('That subscription no longer exists.');
    }
    expect(await app.t.db('subscriptions').where({ id: secretSub }).first()).toMatchObject({ destination: 'C0ZETA' });
    expect(await app.t.db('subscriptions').where({ id: siblingSub }).first()).toMatchObject({
      destination: 'C0SIBLING',
    });
  });

  it('tells a workspace with no account how to link it, and shows nothing else', async () => {
    const home = await open(TEAM_UNLINKED, 'U0NOBODY');
    expect(JSON.stringify(home.view)).toContain(`link slack ${TEAM_UNLINKED} &lt;account_id&gt;`);
    expect(blocksOf(home)).toHaveLength(2);
  });

  it('ignores the Messages tab', async () => {
    await sendEvent(app.h, TEAM_A, {
      type: 'app_home_opened',
      user: 'U0CAROL',
      channel: 'D0HOME',
      tab: 'messages',
      event_ts: '1.2',
    });
    await app.h.surface.idle();
    expect(app.fake.views.publishedHomes('U0CAROL')).toEqual([]);
  });
});
