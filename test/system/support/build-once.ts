import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.system-test-run');
const LOCK = path.join(ROOT, 'node_modules', '.cache', 'campaign-report-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/**
 * `npm run build` once per test run (test/support/global-setup.ts names the run), shared by every system
 * suite: the first suite builds under a lock file and stamps dist/ with the run; the others see the stamp.
 */
export async function buildOnce(): Promise<string> {
  const run = process.env.CAMPAIGN_REPORT_TEST_RUN ?? `pid-${process.ppid}`;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    if (readStamp() === run) return DIST;
    if (takeLock()) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (readStamp() !== run) {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      fs.writeFileSync(STAMP, run);
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  return DIST;
}

function readStamp(): string | undefined {
  try {
    return fs.readFileSync(STAMP, 'utf8');
  } catch {
    return undefined;
  }
}

function takeLock(): boolean {
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // taken and released meanwhile
    }
    return false;
  }
}
