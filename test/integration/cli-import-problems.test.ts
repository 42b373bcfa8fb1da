import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { TestDb, createTestDb } from '../support/test-db';

/**
 * `import` of a file full of bad records answers in a bounded number of lines: the first problems, then
 * "… and N more" with the true total (and --json the first 1000 plus errors_total), storing nothing.
 */
let t: TestDb;
let dir: string;
let stdout: string;
let stderr: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-problems-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});
beforeEach(() => {
  stdout = '';
  stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => jest.restoreAllMocks());

const cli = (...argv: string[]) => runCli(argv, { DATABASE_URL: t.url });
const calls = async () => Number((await t.db('calls').count<{ n: string }[]>('* as n'))[0].n);

function junkFile(name: string, lines: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ type: 'campaign.started', campaign_id: 'c', bot_id: 'b', at: '2026-11-01T00:00:00Z' })}\n${'not json\n'.repeat(lines)}`,
  );
  return file;
}

describe('import with many problems', () => {
  it('prints the first 50 problems and how many more, exits 2, stores nothing', async () => {
    expect(await cli('import', junkFile('junk.ndjson', 5000))).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[0]).toBe('line 2, (line): the line is not valid JSON; each line must be one JSON object');
    expect(lines[50]).toBe(
      '… and 4950 more problem(s) (--json lists the first 1000; import with --skip-invalid to get every rejected record in a file)',
    );
    expect(lines[51]).toContain('5000 invalid record(s): nothing was stored');
    expect(await calls()).toBe(0);
  });

  it('--json lists the first 1000 problems and counts them all', async () => {
    expect(await cli('import', junkFile('junk-json.ndjson', 5000), '--json')).toBe(2);
    const answer = JSON.parse(stdout) as { errors: unknown[]; errors_total: number; rejected: number };
    expect(answer.errors).toHaveLength(1000);
    expect(answer.errors_total).toBe(5000);
    expect(answer.rejected).toBe(5000);
  });

  it('refuses a line of 50,000 nested arrays with a reason, and with --skip-invalid writes it to the rejects file', async () => {
    const file = path.join(dir, 'deep.ndjson');
    fs.writeFileSync(file, `${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    expect(await cli('import', file)).toBe(2);
    expect(stderr).toContain('line 1, (line): the line nests arrays or objects deeper than 32 levels');
    expect(await cli('import', file, '--skip-invalid')).toBe(0);
    expect(fs.readFileSync(`${file}.rejected.ndjson`, 'utf8')).toContain('deeper than 32 levels');
  });
});
