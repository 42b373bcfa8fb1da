import fs from 'node:fs';
import path from 'node:path';

export const BENCH_DIR = path.resolve(__dirname, '..');
export const REPO_DIR = path.resolve(BENCH_DIR, '..');
/** Generated files and results; gitignored. */
export const TMP_DIR = path.join(BENCH_DIR, '.tmp');

export function ensureTmpDir(): string {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  return TMP_DIR;
}

/** BENCH_ROWS scales every benchmark down (default: the 1,000,000). */
export function benchRows(defaultRows = 1_000_000): number {
  const raw = process.env.BENCH_ROWS;
  if (raw === undefined || raw.trim() === '') return defaultRows;
  const rows = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`BENCH_ROWS must be a whole number ≥ 1000, got "${raw}"`);
  return rows;
}

/** The Node options of `npm start` (package.json), so that a server or worker runs as it does in production. */
export function startScriptNodeOptions(): string[] {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const words = scripts.start.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`npm start does not run node: ${scripts.start}`);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

/**
 * BENCH_CPU_PROF=1: node arguments that make a child process write .cpuprofile files (one per thread: the
 * largest is the main thread) into bench/.tmp/prof/<name>; summarize with support/profile-summary.ts.
 */
export function profileArgs(name: string): string[] {
  if (!process.env.BENCH_CPU_PROF) return [];
  const dir = path.join(ensureTmpDir(), 'prof', name);
  fs.mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', '--cpu-prof-dir', dir];
}
