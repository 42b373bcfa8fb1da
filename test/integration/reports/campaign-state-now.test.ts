import { runCli } from '../../../src/cli/run-cli';
import { captureOutput } from '../../support/captured-output';
import { TestDb, createTestDb } from '../../support/test-db';
import { callEvents, completionEvent, ingestEvents } from '../delivery/support/delivery-env';

/**
 * docs/metrics.md "Campaign state and completion" at the moment of reading, with the CLI alone (no scheduler, no
 * Redis): every report, the list and the JSON agree on the state.
 */
let t: TestDb;
const output = captureOutput();
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  t = await createTestDb();
  const shape = (campaignId: string) => ({ campaignId, calls: 3 });
  // completed a month ago
  await ingestEvents(t.db, 'default', callEvents(shape('done-last-month')), ago(31 * DAY));
  await ingestEvents(t.db, 'default', [completionEvent(shape('done-last-month'))], ago(30 * DAY));
  // completion event 60 s ago: within the default settle window of 120 s
  await ingestEvents(t.db, 'default', callEvents(shape('settling')), ago(10 * 60_000));
  await ingestEvents(t.db, 'default', [completionEvent(shape('settling'))], ago(60_000));
  // no completion event, last call 7 h ago: past the idle timeout of 6 h
  await ingestEvents(t.db, 'default', callEvents(shape('idle')), ago(7 * 3_600_000));
  // no completion event, last call 1 h ago
  await ingestEvents(t.db, 'default', callEvents(shape('running')), ago(3_600_000));
});
afterAll(() => t.drop());


async function json(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<unknown> {
  output.stdout = '';
  expect(await runCli(argv, { DATABASE_URL: t.url, REDIS_URL: 'redis://127.0.0.1:1', ...env })).toBe(0);
  return JSON.parse(output.stdout);
}

async function statesSeen(env: NodeJS.ProcessEnv = {}): Promise<Record<string, string[]>> {
  const seen: Record<string, string[]> = {};
  const list = (await json(env, 'list', '--json')) as { id: string; state: string }[];
  for (const { id, state } of list) {
    const report = (await json(env, 'report', id, '--json')) as { campaign: { state: string; final: boolean } };
    const calls = (await json(env, 'calls', id, '--json')) as { campaign: { state: string } };
    seen[id] = [state, report.campaign.state, String(report.campaign.final), calls.campaign.state];
  }
  return seen;
}

describe('campaign state when read, without a scheduler', () => {
  it('follows the settle window and the idle timeout; list, report, final and calls agree', async () => {
    expect(await statesSeen()).toEqual({
      'done-last-month': ['complete', 'complete', 'true', 'complete'],
      settling: ['settling', 'settling', 'false', 'settling'],
      idle: ['complete', 'complete', 'true', 'complete'],
      running: ['running', 'running', 'false', 'running'],
    });
    // Nothing was recorded: the scheduler still finds them and triggers delivery.
    expect(await t.db('campaigns').where('state', 'complete').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('uses the configured windows', async () => {
    const seen = await statesSeen({ COMPLETION_SETTLE_SECONDS: '30', COMPLETION_IDLE_TIMEOUT_SECONDS: '1800' });
    expect(seen.settling[0]).toBe('complete');
    expect(seen.running[0]).toBe('complete');
  });

  it('the list filter uses the same state', async () => {
    const settling = (await json({}, 'list', 'settling', '--json')) as { id: string }[];
    expect(settling.map((c) => c.id)).toEqual(['settling']);
    const complete = (await json({}, 'list', 'complete', '--json')) as { id: string }[];
    expect(complete.map((c) => c.id).sort()).toEqual(['done-last-month', 'idle']);
  });

  it('the table says final, not Preliminary, for a campaign that completed a month ago', async () => {
    output.stdout = '';
    expect(await runCli(['report', 'done-last-month'], { DATABASE_URL: t.url })).toBe(0);
    expect(output.stdout).not.toMatch(/Preliminary/);
  });
});
