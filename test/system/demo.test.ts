import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTsxProcess } from './support/processes';

/**
 * A newcomer's first steps: `npm run demo`, then the CLI commands the README shows, on the demo's data
 * (the embedded database in ./.data, where both look when DATABASE_URL is unset). Run in a scratch
 * directory so that a developer's own ./.data is left alone.
 */
jest.setTimeout(240_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const demo = () => runTsxProcess('src/cli/demo.ts', [], {}, dir);
const cli = (...args: string[]) => runTsxProcess('src/cli/main.ts', args, {}, dir);

describe('npm run demo, then the CLI', () => {
  it('the CLI sees the demo data, and the demo runs again', async () => {
    const first = await demo();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('npm run cli -- list');
    expect(fs.existsSync(path.join(dir, '.data'))).toBe(true);

    const list = await cli('list', '--json');
    expect(list.code).toBe(0);
    const campaigns = JSON.parse(list.stdout) as { id: string; state: string }[];
    expect(campaigns.map((c) => c.id)).toEqual(expect.arrayContaining(['cmp-1-000', 'cmp-1-001', 'cmp-1-002']));
    const report = await cli('report', 'cmp-1-000', '--json');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      campaign: { id: 'cmp-1-000', state: 'complete', final: true },
      calls: { total: 43 },
    });

    const again = await demo();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/import calls\.csv: accepted 0, duplicates \d+, updated 0, rejected 0/);
  });
});
