import { ChatAnswer, ChatPlace, answerChatCommand } from '../../../src/reports/chat-command-service';
import { parseChatCommand } from '../../../src/domain/command-grammar';
import { messagesFor } from '../../../src/render/i18n/messages';
import { saidText } from '../../../src/render/said';
import { TestDb, createTestDb } from '../../support/test-db';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

/** `alerts`, `alert`, `budget` typed in chat (docs/alerts.md): changes are announced with who made them. */
let t: TestDb;
const place: ChatPlace = {
  platform: 'slack',
  workspaceId: TEAM_A,
  destination: 'C0OPS',
  userId: 'U0LEAD',
  userName: 'lan',
};
const ask = (text: string): Promise<ChatAnswer> => answerChatCommand({ db: t.db }, place, text);
const said = (answer: ChatAnswer, locale = 'en') => {
  if (answer.kind !== 'message') throw new Error(`expected a message, got ${answer.kind}`);
  return saidText(answer.said, messagesFor(locale), answer.text);
};

beforeAll(async () => {
  t = await createTestDb();
  await seedTwoAccounts(t.db);
});
afterAll(() => t.drop());

describe('alert commands in chat', () => {
  it('reads the commands in English and Vietnamese', () => {
    expect(parseChatCommand('alerts')).toEqual({ kind: 'alerts' });
    expect(parseChatCommand('các cảnh báo')).toEqual({ kind: 'alerts' });
    expect(parseChatCommand('cảnh báo errors 25%')).toEqual({ kind: 'alert', rule: 'errors', value: '25%' });
    expect(parseChatCommand('hạn mức bot-debt tắt')).toEqual({ kind: 'budget', bot: 'bot-debt', value: 'tắt' });
    // The subscribe option "cảnh báo" stays an option.
    expect(parseChatCommand('subscribe all cảnh báo')).toMatchObject({
      kind: 'subscribe',
      alerts: true,
      summaries: false,
    });
  });

  it('changes a threshold and announces it in the channel with who made it', async () => {
    const answer = await ask('alert errors 30%');
    expect(answer).toMatchObject({ kind: 'message', announce: true });
    expect(said(answer)).toBe('lan set the errors alert to 30%.');
    expect(said(await ask('budget bot-debt 1200'))).toBe(
      'lan set the monthly block budget of voicebot bot-debt to 1200 blocks.',
    );
    expect(said(await ask('alert stalled off'), 'vi')).toBe('lan đã tắt cảnh báo stalled.');
    const overview = await ask('alerts');
    expect(overview).toMatchObject({ kind: 'alerts' });
    if (overview.kind !== 'alerts') return;
    expect(overview.overview.rules[0]).toEqual({ rule: 'errors', threshold: '30%', enabled: true });
    expect(overview.overview.budgets).toEqual([{ botId: 'bot-debt', monthlyBlocks: 1200 }]);
  });

  it('answers bad input with one line saying what to type, and announces nothing', async () => {
    for (const [text, expected] of [
      ['alert errors 120%', 'a percentage cannot be over 100 ("120%"); type for example: alert errors 25%'],
      ['alert speed 3', 'there is no alert rule "speed"'],
      ['alert errors many', '"many" is not a percentage'],
      ['budget bot-debt 0', '"0" is not a whole number of blocks of 1 or more'],
    ] as const) {
      const answer = await ask(text);
      expect(answer).toMatchObject({ kind: 'message' });
      expect((answer as { announce?: boolean }).announce).toBeUndefined();
      expect(said(answer)).toContain(expected);
    }
  });
});
