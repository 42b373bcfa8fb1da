import path from 'node:path';
import { AnswerThreads } from '../../../src/adapters/slack/answer-threads';
import { TURN_ERROR_MESSAGE } from '../../../src/adapters/teams/turn-error';
import { TeamsMessageTask } from '../../../src/adapters/teams/teams-answer';
import { AnswerThreadData } from '../../../src/answer-thread';
import { createLogger } from '../../../src/logger';
import { AdaptiveCard } from '../../../src/render/teams/card';
import { FakeBotConnector, StoredActivity, startFakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { loadSample } from '../../support/sample-data';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import {
  PUBLIC_BASE_URL,
  RECORDING_SECRET,
  TeamsHarness,
  cardOf,
  cardTexts,
  linkTenant,
  startTeamsHarness,
  teamsMessage,
} from './support/teams-harness';

/**
 * Teams commands with answer threads (ANSWER_THREADS): the request loop remembers the conversation and sends
 * the card; the thread computes it. The web process reads a schema linked to the tenant but without any
 * campaign, the thread the one with the sample data: a card that shows a campaign was computed in the thread.
 * The thread is the real one behind the Slack suite's gated-answer-thread.ts, which can crash it.
 */
describe('Teams answers computed in answer threads', () => {
  let data: TestDb;
  let web: TestDb;
  let connector: FakeBotConnector;
  let threads: AnswerThreads;
  let harness: TeamsHarness;

  beforeAll(async () => {
    data = await createTestDb();
    await loadSample(data.db);
    await linkTenant(data.db);
    web = await createTestDb();
    await linkTenant(web.db);
    connector = await startFakeBotConnector();
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      QUICKCHART_BASE_URL: 'https://quickchart.example.com',
      PUBLIC_BASE_URL,
      RECORDING_LINK_SECRET: RECORDING_SECRET,
    };
    const workerData: AnswerThreadData & { gate: SharedArrayBuffer } = {
      env,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      schema: data.schema,
      gate: new SharedArrayBuffer(8),
    };
    threads = new AnswerThreads({
      entry: path.join(__dirname, '..', 'slack', 'support', 'gated-answer-thread.ts'),
      threads: 1,
      workerData,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false),
    });
    const answerInThread = (task: TeamsMessageTask) =>
      threads.compute({ kind: 'teams-message', payload: task }) as Promise<AdaptiveCard>;
    harness = await startTeamsHarness(web.db, { env, surface: { answerInThread } });
  });
  afterAll(async () => {
    await harness?.close();
    await threads?.close();
    await connector?.close();
    await web?.drop();
    await data?.drop();
  });
  beforeEach(() => connector.reset());

  async function ask(text: string): Promise<StoredActivity> {
    const response = await harness.post(teamsMessage(connector, text));
    expect(response.status).toBe(200);
    const sent = connector.activities();
    expect(sent).toHaveLength(1);
    return sent[0];
  }

  it('answers a campaign with the card the thread computed, as a reply in the conversation', async () => {
    const card = cardOf((await ask('cmp-1-000')).activity);
    expect(cardTexts(card)).toContain('Đợt 0, "Nhắc nợ "Tháng", vòng 1"');
    expect(JSON.stringify(card)).toContain('https://quickchart.example.com/chart?');
  });

  it('a thread that dies while computing: the user gets the apology, and the next command a new thread', async () => {
    const lost = await ask('crash here');
    expect(cardTexts(cardOf(lost.activity))).toEqual([TURN_ERROR_MESSAGE]);
    connector.reset();
    const next = await ask('cmp-1-000');
    expect(cardTexts(cardOf(next.activity))).toContain('Đợt 0, "Nhắc nợ "Tháng", vòng 1"');
  });
});
