import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SOMETHING_WENT_WRONG } from '../../../src/adapters/slack/slack-runtime';
import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { freePort } from '../../support/free-port';
import { TestDb, createTestDb } from '../../support/test-db';
import { signedHeaders, slashCommandBody } from './support/slack-signing';
import { slackEnv } from './support/slack-harness';
import { TEAM_A, seedTwoAccounts } from './support/two-accounts';

/**
 * The program as `npm run dev` runs it (tsx), Slack configured, two web processes (WEB_CONCURRENCY=2)
 * with one answer thread each: signed slash commands are acked and answered, and SIGTERM right after the
 * acks still delivers every answer under way before the program exits 0.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'src', 'main.ts');

describe('answer threads in the running program (WEB_CONCURRENCY=2, ANSWER_THREADS=1)', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let program: ChildProcess;
  let base: string;

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    program = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...slackEnv(fake),
        DATABASE_URL: t.url,
        PORT: String(port),
        ROLE: 'web',
        WEB_CONCURRENCY: '2',
        ANSWER_THREADS: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error('the program did not answer /healthz within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 90_000);
  afterAll(async () => {
    if (program?.exitCode === null) program.kill('SIGKILL');
    await fake?.close();
    await t?.drop();
  });

  it('acks and answers every command, and SIGTERM right after the acks still posts every answer', async () => {
    // One answer first: /healthz answers before the first process has finished starting (and taken SIGTERM).
    const first = fake.newResponseUrl();
    const firstBody = slashCommandBody({ text: 'help', teamId: TEAM_A, responseUrl: first });
    await fetch(`${base}/slack/events`, { method: 'POST', body: firstBody, headers: signedHeaders(firstBody) });
    const firstId = first.split('/response/').pop();
    await fake.waitFor((call) => call.method === 'response_url' && call.responseId === firstId, 30_000);
    const texts = ['list', 'cmp-1-000', 'calls cmp-1-000', 'usage 2026-10', 'help', 'subscriptions'];
    const commands = [...texts, ...texts].map((text) => ({ text, responseUrl: fake.newResponseUrl() }));
    const acks = await Promise.all(
      commands.map(async ({ text, responseUrl }) => {
        const body = slashCommandBody({ text, teamId: TEAM_A, responseUrl });
        return (await fetch(`${base}/slack/events`, { method: 'POST', body, headers: signedHeaders(body) })).status;
      }),
    );
    expect(acks).toEqual(commands.map(() => 200));
    const exited = new Promise<number | null>((resolve) => program.once('exit', resolve));
    program.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const { responseUrl } of commands) {
      const posts = fake.responses(responseUrl);
      expect(posts).toHaveLength(1);
      expect(JSON.stringify(posts[0])).not.toContain(SOMETHING_WENT_WRONG);
    }
  }, 90_000);
});
