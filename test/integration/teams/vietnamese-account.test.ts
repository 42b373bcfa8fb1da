import { upsertAccount } from '../../../src/storage/accounts';
import { FakeBotConnector, StoredActivity } from '../../support/fakes/fake-bot-connector';
import { ENGLISH_FRAGMENTS } from '../../unit/render/i18n/surface-text';
import {
  SampleTeamsSuite,
  TeamsHarness,
  cardOf,
  cardTexts,
  startSampleTeamsSuite,
  teamsMessage,
} from './support/teams-harness';

/** The sample account (default) made Vietnamese: every Teams answer comes in Vietnamese, to either language's keywords. */
describe('Teams bot for an account whose locale is vi', () => {
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let suite: SampleTeamsSuite;

  beforeAll(async () => {
    suite = await startSampleTeamsSuite();
    ({ connector, harness } = suite);
    await upsertAccount(suite.t.db, 'default', { locale: 'vi-VN' }, 'Asia/Ho_Chi_Minh');
  });
  afterAll(() => suite?.close());
  beforeEach(() => connector.reset());

  async function askText(text: string): Promise<string[]> {
    const response = await harness.post(teamsMessage(connector, text));
    expect(response.status).toBe(200);
    const [reply] = connector.activities() as StoredActivity[];
    return cardTexts(cardOf(reply.activity)).map((line) => line.replace(/\\(.)/g, '$1'));
  }

  const englishIn = (texts: string[]) => ENGLISH_FRAGMENTS.filter((fragment) => texts.join('\n').includes(fragment));

  it.each([
    ['trợ giúp', 'Campaign Report: các lệnh'],
    ['help', 'Campaign Report: các lệnh'],
    ['cmp-1-000', 'Đang chốt số liệu, tạm tính'],
    ['danh sách', 'Chiến dịch'],
    ['cuộc gọi cmp-1-000 unsuccessful', 'Cuộc gọi'],
    ['sử dụng 2026-10', 'Báo cáo mức sử dụng theo tháng'],
    ['các đăng ký', 'Cuộc trò chuyện này chưa có đăng ký nào. Gõ: subscribe all'],
    [
      'calls',
      'Tôi chưa hiểu "calls": cuộc gọi cần một chiến dịch, ví dụ "cuộc gọi cmp-1-000". Đây là những gì tôi làm được:',
    ],
  ])('answers "%s" in Vietnamese', async (command, words) => {
    const texts = await askText(command);
    expect(texts).toContain(words);
    expect(englishIn(texts)).toEqual([]);
  });
});
