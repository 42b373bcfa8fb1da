import fs from 'node:fs';
import path from 'node:path';
import { ensureTmpDir } from './paths';
import { fmt } from './stats';

/** One measured figure: ours against a baseline measured in the same run, and the issue's target. */
export interface Figure {
  bench: string;
  name: string;
  unit: string;
  ours: number;
  baseline: number | null;
  /** ours / baseline. */
  ratio: number | null;
  target: string;
  pass: boolean;
  /** Context only (no target): printed as INFO, never a failure. */
  info?: boolean;
  details?: Record<string, unknown>;
}

export interface BenchOutcome {
  bench: string;
  rows: number;
  startedAt: string;
  durationMs: number;
  figures: Figure[];
  notes: string[];
  error?: string;
}

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  return { ...f, ratio: f.baseline ? f.ours / f.baseline : null };
}

export function verdict(f: Figure): 'PASS' | 'FAIL' | 'INFO' {
  return f.info ? 'INFO' : f.pass ? 'PASS' : 'FAIL';
}

export function printFigure(f: Figure): void {
  console.log(
    `  ${verdict(f)}  ${f.name}: OURS ${fmt(f.ours)} ${f.unit} | BASELINE ${fmt(f.baseline)} ${f.unit} | RATIO ${fmt(f.ratio, 3)} | target ${f.target}`,
  );
}

export function outcomeFile(bench: string): string {
  return path.join(ensureTmpDir(), `result-${bench}.json`);
}

/** Runs one benchmark body, prints its figures and writes them where run-all picks them up. */
export async function runBench(
  bench: string,
  rows: number,
  body: (notes: string[]) => Promise<Figure[]>,
): Promise<BenchOutcome> {
  const started = Date.now();
  const notes: string[] = [];
  const outcome: BenchOutcome = {
    bench,
    rows,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    figures: [],
    notes,
  };
  console.log(`\n== ${bench} (rows ${rows.toLocaleString('en-US')}) ==`);
  try {
    outcome.figures = await body(notes);
  } catch (error) {
    outcome.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const text = outcome.error;
    console.error(`  ERROR ${text.length > 1500 ? `${text.slice(0, 1500)} …` : text}`);
    process.exitCode = 1;
  }
  outcome.durationMs = Date.now() - started;
  for (const f of outcome.figures) printFigure(f);
  for (const note of notes) console.log(`  note: ${note}`);
  console.log(`  (${(outcome.durationMs / 1000).toFixed(1)} s)`);
  fs.writeFileSync(outcomeFile(bench), JSON.stringify(outcome, null, 2));
  return outcome;
}

export function log(message: string): void {
  console.log(`  .. ${message}`);
}
