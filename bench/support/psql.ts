import { spawn } from 'node:child_process';
import { BENCH_DATABASE_URL } from './bench-db';

/** Runs one psql command (e.g. a client-side \copy) and resolves when psql exits 0. */
export function psql(command: string, timeoutMs = 300_000, flags: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [BENCH_DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-X', '-q', ...flags, '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`psql exited ${code}: ${err.trim()}`));
    });
  });
}

/** One value from a query, as text (psql -At). */
export async function psqlValue(sql: string): Promise<string> {
  return (await psql(sql, 60_000, ['-A', '-t'])).trim();
}
