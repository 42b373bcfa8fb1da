import { FakeSlack, SlackCall, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { setAccountSlackCharts, slackLookOf } from '../../../src/storage/slack-look';
import { SlackHarness, slackEnv, startSlackHarness } from './support/slack-harness';
import { TEAM_A, TEAM_B, seedTwoAccounts } from './support/two-accounts';

type Block = { type: string; image_url?: string; text?: { text: string }; rows?: unknown[][] };
const blocksOf = (call: { body: Record<string, unknown> }) => (call.body.blocks ?? []) as Block[];
const types = (call: { body: Record<string, unknown> }) => blocksOf(call).map((b) => b.type);
const NEWER = ['table', 'data_table', 'data_visualization'];

/**
 * Slack's own charts and tables through the real app over signed HTTP: an account that chose native charts
 * gets data_visualization blocks; every account gets table blocks; a workspace whose Slack refuses them gets
 * the same answer with images and text tables, and keeps getting those (recorded in PostgreSQL).
 */
describe("Slack's own charts and tables, end to end", () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    h = await startSlackHarness({ db: t.db, fake, env: slackEnv(fake) });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    fake.reset();
    await t.db('slack_plain_workspaces').del();
    await setAccountSlackCharts(t.db, 'default', 'images');
  });

  /** Every post to the answer's response_url, refused ones included. */
  async function ask(text: string, team = TEAM_A): Promise<SlackCall[]> {
    const ack = await h.command(text, team);
    expect(ack.status).toBe(200);
    await h.answerAt(ack.responseUrl);
    await h.surface.idle();
    return fake.calls.filter((c) => c.method === 'response_url' && c.responseId === ack.responseUrl.split('/').pop());
  }

  it("an account that chose native charts gets two of Slack's charts and a table, no image", async () => {
    await setAccountSlackCharts(t.db, 'default', 'native');
    const [answer, ...more] = await ask('cmp-1-000');
    expect(more).toEqual([]);
    expect(types(answer).filter((type) => type === 'data_visualization')).toHaveLength(2);
    expect(types(answer).filter((type) => type === 'table')).toHaveLength(1);
    expect(types(answer)).not.toContain('image');
    expect(fake.files()).toEqual([]);
  });

  it('other accounts keep chart images, with the result codes in a table', async () => {
    const [answer] = await ask('cmp-1-000');
    expect(types(answer)).toContain('image');
    expect(types(answer)).toContain('table');
    expect(types(answer)).not.toContain('data_visualization');
  });

  it('when Slack refuses the newer blocks, the same answer goes with images and text tables, and the workspace keeps them', async () => {
    await setAccountSlackCharts(t.db, 'default', 'native');
    fake.refuseBlockTypes(...NEWER);
    const attempts = await ask('cmp-1-000');
    expect(attempts.map((c) => c.status)).toEqual([400, 200]);
    expect(types(attempts[1]).filter((type) => NEWER.includes(type))).toEqual([]);
    expect(types(attempts[1])).toContain('image');
    expect(blocksOf(attempts[1]).some((b) => b.text?.text.startsWith('*Result codes*\nNA 12 · '))).toBe(true);
    expect((await slackLookOf(t.db, null, TEAM_A)).plain).toBe(true);
    expect((await slackLookOf(t.db, null, TEAM_B)).plain).toBe(false);

    // Not tried again on every message: the next answers go plain at once, the calls as sections.
    const again = await ask('cmp-1-000');
    expect(again.map((c) => c.status)).toEqual([200]);
    const calls = await ask('calls cmp-1-000');
    expect(calls.map((c) => c.status)).toEqual([200]);
    expect(types(calls[0])).not.toContain('data_table');
    expect(JSON.stringify(calls[0].body)).toContain('listen_recording');
  });

  it('the detailed calls come as a data_table of up to 100 rows with a recording link each', async () => {
    const [answer] = await ask('calls cmp-1-000');
    const table = blocksOf(answer).find((b) => b.type === 'data_table');
    expect(table?.rows?.length).toBe(44); // the header and the 43 calls of the sample campaign
    expect(JSON.stringify(table)).toContain('"type":"link"');
    expect(JSON.stringify(answer.body)).toContain('download_calls_csv');
  });
});
