import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { checkpointNow, dropLeftoverSchemas } from './support/bench-db';
import { machineCpuMs } from './support/cpu';
import { REPO_DIR, ensureTmpDir } from './support/paths';
import { BenchOutcome, outcomeFile, verdict } from './support/report';
import { fmt } from './support/stats';

/**
 * `npm run bench [-- import overview comparison webhook connectors app-home forget live]`: runs each benchmark in its own process, one after another
 * (bounded in time, its schema dropped even if it dies), then prints a summary table and writes
 * bench/.tmp/results.json. BENCH_ROWS scales the data down; BENCH_STRICT=1 exits 1 when a target is missed.
 */
const BENCHES: { name: string; file: string; timeoutMs: number }[] = [
  { name: 'import', file: 'import-csv.ts', timeoutMs: 6 * 60_000 },
  { name: 'overview', file: 'overview-report.ts', timeoutMs: 4 * 60_000 },
  { name: 'comparison', file: 'campaign-comparison.ts', timeoutMs: 3 * 60_000 },
  { name: 'webhook', file: 'webhook.ts', timeoutMs: 3 * 60_000 },
  { name: 'connectors', file: 'connectors.ts', timeoutMs: 3 * 60_000 },
  { name: 'slack', file: 'slack-ack.ts', timeoutMs: 12 * 60_000 },
  { name: 'delivery', file: 'delivery-latency.ts', timeoutMs: 3 * 60_000 },
  { name: 'app-home', file: 'app-home.ts', timeoutMs: 3 * 60_000 },
  { name: 'forget', file: 'forget.ts', timeoutMs: 8 * 60_000 },
  { name: 'live', file: 'live-watch.ts', timeoutMs: 4 * 60_000 },
  { name: 'alerts', file: 'alert-latency.ts', timeoutMs: 3 * 60_000 },
  { name: 'alert-burst', file: 'alert-burst.ts', timeoutMs: 6 * 60_000 },
];

function runChild(file: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
      cwd: REPO_DIR,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => {
      console.error(`\n${file}: over ${timeoutMs / 60_000} min, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits (at most `maxMs`) until the machine is idle over a whole second: what a benchmark leaves behind
 * (PostgreSQL writing out and vacuuming what it loaded, children still exiting) must not weigh on the next.
 * Returns how long it waited.
 */
async function untilIdle(maxMs = 60_000, idleShare = 0.9): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    const before = machineCpuMs();
    await sleep(1_000);
    const after = machineCpuMs();
    const total = after.total - before.total;
    if (total > 0 && 1 - (after.busy - before.busy) / total >= idleShare) break;
  }
  return Date.now() - started;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function summaryTable(outcomes: BenchOutcome[]): string {
  const header = ['bench', 'figure', 'OURS', 'BASELINE', 'RATIO', 'unit', 'target', 'result'];
  const rows: string[][] = [];
  for (const o of outcomes) {
    for (const f of o.figures) {
      rows.push([o.bench, f.name, fmt(f.ours), fmt(f.baseline), fmt(f.ratio, 3), f.unit, f.target, verdict(f)]);
    }
    if (o.error) rows.push([o.bench, `ERROR: ${o.error.split('\n')[0].slice(0, 100)}`, '', '', '', '', '', 'ERROR']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i >= 2 && i <= 4)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  ensureTmpDir();
  const started = Date.now();
  const outcomes: BenchOutcome[] = [];
  // Other work on the machine skews every figure: note how busy it was around each benchmark.
  const load: Record<string, { before: number; after: number }> = {};
  for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    fs.rmSync(outcomeFile(bench.name), { force: true });
    await checkpointNow();
    const waited = await untilIdle();
    if (waited > 2_000)
      console.error(`\n${bench.name}: waited ${(waited / 1000).toFixed(0)} s for the machine to be idle`);
    const before = os.loadavg()[0];
    if (before > os.cpus().length)
      console.warn(
        `\nnote: load average ${before.toFixed(1)} on ${os.cpus().length} cores before ${bench.name}; its figures will be noisy`,
      );
    const code = await runChild(bench.file, bench.timeoutMs);
    load[bench.name] = { before, after: os.loadavg()[0] };
    const dropped = await dropLeftoverSchemas();
    if (dropped.length > 0) console.error(`dropped schemas left behind: ${dropped.join(', ')}`);
    if (fs.existsSync(outcomeFile(bench.name)))
      outcomes.push(JSON.parse(fs.readFileSync(outcomeFile(bench.name), 'utf8')) as BenchOutcome);
    else
      outcomes.push({
        bench: bench.name,
        rows: 0,
        startedAt: '',
        durationMs: 0,
        figures: [],
        notes: [],
        error: `exited ${code} without a result`,
      });
  }
  const totalMs = Date.now() - started;
  const table = summaryTable(outcomes);
  const loadLine = Object.entries(load)
    .map(([name, l]) => `${name} ${l.before.toFixed(1)}→${l.after.toFixed(1)}`)
    .join(', ');
  console.log(
    `\n== summary (${(totalMs / 1000).toFixed(0)} s; ${os.cpus().length} cores, node ${process.version}, BENCH_ROWS=${process.env.BENCH_ROWS ?? 'default'}) ==\n${table}\n1-min load average before→after: ${loadLine}`,
  );
  const resultsFile = path.join(ensureTmpDir(), 'results.json');
  fs.writeFileSync(
    resultsFile,
    JSON.stringify(
      {
        startedAt: new Date(started).toISOString(),
        totalMs,
        machine: {
          cores: os.cpus().length,
          cpu: os.cpus()[0]?.model,
          memGb: os.totalmem() / 2 ** 30,
          node: process.version,
        },
        env: { BENCH_ROWS: process.env.BENCH_ROWS ?? null },
        loadAverage: load,
        outcomes,
        table,
      },
      null,
      2,
    ),
  );
  console.log(`results: ${path.relative(REPO_DIR, resultsFile)}`);
  const errors = outcomes.some((o) => o.error);
  const missed = outcomes.some((o) => o.figures.some((f) => verdict(f) === 'FAIL'));
  process.exit(errors || (missed && process.env.BENCH_STRICT === '1') ? 1 : 0);
}

void main();
