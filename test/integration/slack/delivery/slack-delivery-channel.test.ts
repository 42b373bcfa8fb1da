import pino from 'pino';
import { createSlackClientSource } from '../../../../src/adapters/slack/delivery/slack-delivery-client';
import { createSlackDeliveryChannel } from '../../../../src/adapters/slack/delivery/slack-delivery-channel';
import { workspaceLook } from '../../../../src/adapters/slack/workspace-look';
import { DeliverableReport, DeliveryAttempt } from '../../../../src/domain/delivery';
import { upsertAccount } from '../../../../src/storage/accounts';
import { setAccountSlackCharts, slackLookOf } from '../../../../src/storage/slack-look';
import { FakeSlack, startFakeSlack } from '../../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../../support/test-db';
import { sampleCampaignReport } from '../../../unit/render/fixtures-cmp-1-000';

const NEWER = ['table', 'data_table', 'data_visualization'];
const WORKSPACE = 'T0DELIVER';

/**
 * Delivered summaries and their edits over real HTTP to the fake Slack, with the look read from
 * PostgreSQL: Slack's own charts for an account that chose them; where Slack refuses the newer blocks,
 * the same message with chart images and text tables, once, and the workspace remembered.
 */
describe("delivered summaries and edits with Slack's own charts and tables", () => {
  let t: TestDb;
  let fake: FakeSlack;

  beforeAll(async () => {
    t = await createTestDb();
    await upsertAccount(t.db, 'default', {}, 'Asia/Ho_Chi_Minh');
    fake = await startFakeSlack({ teamId: WORKSPACE });
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    fake.reset();
    await t.db('slack_plain_workspaces').del();
  });

  const channel = () =>
    createSlackDeliveryChannel({
      clients: createSlackClientSource(fake.apiUrl, async () => 'xoxb-delivery', 5_000),
      quickchartBaseUrl: 'https://quickchart.example.test',
      logger: pino({ level: 'silent' }),
      lookOf: (accountId, workspaceId) => workspaceLook(t.db, accountId, workspaceId),
    });
  const report: DeliverableReport = {
    kind: 'campaign',
    subject: { kind: 'campaign', accountId: 'default', ref: 'cmp-1-000' },
    report: sampleCampaignReport(),
    fullReportUrl: null,
  };
  const attempt = (id: string, destination: string): DeliveryAttempt => ({
    deliveryId: id,
    target: { kind: 'slack', workspaceId: WORKSPACE, destination },
    since: new Date(),
    ref: null,
    beforeIrreversible: async () => undefined,
  });
  const postsTo = (method: string) => fake.calls.filter((c) => c.method === method);
  const blockTypes = (blocks: unknown) => ((blocks ?? []) as { type: string }[]).map((b) => b.type);

  it("posts Slack's own charts for an account that chose them", async () => {
    await setAccountSlackCharts(t.db, 'default', 'native');
    await channel().post(report, attempt('d-native', 'C0NATIVE'));
    const [message] = fake.messages('C0NATIVE');
    expect(blockTypes(message.blocks).filter((type) => type === 'data_visualization')).toHaveLength(2);
    expect(blockTypes(message.blocks)).not.toContain('image');
    await setAccountSlackCharts(t.db, 'default', 'images');
  });

  it('falls back to images and text tables once, for the post and the edit, and remembers the workspace', async () => {
    await setAccountSlackCharts(t.db, 'default', 'native');
    fake.refuseBlockTypes(...NEWER);
    const slack = channel();
    const ref = await slack.post(report, attempt('d-refused', 'C0OLD'));
    expect(postsTo('chat.postMessage').map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
    const [message] = fake.messages('C0OLD');
    expect(fake.messages('C0OLD')).toHaveLength(1);
    expect(blockTypes(message.blocks).filter((type) => NEWER.includes(type))).toEqual([]);
    expect(blockTypes(message.blocks)).toContain('image');
    expect((await slackLookOf(t.db, null, WORKSPACE)).plain).toBe(true);

    const updated = { ...report, report: sampleCampaignReport({}, true) };
    await slack.update(updated, attempt('d-refused', 'C0OLD'), ref);
    expect(postsTo('chat.update').map((c) => (c.response as { ok: boolean }).ok)).toEqual([true]);
    expect(blockTypes(fake.messages('C0OLD')[0].blocks).filter((type) => NEWER.includes(type))).toEqual([]);
    await setAccountSlackCharts(t.db, 'default', 'images');
  });

  it('an edit refused for its tables falls back the same way', async () => {
    const slack = channel();
    const ref = await slack.post(report, attempt('d-edit', 'C0EDIT'));
    expect(blockTypes(fake.messages('C0EDIT')[0].blocks)).toContain('table');
    fake.refuseBlockTypes('table');
    await slack.update({ ...report, report: sampleCampaignReport({}, true) }, attempt('d-edit', 'C0EDIT'), ref);
    expect(postsTo('chat.update').map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
    expect(blockTypes(fake.messages('C0EDIT')[0].blocks)).not.toContain('table');
    expect((await slackLookOf(t.db, null, WORKSPACE)).plain).toBe(true);
  });
});
