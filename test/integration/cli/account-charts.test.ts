import { runCli } from '../../../src/cli/run-cli';
import { accountSlackCharts } from '../../../src/storage/slack-look';
import { captureOutput } from '../../support/captured-output';
import { TestDb, createTestDb } from '../../support/test-db';

let t: TestDb;
let env: NodeJS.ProcessEnv;
const output = captureOutput();

beforeAll(async () => {
  t = await createTestDb();
  env = { DATABASE_URL: t.url, PUBLIC_BASE_URL: 'https://bot.example.com' };
});
afterAll(() => t.drop());

const cli = (...argv: string[]) => runCli(argv, env);

describe('account --charts: how Slack messages draw charts', () => {
  it('is images unless the account chooses native, and back', async () => {
    expect(await cli('account', 'acme')).toBe(0);
    expect(output.stdout).toContain('Slack charts images');
    expect(await accountSlackCharts(t.db, 'acme')).toBe('images');
    expect(await cli('account', 'acme', '--charts', 'native')).toBe(0);
    expect(output.stdout).toContain('Slack charts native');
    expect(await accountSlackCharts(t.db, 'acme')).toBe('native');
    expect(await cli('account', 'acme', '--charts', 'images')).toBe(0);
    expect(await accountSlackCharts(t.db, 'acme')).toBe('images');
  });

  it('refuses another word in one line, exit 2, and stores nothing', async () => {
    output.stderr = '';
    expect(await cli('account', 'newco', '--charts', 'pretty')).toBe(2);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
    expect(output.stderr).toContain('--charts native');
    expect(await t.db('accounts').where({ id: 'newco' }).first()).toBeUndefined();
  });
});
