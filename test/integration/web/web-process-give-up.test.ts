import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_FAILURES_IN_A_ROW } from '../../../src/http/web-processes';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('web processes that keep dying', () => {
  it('are restarted with back-off, then the primary gives up so that its supervisor sees it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dying-web-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'support', 'dying-web-processes.ts'), path.join(dir, 'marker')],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const started = Date.now();
      const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      const events = output
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { event: string }).event);
      expect(code).toBe(3);
      // The first process, then one replacement for each death in a row until the limit.
      expect(events).toEqual([...Array<string>(1 + MAX_FAILURES_IN_A_ROW).fill('fork'), 'gave-up']);
      // Back-off: 10, 20, 40 … 1,280 ms between the deaths, about 2.5 s in all.
      expect(Date.now() - started).toBeGreaterThan(2_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
