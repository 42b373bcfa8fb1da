import { runCli } from '../../src/cli/run-cli';
import { captureOutput } from '../support/captured-output';
import { TestDb, createTestDb } from '../support/test-db';

/** `alerts`, `alert`, `budget` and `account --alert-emails` from the command line (docs/cli.md, docs/alerts.md). */
let t: TestDb;
const output = captureOutput();
const cli = (...argv: string[]) => runCli(argv, { DATABASE_URL: t.url });

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

describe('alert settings from the CLI', () => {
  it('alerts --json shows the defaults and no open alert', async () => {
    expect(await cli('alerts', '--json')).toBe(0);
    const json = JSON.parse(output.stdout);
    expect(json.rules).toEqual([
      { rule: 'errors', threshold: '20%', enabled: true },
      { rule: 'answer-rate', threshold: '0.5', enabled: true },
      { rule: 'stalled', threshold: '15m', enabled: true },
      { rule: 'budget', threshold: '80%, 100%', enabled: false },
    ]);
    expect(json.open).toEqual([]);
  });

  it('alert and budget change the thresholds, and say who did', async () => {
    expect(await cli('alert', 'errors', '25%')).toBe(0);
    expect(output.stdout).toBe('the command line set the errors alert to 25%.\n');
    expect(await cli('alert', 'stalled', 'off')).toBe(0);
    expect(await cli('budget', 'bot-1', '5000')).toBe(0);
    expect(output.stdout).toContain('monthly block budget of voicebot bot-1 to 5000 blocks');
    output.stdout = '';
    expect(await cli('alerts')).toBe(0);
    expect(output.stdout).toContain('errors: fires when connection errors are 25% or more of the last 50 calls');
    expect(output.stdout).toContain('stalled: off');
    expect(output.stdout).toContain('budget of bot-1: 5,000 blocks a month');
  });

  it('refuses bad input with one line saying what to type, exit 2, nothing stored', async () => {
    const cases: [string[], RegExp][] = [
      [['alert', 'errors', 'lots'], /not "lots"; type for example: alert errors 25%/],
      [['alert', 'errors', '150%'], /cannot be over 100/],
      [['alert', 'answer-rate', '2'], /multiple from 0 to 1/],
      [['alert', 'latency', '5'], /unknown alert rule "latency"/],
      [['alert', 'budget', '5'], /budget <bot_id> <blocks or off>/],
      [['budget', 'bot-1', '0'], /whole number of blocks of 1 or more/],
      [['budget', 'bot-1', '-3'], /budget <bot_id> <blocks or off>/],
      [['budget', 'bot-1', '2.5'], /whole number of blocks of 1 or more/],
      [['account', 'default', '--alert-emails', 'ops@example.com,not-an-address'], /not an email address/],
    ];
    for (const [argv, line] of cases) {
      output.stderr = '';
      expect(await cli(...argv)).toBe(2);
      expect(output.stderr).toMatch(line);
      expect(output.stderr.trim().split('\n')).toHaveLength(1);
    }
    const rows = await t.db('alert_settings').where({ account_id: 'default', rule: 'errors' });
    expect(rows.map((r) => Number(r.threshold))).toEqual([25]);
    expect(Number((await t.db('bot_budgets').where({ bot_id: 'bot-1' }).first()).monthly_blocks)).toBe(5000);
    expect((await t.db('accounts').where({ id: 'default' }).first()).alert_emails).toEqual([]);
  });

  it('account --alert-emails stores the recipients, checked and lower-cased', async () => {
    expect(await cli('account', 'default', '--alert-emails', 'Ops@Example.com, lead@example.com')).toBe(0);
    expect((await t.db('accounts').where({ id: 'default' }).first()).alert_emails).toEqual([
      'ops@example.com',
      'lead@example.com',
    ]);
  });
});
