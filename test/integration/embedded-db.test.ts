import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expectSubset, expected } from '../support/sample-data';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the embedded database (PGlite, no server)', () => {
  it('runs the same migrations and queries and reproduces the sample reports', () => {
    const output = execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['test/support/embedded-sample-run.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const reports = JSON.parse(output) as Record<string, unknown>;
    for (const id of ['cmp-1-000', 'cmp-1-001', 'cmp-1-002']) expectSubset(reports[id], expected(`report-${id}.json`));
    expectSubset(reports['2026-10'], expected('usage-2026-10.json'));
    expectSubset(reports['2026-11'], expected('usage-2026-11.json'));
  }, 130_000);
});
