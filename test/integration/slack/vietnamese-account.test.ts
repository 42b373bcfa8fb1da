import { upsertAccount } from '../../../src/storage/accounts';
import { FakeSlack, SlackCall, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { ENGLISH_FRAGMENTS } from '../../unit/render/i18n/surface-text';
import { PUBLIC_BASE_URL, SlackHarness, startSlackHarness } from './support/slack-harness';
import { ACCOUNT_B, SECRET_CAMPAIGN, TEAM_A, TEAM_B, seedTwoAccounts } from './support/two-accounts';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; url?: string; text?: { text: string } }[];
};

const blocksOf = (call: SlackCall) => call.body.blocks as Block[];
const decoded = (call: SlackCall) =>
  JSON.stringify(call.body).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const englishIn = (call: SlackCall) => ENGLISH_FRAGMENTS.filter((fragment) => decoded(call).includes(fragment));

describe('an account whose locale is vi: Slack answers in Vietnamese, to English or Vietnamese keywords', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    await upsertAccount(t.db, ACCOUNT_B, { locale: 'vi-VN' }, 'Asia/Ho_Chi_Minh');
    fake = await startFakeSlack();
    h = await startSlackHarness({
      db: t.db,
      fake,
      fullReportUrlFor: (accountId, campaignId) => `${PUBLIC_BASE_URL}/reports/${accountId}.${campaignId}`,
    });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });

  async function ask(text: string, teamId = TEAM_B): Promise<SlackCall> {
    const ack = await h.command(text, teamId);
    expect(ack.status).toBe(200);
    return h.answerAt(ack.responseUrl);
  }

  it('answers help in Vietnamese, with the Vietnamese keywords and a word that the English ones work too', async () => {
    for (const keyword of ['trợ giúp', 'help', '']) {
      const answer = await ask(keyword);
      expect(blocksOf(answer).find((b) => b.type === 'header')?.text?.text).toBe(
        '/campaign-report: báo cáo chiến dịch',
      );
      expect(decoded(answer)).toContain('/campaign-report danh sách [đang chạy | đã hoàn thành]');
      expect(decoded(answer)).toContain('Các lệnh và tùy chọn tiếng Anh vẫn dùng được');
      expect(englishIn(answer)).toEqual([]);
    }
  });

  it('says in Vietnamese what it did not understand', async () => {
    const answer = await ask('cuộc gọi');
    expect(blocksOf(answer)[0].text?.text).toBe(
      'Tôi chưa hiểu "cuộc gọi": cuộc gọi cần một chiến dịch, ví dụ "cuộc gọi cmp-1-000". Đây là những gì tôi làm được:',
    );
    expect(englishIn(answer)).toEqual([]);
  });

  it('answers a campaign with Vietnamese labels, Vietnamese buttons and "Open full report"', async () => {
    const answer = await ask(SECRET_CAMPAIGN);
    expect(decoded(answer)).toContain('Tổng số cuộc gọi');
    expect(decoded(answer)).toContain('Tỷ lệ nghe máy');
    const buttons = blocksOf(answer)
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id);
    expect(buttons.map((b) => [b.action_id, b.text?.text])).toEqual([
      ['share_report', 'Chia sẻ vào kênh'],
      ['open_calls', 'Cuộc gọi'],
      ['open_full_report', 'Mở báo cáo đầy đủ'],
    ]);
    expect(buttons[2].url).toBe(`${PUBLIC_BASE_URL}/reports/${ACCOUNT_B}.${SECRET_CAMPAIGN}`);
    expect(englishIn(answer)).toEqual([]);
  });

  it.each([
    ['danh sách', 'Chiến dịch'],
    ['danh sách đã hoàn thành', 'Chiến dịch · Đã hoàn thành'],
    ['list', 'Chiến dịch'],
    [`cuộc gọi ${SECRET_CAMPAIGN}`, 'Lần gọi'],
    ['sử dụng 2026-10', 'Mức sử dụng · 2026-10'],
    ['các đăng ký', 'Cuộc trò chuyện này chưa có đăng ký nào'],
    ['không-có-chiến-dịch-này', 'không có chiến dịch nào khớp với'],
  ])('answers "%s" in Vietnamese', async (command, words) => {
    const answer = await ask(command);
    expect(decoded(answer)).toContain(words);
    expect(englishIn(answer)).toEqual([]);
  });

  it('subscribes and unsubscribes with Vietnamese keywords, confirming in Vietnamese', async () => {
    const subscribed = await ask('Đăng Ký tất cả');
    expect(subscribed.body.text).toBe(
      'Đã đăng ký tại đây: tóm tắt, bản tin tháng, tiến độ trực tiếp và cảnh báo của mọi chiến dịch.',
    );
    expect(decoded(await ask('các đăng ký'))).toContain(
      '• mọi chiến dịch: tóm tắt, bản tin tháng, tiến độ trực tiếp và cảnh báo',
    );
    expect((await ask('hủy đăng ký all')).body.text).toBe('Đã hủy đăng ký tại đây: mọi chiến dịch.');
  });

  it('"Download CSV" sends a CSV headed in Vietnamese and says so in Vietnamese', async () => {
    const filesBefore = fake.files().length;
    const ack = await h.click({
      actionId: 'download_calls_csv',
      value: JSON.stringify({ campaignId: SECRET_CAMPAIGN }),
      teamId: TEAM_B,
    });
    expect(ack.status).toBe(200);
    await h.answerAt(ack.responseUrl);
    await h.surface.idle();
    const [file] = fake.files().slice(filesBefore);
    const [header, first] = file.bytes!.toString('utf8').split('\r\n');
    expect(header).toBe(
      'Bắt đầu lúc (Europe/Berlin),Mã cuộc gọi,Mã khách hàng,Số điện thoại,Lần gọi,Trạng thái,Mã kết quả,' +
        'Thời lượng (g:pp:ss),Quay số (g:pp:ss),Ghi âm,started_at,status,call_duration_ms,dialing_duration_ms',
    );
    expect(first).toMatch(
      /^05\/10\/2026 10:00:00,zeta-call-1,.*,Thành công,PAID,0:02:00,0:00:10,https:.*,2026-10-05T10:00:00\.000\+02:00,successful,120000,10000$/,
    );
    const [said] = fake.responses(ack.responseUrl);
    expect(said.body.text).toBe(`Tôi đã gửi cho bạn ${file.filename} (1 cuộc gọi) trong tin nhắn trực tiếp.`);
  });

  it('keeps English for an English account, whatever keywords it types', async () => {
    const answer = await ask('danh sách', TEAM_A);
    expect(blocksOf(answer)[0].text?.text).toBe('Campaigns');
  });
});
