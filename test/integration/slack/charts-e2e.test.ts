import * as drawing from '../../../src/adapters/charts/render-chart-png';
import { drawnCharts } from '../../../src/adapters/charts/cached-chart-png';
import { uploadedCharts } from '../../../src/adapters/slack/uploaded-charts';
import { FakeSlack, SlackCall, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { SlackHarness, slackEnv, startSlackHarness } from './support/slack-harness';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

type Block = {
  type: string;
  image_url?: string;
  slack_file?: { id: string };
  alt_text?: string;
  text?: { text: string };
};
const blocksOf = (call: SlackCall | { body: Record<string, unknown> }) => (call.body.blocks ?? []) as Block[];
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('charts in Slack: QuickChart, else local PNG uploads, else text tables', () => {
  let t: TestDb;
  let fake: FakeSlack;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });
  beforeEach(() => {
    fake.reset();
    // The fake forgets its files, as a new workspace would: so must the process its uploads there.
    uploadedCharts.clear();
    drawnCharts.clear();
  });

  async function withHarness(env: Record<string, string>, run: (h: SlackHarness) => Promise<void>): Promise<void> {
    const h = await startSlackHarness({ db: t.db, fake, env: slackEnv(fake, env) });
    try {
      await run(h);
    } finally {
      await h.close();
    }
  }

  async function report(h: SlackHarness, text = 'cmp-1-000') {
    const ack = await h.command(text, TEAM_A);
    expect(ack.status).toBe(200);
    await h.answerAt(ack.responseUrl);
    await h.surface.idle();
    return fake.responses(ack.responseUrl);
  }

  it('QUICKCHART_BASE_URL=off: each chart is rendered locally and uploaded, then shown by its Slack file id', async () => {
    await withHarness({ QUICKCHART_BASE_URL: 'off' }, async (h) => {
      const [answer] = await report(h);
      const images = blocksOf(answer).filter((b) => b.type === 'image');
      expect(images.length).toBeGreaterThanOrEqual(2);
      const uploaded = fake.files();
      expect(uploaded).toHaveLength(images.length);
      for (const image of images) {
        expect(image.image_url).toBeUndefined();
        const file = uploaded.find((f) => f.id === image.slack_file?.id);
        expect(file?.bytes?.subarray(0, 4)).toEqual(PNG_MAGIC);
        expect(file?.filename).toMatch(/\.png$/);
        expect(file?.channelId).toBeUndefined(); // shown only through the report
      }
    });
  });

  describe('a chart drawn and uploaded a moment ago', () => {
    let draw: jest.SpyInstance;
    beforeEach(() => {
      draw = jest.spyOn(drawing, 'renderChartPng');
    });
    afterEach(() => draw.mockRestore());
    const callsTo = (method: string, since = 0) => fake.calls.slice(since).filter((c) => c.method === method);
    const fileIdsOf = (call: SlackCall | { body: Record<string, unknown> }) =>
      blocksOf(call)
        .filter((b) => b.type === 'image')
        .map((b) => b.slack_file?.id);

    it('is neither drawn nor uploaded again for the same answer, asked at the same time and after', async () => {
      await withHarness({ QUICKCHART_BASE_URL: 'off' }, async (h) => {
        const acks = [await h.command('cmp-1-000', TEAM_A), await h.command('cmp-1-000', TEAM_A)];
        const together = await Promise.all(acks.map((ack) => h.answerAt(ack.responseUrl)));
        const [later] = await report(h);
        const charts = fileIdsOf(later);
        expect(charts.length).toBeGreaterThanOrEqual(2);
        expect(draw).toHaveBeenCalledTimes(charts.length);
        expect(callsTo('files.getUploadURLExternal')).toHaveLength(charts.length);
        expect(callsTo('files.completeUploadExternal')).toHaveLength(charts.length);
        for (const answer of together) expect(fileIdsOf(answer)).toEqual(charts);
        expect(fake.files().map((f) => f.id)).toEqual(charts);
      });
    });

    it('is uploaded anew, once, when Slack lost the file, and the answer still shows it as an image', async () => {
      await withHarness({ QUICKCHART_BASE_URL: 'off' }, async (h) => {
        const [first] = await report(h);
        const uploaded = fileIdsOf(first);
        const deleted = await fetch(`${fake.url}/api/files.delete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-token' },
          body: JSON.stringify({ file: uploaded[0] }),
        });
        expect(await deleted.json()).toMatchObject({ ok: true });
        const since = fake.calls.length;
        const [answer] = await report(h);
        const attempts = callsTo('response_url', since);
        expect(attempts).toHaveLength(2);
        expect(fileIdsOf(attempts[0])).toEqual(uploaded);
        expect(attempts[0].status).toBe(400);
        expect(callsTo('files.getUploadURLExternal', since)).toHaveLength(uploaded.length);
        const fresh = fileIdsOf(answer);
        expect(fresh).toHaveLength(uploaded.length);
        expect(fresh.some((id) => uploaded.includes(id))).toBe(false);
        expect(blocksOf(answer).some((b) => b.type === 'section' && b.text?.text.includes('```'))).toBe(false);
        expect(draw).toHaveBeenCalledTimes(uploaded.length); // drawn for the first answer only

        const [again] = await report(h);
        expect(fileIdsOf(again)).toEqual(fresh);
        expect(callsTo('files.getUploadURLExternal', since)).toHaveLength(uploaded.length);
      });
    });
  });

  it('QUICKCHART_PUBLIC=false (a QuickChart Slack cannot reach): charts are uploaded, no QuickChart URL is sent', async () => {
    await withHarness({ QUICKCHART_PUBLIC: 'false' }, async (h) => {
      const [answer] = await report(h);
      const images = blocksOf(answer).filter((b) => b.type === 'image');
      expect(images.length).toBeGreaterThanOrEqual(2);
      expect(images.every((b) => b.slack_file?.id && !b.image_url)).toBe(true);
      expect(JSON.stringify(answer.body)).not.toContain('quickchart.example.test');
      expect(fake.files()).toHaveLength(images.length);
    });
  });

  it('a slack_file that was never uploaded is refused by Slack', async () => {
    const res = await fetch(`${fake.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-any' },
      body: JSON.stringify({
        channel: 'C1',
        text: 'x',
        blocks: [{ type: 'image', alt_text: 'x', slack_file: { id: 'F404' } }],
      }),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('waits out a 429 (Retry-After) and a 500 from Slack while uploading, and still shows the charts', async () => {
    await withHarness({ QUICKCHART_BASE_URL: 'off' }, async (h) => {
      fake.failNext('files.getUploadURLExternal', { status: 429, retryAfter: 1 });
      fake.failNext('files.completeUploadExternal', { status: 500 });
      const [answer] = await report(h);
      const images = blocksOf(answer).filter((b) => b.type === 'image');
      expect(images.length).toBeGreaterThanOrEqual(2);
      expect(images.every((b) => b.slack_file?.id)).toBe(true);
      expect(fake.calls.filter((c) => c.status === 429 || c.status === 500)).toHaveLength(2);
    });
  });

  it('when the upload fails too, text tables stand in and the report still arrives', async () => {
    await withHarness({ QUICKCHART_BASE_URL: 'off' }, async (h) => {
      fake.failNext('files.getUploadURLExternal', { error: 'internal_error', times: 20 });
      const [answer] = await report(h);
      expect(blocksOf(answer).filter((b) => b.type === 'image')).toEqual([]);
      const tables = blocksOf(answer).filter((b) => b.type === 'section' && b.text?.text.includes('```'));
      expect(tables.length).toBeGreaterThanOrEqual(2);
      expect(String(answer.body.text)).toContain('answer rate');
    });
  });

  it('when Slack refuses the QuickChart images, the charts are uploaded instead', async () => {
    await withHarness({}, async (h) => {
      fake.failNext('response_url', { status: 400, error: 'invalid_blocks' });
      const posts = await report(h);
      expect(posts).toHaveLength(1); // the refused post is not stored by the fake
      const attempts = fake.calls.filter((c) => c.method === 'response_url');
      expect(attempts).toHaveLength(2);
      expect(blocksOf(attempts[0]).some((b) => b.image_url?.startsWith('https://quickchart.example.test/'))).toBe(true);
      expect(
        blocksOf(attempts[1])
          .filter((b) => b.type === 'image')
          .every((b) => b.slack_file?.id),
      ).toBe(true);
    });
  });

  it('when Slack says an image is why, the next image source goes with the tables kept, nothing remembered', async () => {
    await withHarness({}, async (h) => {
      const [first] = await report(h); // where the first chart image sits in the answer
      const imageAt = blocksOf(first).findIndex((b) => b.type === 'image');
      fake.reset();
      const why = [`downloading image failed [json-pointer:/blocks/${imageAt}/image_url]`];
      fake.failNext('response_url', { status: 400, error: 'invalid_blocks', errors: why });
      await report(h);
      const attempts = fake.calls.filter((c) => c.method === 'response_url');
      expect(attempts).toHaveLength(2);
      expect(blocksOf(attempts[1]).some((b) => b.type === 'table')).toBe(true);
      expect(
        blocksOf(attempts[1])
          .filter((b) => b.type === 'image')
          .every((b) => b.slack_file?.id),
      ).toBe(true);
      expect(await t.db('slack_plain_workspaces').pluck('workspace_id')).toEqual([]);
    });
  });

  it('when Slack says the table is why, the same images go with text tables, and the workspace is remembered', async () => {
    await withHarness({}, async (h) => {
      const [first] = await report(h);
      const tableAt = blocksOf(first).findIndex((b) => b.type === 'table');
      fake.reset();
      fake.failNext('response_url', {
        status: 400,
        error: 'invalid_blocks',
        errors: [`unsupported type: table [json-pointer:/blocks/${tableAt}]`],
      });
      await report(h);
      const attempts = fake.calls.filter((c) => c.method === 'response_url');
      expect(attempts).toHaveLength(2);
      expect(blocksOf(attempts[1]).some((b) => b.type === 'table')).toBe(false);
      expect(blocksOf(attempts[1]).some((b) => b.image_url?.startsWith('https://quickchart.example.test/'))).toBe(true);
      expect(await t.db('slack_plain_workspaces').pluck('workspace_id')).toEqual([TEAM_A]);
      await t.db('slack_plain_workspaces').del();
    });
  });

  it('when every way of showing charts is refused, the text alone still arrives', async () => {
    await withHarness({}, async (h) => {
      // QuickChart, uploads and text tables with Slack's tables, then text tables without them, then the text.
      fake.failNext('response_url', { status: 400, error: 'invalid_blocks', times: 4 });
      const [answer] = await report(h);
      expect(answer.body.blocks).toBeUndefined();
      expect(fake.calls.filter((c) => c.method === 'response_url')).toHaveLength(5);
      expect(String(answer.body.text)).toMatch(/calls, answer rate .* total cost/);
    });
  });

  it('usage gets its chart the same way', async () => {
    await withHarness({}, async (h) => {
      const [answer] = await report(h, 'usage 2026-10');
      expect(
        blocksOf(answer).some(
          (b) => b.type === 'image' && b.image_url?.startsWith('https://quickchart.example.test/chart?'),
        ),
      ).toBe(true);
    });
  });
});
