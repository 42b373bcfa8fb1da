import { ingestRequest } from '../../../src/ingest/ingest-request';
import { upsertAccount } from '../../../src/storage/accounts';
import { findCampaign } from '../../../src/storage/campaigns';
import { rememberPlainSlackWorkspace, setAccountSlackCharts } from '../../../src/storage/slack-look';
import { findLinkedWorkspace, linkWorkspace } from '../../../src/storage/workspace-links';
import { TestDb, createTestDb } from '../../support/test-db';

const campaignEvent = (id: string) =>
  Buffer.from(
    JSON.stringify([
      {
        type: 'campaign.completed',
        campaign_id: id,
        bot_id: 'bot-vi',
        campaign_name: 'Đợt 1 <!channel>',
        customers_total: 12,
        report_emails: ['ops@example.com'],
        at: '2026-10-30T15:57:21Z',
      },
    ]),
  );

/** What one answer reads about its workspace in one round trip: the link, the account itself, the look. */
describe('findLinkedWorkspace', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await upsertAccount(t.db, 'acc-vi', { locale: 'vi' }, 'Asia/Ho_Chi_Minh');
    await setAccountSlackCharts(t.db, 'acc-vi', 'native');
    await linkWorkspace(t.db, 'slack', 'T0VI', 'acc-vi');
    await linkWorkspace(t.db, 'slack', 'T0PLAIN', 'acc-vi');
    await rememberPlainSlackWorkspace(t.db, 'T0PLAIN', 'invalid_blocks');
    await rememberPlainSlackWorkspace(t.db, 'T0NOBODY', 'invalid_blocks');
  });
  afterAll(() => t?.drop());

  it("reads a linked workspace's account, its locale and chart choice, and the workspace's refusal", async () => {
    expect(await findLinkedWorkspace(t.db, 'slack', 'T0VI')).toEqual({
      accountId: 'acc-vi',
      account: { id: 'acc-vi', timeZone: 'Asia/Ho_Chi_Minh', locale: 'vi', ingestSecretSealed: null },
      look: { plain: false, charts: 'native' },
    });
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0PLAIN')).look).toEqual({ plain: true, charts: 'native' });
  });

  it("reads the linked account's campaign of exactly the id asked, as findCampaign does, and no other", async () => {
    await ingestRequest(t.db, 'acc-vi', campaignEvent('cmp-vi'), 'application/json');
    await upsertAccount(t.db, 'acc-other', {}, 'UTC');
    await ingestRequest(t.db, 'acc-other', campaignEvent('cmp-other'), 'application/json');
    const campaign = await findCampaign(t.db, 'acc-vi', 'cmp-vi');
    expect(campaign).toMatchObject({ id: 'cmp-vi', reportEmails: ['ops@example.com'], customersTotal: 12 });
    const linked = await findLinkedWorkspace(t.db, 'slack', 'T0VI', 'cmp-vi');
    expect(linked.campaignRead).toEqual({ id: 'cmp-vi', campaign });
    expect(linked.account).toEqual((await findLinkedWorkspace(t.db, 'slack', 'T0VI')).account);
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0VI', 'cmp-v')).campaignRead).toEqual({
      id: 'cmp-v',
      campaign: null,
    });
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0VI', 'cmp-other')).campaignRead).toEqual({
      id: 'cmp-other',
      campaign: null,
    });
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0NOBODY', 'cmp-vi')).campaignRead).toBeUndefined();
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0VI')).campaignRead).toBeUndefined();
  });

  it('reads no account for a workspace nobody linked, or linked on the other platform', async () => {
    expect(await findLinkedWorkspace(t.db, 'slack', 'T0NOBODY')).toEqual({
      accountId: null,
      account: null,
      look: { plain: true, charts: 'images' },
    });
    expect((await findLinkedWorkspace(t.db, 'teams', 'T0VI')).accountId).toBeNull();
  });
});
