import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { SAMPLE_CALLS, SAMPLE_CAMPAIGNS, SAMPLE_DIR, expectSubset, expected } from '../support/sample-data';
import { captureOutput } from '../support/captured-output';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
let env: NodeJS.ProcessEnv;
const output = captureOutput();
const KEY = Buffer.alloc(32, 9).toString('base64');

beforeAll(async () => {
  t = await createTestDb();
  env = {
    DATABASE_URL: t.url,
    APP_ENCRYPTION_KEY: KEY,
    RECORDING_LINK_SECRET: 'links-signed-for-the-cli-test-32-characters',
    PUBLIC_BASE_URL: 'https://bot.example.com',
  };
});
afterAll(() => t.drop());

const cli = (...argv: string[]) => runCli(argv, env);

describe('the command line (docs/cli.md)', () => {
  it('migrate says the schema is current', async () => {
    expect(await cli('migrate')).toBe(0);
    expect(output.stdout).toContain('up to date');
  });

  it('reproduces the fixture README steps: tariffs, imports, report --json, usage --json', async () => {
    const tariffs = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'tariffs.json'), 'utf8'));
    for (const [bot, tariff] of Object.entries<{ block_seconds: number; price: string; currency: string }>(tariffs)) {
      expect(
        await cli(
          'tariff',
          bot,
          '--block-seconds',
          String(tariff.block_seconds),
          '--price',
          tariff.price,
          '--currency',
          tariff.currency,
        ),
      ).toBe(0);
    }
    expect(await cli('import', SAMPLE_CAMPAIGNS)).toBe(0);
    expect(await cli('import', SAMPLE_CALLS)).toBe(0);
    expect(output.stdout).toContain('accepted 111, duplicates 0, updated 0, rejected 0');
    for (const id of ['cmp-1-000', 'cmp-1-001', 'cmp-1-002']) {
      output.stdout = '';
      expect(await cli('report', id, '--json')).toBe(0);
      expectSubset(JSON.parse(output.stdout), expected(`report-${id}.json`));
    }
    output.stdout = '';
    expect(await cli('usage', '--month', '2026-10', '--json')).toBe(0);
    expectSubset(JSON.parse(output.stdout), expected('usage-2026-10.json'));
  });

  it('prints readable tables without --json', async () => {
    expect(await cli('report', 'cmp-1-000')).toBe(0);
    expect(output.stdout).toContain('Total calls');
    expect(output.stdout).toContain('41.9%');
    expect(output.stdout).toContain('18 / 43');
  });

  it('calls --csv streams the detailed report with signed links, never the storage URL', async () => {
    expect(await cli('calls', 'cmp-1-000', '--csv')).toBe(0);
    const lines = output.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(44);
    expect(lines[0]).toMatch(/^Started at \(.+\),Call ID,.*,started_at,status,call_duration_ms,dialing_duration_ms$/);
    expect(output.stdout).toContain('https://bot.example.com/r/');
    expect(output.stdout).not.toContain('recordings.example.com');
  });

  it('calls --json orders rows by started_at then call_id', async () => {
    expect(await cli('calls', 'cmp-1-001', '--json')).toBe(0);
    const { calls } = JSON.parse(output.stdout) as { calls: { startedAt: string; callId: string }[] };
    const sorted = [...calls].sort(
      (a, b) => a.startedAt.localeCompare(b.startedAt) || a.callId.localeCompare(b.callId),
    );
    expect(calls).toEqual(sorted);
  });

  it('account --new-ingest-secret prints the secret alone on stdout', async () => {
    expect(await cli('account', 'acme', '--time-zone', 'America/New_York', '--new-ingest-secret')).toBe(0);
    expect(output.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    const row = await t.db('accounts').where({ id: 'acme' }).first();
    expect(row.time_zone).toBe('America/New_York');
    expect(row.ingest_secret_enc).not.toContain(output.stdout.trim());
  });

  it('link slack ties a workspace to an account', async () => {
    expect(await cli('link', 'slack', 'T123', 'acme')).toBe(0);
    expect(await t.db('workspace_links').where({ platform: 'slack', external_id: 'T123' }).first()).toMatchObject({
      account_id: 'acme',
    });
  });

  it.each([
    [['report', 'nope'], 'no campaign matches'],
    [['report', 'cmp-1-000', '--account', 'ghost'], 'account ghost'],
    [['usage', '--month', '2026-13'], '2026-10'],
    [['report'], 'needs a campaign id'],
    [['report', 'cmp-1-000', '--jsn'], 'unknown option --jsn (did you mean --json?)'],
    [['frobnicate'], 'unknown command'],
    [['account', 'x', '--time-zone', 'Mars/Base'], 'IANA'],
    [['tariff', 'bot-debt', '--price', '12,5'], '--price'],
    [['import', '/nonexistent/file.csv'], 'no file'],
    [['report', 'cmp-1-00'], 'matches 3 campaigns'],
  ])('%j exits 2 with one line saying what to do', async (argv, words) => {
    expect(await cli(...argv)).toBe(2);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
    expect(output.stderr).toContain(words);
  });

  it('import of an invalid file exits 2 and stores nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'bad.csv');
    fs.writeFileSync(
      file,
      'call_id,campaign_id,bot_id,customer_id,started_at,ended_at,result_code\nx,c,b,u,bad,2026-10-30T15:36:10Z,NA\n',
    );
    expect(await cli('import', file)).toBe(2);
    expect(output.stderr).toContain('line 2, started_at');
    expect(output.stderr).toContain('nothing was stored');
  });
});
