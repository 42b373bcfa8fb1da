import { EXPECTED_FIGURES } from '../../unit/render/fixtures-cmp-1-000';
import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { SlackHarness, startSlackHarness } from './support/slack-harness';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

type Text = { type: string; text: string };
type Block = {
  type: string;
  text?: Text;
  fields?: Text[];
  elements?: Array<Text & { action_id?: string; value?: string }>;
  image_url?: string;
  alt_text?: string;
  title?: Text;
  rows?: Array<Array<{ type: string; text: string }>>;
};

/** The payload Slack receives for the sample campaign, from the database through the real app, field by field. */
describe('the posted payload of the sample campaign cmp-1-000', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;
  let blocks: Block[];
  let text: string;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    h = await startSlackHarness({ db: t.db, fake });
    const ack = await h.command('cmp-1-000', TEAM_A);
    const answer = await h.answerAt(ack.responseUrl);
    blocks = answer.body.blocks as Block[];
    text = String(answer.body.text);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });

  const field = (label: string) =>
    blocks
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text)
      .find((f) => f.startsWith(`*${label}*\n`))
      ?.slice(label.length + 3);

  it('heads with the name and the state', () => {
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Đợt 0, "Nhắc nợ "Tháng", vòng 1" · Complete, final', emoji: true },
    });
  });

  it('says when, in the account time zone', () => {
    expect(blocks[1].elements?.map((e) => e.text)).toEqual([
      'Campaign cmp-1-000 · voicebot bot-debt',
      'First call 2026-10-30 22:36:02 · last call 2026-10-30 22:52:21 (Asia/Ho_Chi_Minh)',
    ]);
  });

  it.each(EXPECTED_FIGURES)('%s = %s', (label, value) => {
    expect(field(label)).toBe(value);
  });

  it("lists the result codes in Slack's table block, count descending then code, the total last", () => {
    const tables = blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = (tables[0].rows ?? []).map((row) => row.map((cell) => cell.text));
    expect(rows[0]).toEqual(['Code', 'Meaning', 'Calls', 'Share']);
    expect(rows.slice(1).map((row) => `${row[0]} ${row[2]}`)).toEqual([
      'NA 12',
      'CU 9',
      'BS 4',
      'CALLBACK_LATER 4',
      'PAID 4',
      'PROMISE_TO_PAY 3',
      'WRONG_PERSON 3',
      'AGREE 2',
      'REFUSE 2',
      'Total 43',
    ]);
  });

  it('carries each rate with its formula and denominator', () => {
    const rates = blocks.find((b) => b.type === 'context' && b.elements?.[0].text.startsWith('*Answer rate'));
    expect(rates?.elements?.map((e) => e.text)).toEqual([
      '*Answer rate 41.9%* = successful calls / all calls (per attempt, callbacks included) = 18 / 43',
      '*Contact rate 66.7%* = customers with a successful call / customers in the campaign = 18 / 27',
    ]);
  });

  it('shows every chart as an image with alt text within the limits', () => {
    const images = blocks.filter((b) => b.type === 'image');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      expect(image.image_url!.length).toBeLessThanOrEqual(3000);
      expect(image.alt_text!.length).toBeGreaterThan(10);
      expect(image.alt_text!.length).toBeLessThanOrEqual(2000);
    }
  });

  it('ends with Share in channel and Calls', () => {
    const actions = blocks[blocks.length - 1];
    expect(actions.type).toBe('actions');
    expect(actions.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ['share_report', 'cmp-1-000'],
      ['open_calls', 'cmp-1-000'],
    ]);
  });

  it('has a text fallback with the headline figures and stays within 50 blocks', () => {
    expect(text).toBe(
      'Đợt 0, "Nhắc nợ "Tháng", vòng 1" (Complete, final): 43 calls, answer rate 41.9%, contact rate 66.7%, total call time 0:54:38, total cost 128,138 ₫.',
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
  });
});
