import fs from 'node:fs';
import path from 'node:path';
import { AnswerThreads } from '../../../src/adapters/slack/answer-threads';
import { SOMETHING_WENT_WRONG } from '../../../src/adapters/slack/slack-runtime';
import { AnswerThreadData, answerThreadApplicationName } from '../../../src/answer-thread';
import { loadConfig } from '../../../src/config';
import { reportPageUrl } from '../../../src/domain/report-page-token';
import { SLACK_ACTION_IDS } from '../../../src/render/slack/actions';
import { NATIVE_SURFACE_IDS } from '../../../src/render/slack/native-surface-ids';
import { createLogger } from '../../../src/logger';
import { linkSecretsOf, reportDepsFor } from '../../../src/reports/recording-links';
import { upsertAccount } from '../../../src/storage/accounts';
import { Db, createDb } from '../../../src/storage/connection';
import { FakeSlack, SlackCall, startFakeSlack } from '../../support/fakes/fake-slack';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import { ENGLISH_FRAGMENTS } from '../../unit/render/i18n/surface-text';
import { clickWithState, sendEvent } from './support/native-surface-requests';
import { PUBLIC_BASE_URL, SlackHarness, slackEnv, startSlackHarness } from './support/slack-harness';
import { ACCOUNT_B, SECRET_CAMPAIGN, TEAM_A, TEAM_B, seedTwoAccounts } from './support/two-accounts';

type Block = { type: string; slack_file?: { id: string }; text?: { text: string } };
const blocksOf = (call: SlackCall) => (call.body.blocks ?? []) as Block[];
const decoded = (call: SlackCall) =>
  JSON.stringify(call.body).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Slash commands answered by answer threads (ANSWER_THREADS) over real HTTP with signed requests, against
 * the fake Slack's response_urls. The web process's own database is one that never answers, so an answer
 * that arrives was computed in a thread (with its own pool on the test schema), never on the request loop.
 * The thread is the real one behind gated-answer-thread.ts, which can stall it synchronously or crash it.
 */
describe('answer threads: acks never wait for answers', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;
  let threads: AnswerThreads;
  let nowhere: Db;
  const gate = new SharedArrayBuffer(8);
  const flags = new Int32Array(gate); // [0]: 1 lets a stalled thread go on; [1]: 1 once it has stalled

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    await upsertAccount(t.db, ACCOUNT_B, { locale: 'vi-VN' }, 'Asia/Ho_Chi_Minh');
    fake = await startFakeSlack();
    const env = slackEnv(fake, { DATABASE_URL: TEST_DATABASE_URL, QUICKCHART_BASE_URL: 'off' });
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false);
    const data: AnswerThreadData & { gate: SharedArrayBuffer } = {
      env,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      schema: t.schema,
      gate,
    };
    threads = new AnswerThreads({
      entry: path.join(__dirname, 'support', 'gated-answer-thread.ts'),
      threads: 1,
      workerData: data,
      logger,
    });
    nowhere = createDb({ databaseUrl: 'postgres://nobody@127.0.0.1:9/nowhere', poolMax: 1 });
    h = await startSlackHarness({
      db: nowhere,
      fake,
      env,
      offload: threads,
      reportDeps: reportDepsFor(loadConfig(env), nowhere),
    });
  });
  afterAll(async () => {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    await h?.close();
    await threads?.close();
    await nowhere?.destroy();
    await fake?.close();
    await t?.drop();
  });

  async function ask(text: string, teamId = TEAM_A): Promise<SlackCall> {
    const ack = await h.command(text, teamId);
    expect(ack.status).toBe(200);
    return h.answerAt(ack.responseUrl, 30_000);
  }

  /** Resolves once the thread sits in `stall here`. */
  async function stalled(): Promise<void> {
    // Atomics.waitAsync is in Node 20, not in this project's TypeScript lib (ES2022).
    const { waitAsync } = Atomics as unknown as {
      waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: unknown };
    };
    const waiting = waitAsync(flags, 1, 0);
    if (waiting.async) await waiting.value;
  }

  function hold(): void {
    Atomics.store(flags, 0, 0);
    Atomics.store(flags, 1, 0);
  }

  function release(): void {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
  }

  it('answers a campaign with charts drawn in the thread (QUICKCHART_BASE_URL=off), once, in English', async () => {
    const answer = await ask('cmp-1-000');
    const images = blocksOf(answer).filter((b) => b.type === 'image');
    expect(images.length).toBeGreaterThan(0);
    const uploaded = fake.files().map((f) => f.id);
    for (const image of images) expect(uploaded).toContain(image.slack_file?.id);
    expect(decoded(answer)).not.toContain(SOMETHING_WENT_WRONG);
    expect(fake.responses(answer.responseId)).toHaveLength(1);
  });

  it("answers in the account's language (vi) from the thread", async () => {
    const answer = await ask(SECRET_CAMPAIGN, TEAM_B);
    expect(decoded(answer)).toContain('Zeta confidential');
    expect(ENGLISH_FRAGMENTS.filter((fragment) => decoded(answer).includes(fragment))).toEqual([]);
  });

  it('"Download CSV" writes and uploads the file from the thread, to the clicker alone', async () => {
    const ack = await h.click({
      actionId: SLACK_ACTION_IDS.downloadCallsCsv,
      value: JSON.stringify({ campaignId: 'cmp-1-000' }),
      teamId: TEAM_A,
      channelId: 'C0CSV',
    });
    expect(ack.status).toBe(200);
    const answer = await h.answerAt(ack.responseUrl, 30_000);
    const file = fake.files().find((f) => f.filename === 'calls-cmp-1-000.csv');
    const rows = file!.bytes!.toString('utf8').trimEnd().split('\r\n').length - 1;
    expect(rows).toBeGreaterThan(0);
    expect(String(answer.body.text)).toBe(`I sent you calls-cmp-1-000.csv (${rows} calls) in a direct message.`);
  });

  it('buttons are answered in the thread too: "Calls", and "Share in channel" with its private copy removed', async () => {
    const calls = await h.click({ actionId: SLACK_ACTION_IDS.openCalls, value: 'cmp-1-000', teamId: TEAM_A });
    expect(calls.status).toBe(200);
    const list = await h.answerAt(calls.responseUrl, 30_000);
    expect(decoded(list)).not.toContain(SOMETHING_WENT_WRONG);
    expect(decoded(list)).toContain('cmp-1-000');
    expect(list.body.response_type).toBe('ephemeral');

    const share = await h.click({ actionId: SLACK_ACTION_IDS.shareReport, value: 'cmp-1-000', teamId: TEAM_A });
    expect(share.status).toBe(200);
    const shared = await h.answerAt(share.responseUrl, 30_000);
    expect(decoded(shared)).not.toContain(SOMETHING_WENT_WRONG);
    expect(shared.body.response_type).toBe('in_channel');
    const id = share.responseUrl.split('/response/').pop();
    const removed = await fake.waitFor(
      (call) => call.method === 'response_url' && call.responseId === id && call.body.delete_original === true,
      30_000,
    );
    expect(removed.at).toBeGreaterThanOrEqual(shared.at);
  });

  it('App Home, link previews and the picker\'s "Usage" are answered in the thread too', async () => {
    const opened = await sendEvent(h, TEAM_A, {
      type: 'app_home_opened',
      user: 'U0HOME',
      channel: 'D0HOME',
      tab: 'home',
      event_ts: '1.1',
    });
    expect(opened.status).toBe(200);
    await fake.waitFor((call) => call.method === 'views.publish' && call.body.user_id === 'U0HOME', 30_000);
    expect(JSON.stringify(fake.views.publishedHomes('U0HOME')[0].view)).toContain('cmp-1-000');

    const url = reportPageUrl(
      PUBLIC_BASE_URL,
      'default',
      'cmp-1-000',
      linkSecretsOf(h.config)!.current,
      Math.floor(Date.now() / 1000),
    );
    const shared = await sendEvent(h, TEAM_A, {
      type: 'link_shared',
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      message_ts: '1700000000.000200',
      links: [{ url, domain: 'reports.example.test' }],
      event_ts: '1700000000.000300',
    });
    expect(shared.status).toBe(200);
    await fake.waitFor((call) => call.method === 'chat.unfurl', 30_000);
    expect(JSON.stringify(fake.views.unfurls().slice(-1)[0].unfurls[url])).toContain('cmp-1-000');

    const responseUrl = fake.newResponseUrl();
    const pressed = await clickWithState(h, { teamId: TEAM_A, actionId: NATIVE_SURFACE_IDS.pickerUsage, responseUrl });
    expect(pressed.status).toBe(200);
    const usage = await h.answerAt(responseUrl, 30_000);
    expect(decoded(usage)).not.toContain(SOMETHING_WENT_WRONG);
    expect(String(usage.body.text)).toMatch(/usage/i);
  });

  it('acks every other command while an answer holds its thread (a slow chart, a huge list), then answers them all', async () => {
    hold();
    const slow = await h.command('stall here', TEAM_A);
    expect(slow.status).toBe(200);
    await stalled();
    const others = [];
    for (const text of ['list', 'cmp-1-000', 'calls cmp-1-000', 'usage 2026-10', 'help']) {
      others.push(await h.command(text, TEAM_A));
    }
    for (const ack of others) expect(ack.status).toBe(200);
    // Every ack came back while the thread was still stalled: nothing could have been answered yet.
    for (const ack of [slow, ...others]) expect(fake.responses(ack.responseUrl)).toHaveLength(0);
    release();
    for (const ack of [slow, ...others]) {
      const answer = await h.answerAt(ack.responseUrl, 30_000);
      expect(decoded(answer)).not.toContain(SOMETHING_WENT_WRONG);
    }
  });

  it('a thread answers the commands it has under way over one PostgreSQL connection', async () => {
    const acks = await Promise.all(
      ['cmp-1-000', 'calls cmp-1-000', 'usage 2026-10', 'list', 'cmp-1-00', 'subscriptions', 'cmp-1-001', 'usage'].map(
        (text) => h.command(text, TEAM_A),
      ),
    );
    for (const ack of acks) expect(ack.status).toBe(200);
    const answers = await Promise.all(acks.map((ack) => h.answerAt(ack.responseUrl, 30_000)));
    for (const answer of answers) expect(decoded(answer)).not.toContain(SOMETHING_WENT_WRONG);
    const { rows } = await t.db.raw(
      'select count(*)::int as connections from pg_stat_activity where application_name = left(?, 63)',
      [answerThreadApplicationName(t.schema)],
    );
    expect(rows[0].connections).toBe(1);
  });

  it('the answer thread runs below the priority of the request loop, so that acks get the cores first', () => {
    const niceOf = (task: string) =>
      Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const tasks = fs.readdirSync('/proc/self/task');
    expect(niceOf(String(process.pid))).toBe(0);
    expect(tasks.filter((task) => niceOf(task) === 19).length).toBeGreaterThanOrEqual(1);
  });

  it('a thread that dies with an answer: its user gets one clear line, and the next answer gets a new thread', async () => {
    const lost = await ask('crash here');
    expect(lost.body.text).toBe(SOMETHING_WENT_WRONG);
    const next = await ask('list');
    expect(decoded(next)).toContain('cmp-1-000');
    expect(decoded(next)).not.toContain(SOMETHING_WENT_WRONG);
  });

  it('stopping waits for the answers under way before the threads stop', async () => {
    hold();
    const ack = await h.command('stall here', TEAM_A);
    await stalled();
    let closed = false;
    const closing = threads.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(fake.responses(ack.responseUrl)).toHaveLength(1);
  });
});
