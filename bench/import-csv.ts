import fs from 'node:fs';
import path from 'node:path';
import { withBenchDb } from './support/bench-db';
import { CSV_HEADER, writeCallsCsv } from './support/call-data';
import { lastJsonLine, runTsChild } from './support/child';
import { benchRows, ensureTmpDir, profileArgs } from './support/paths';
import { psql, psqlValue } from './support/psql';
import { Figure, figure, log, runBench } from './support/report';
import { median, nowMs } from './support/stats';

/**
 * Target 1: importFile of a 1,000,000-row calls CSV at ≥ 0.5 × PostgreSQL's own COPY rows/s of the same
 * file (into a bare table of text columns), with the importing process's peak RSS < 300 MB.
 */
const COPY_RUNS = 3;
const MAX_RSS_MB = 300;

/**
 * Context for the ratio: PostgreSQL's own COPY of the imported calls (typed columns, derived fields) into a
 * table like `calls` with the same primary key and indexes. No importer that stores into `calls` can beat it.
 */
async function copyIntoCallsShape(schema: string, rows: number): Promise<number> {
  const file = path.join(ensureTmpDir(), `calls-typed-${rows}.csv`);
  try {
    await psql(`\\copy ${schema}.calls to '${file}' with (format csv)`);
    await psql(`create table ${schema}.calls_typed_copy (like ${schema}.calls including all)`);
    const start = nowMs();
    await psql(`\\copy ${schema}.calls_typed_copy from '${file}' with (format csv)`);
    const ms = nowMs() - start;
    log(`COPY into a calls-shaped table with its indexes: ${(ms / 1000).toFixed(1)} s`);
    return ms;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function importCsvBench(): Promise<Figure[]> {
  const rows = benchRows();
  const file = path.join(ensureTmpDir(), `calls-${rows}.csv`);
  const generated = await writeCallsCsv(file, {
    rows,
    bots: 10,
    campaigns: 200,
    concurrent: 8,
    monthStart: new Date('2026-10-01T00:00:00Z'),
    idPrefix: 'c',
  });
  log(`${generated.reused ? 'reused' : 'generated'} ${file} (${(generated.bytes / 1e6).toFixed(0)} MB) in ${(generated.ms / 1000).toFixed(1)} s`);

  const copyMs = await withBenchDb('copy', async ({ schema }) => {
    const columns = CSV_HEADER.split(',').map((name) => `${name} text`).join(', ');
    await psql(`create table ${schema}.calls_copy (${columns})`);
    const samples: number[] = [];
    for (let run = 0; run < COPY_RUNS; run += 1) {
      await psql(`truncate ${schema}.calls_copy`);
      const start = nowMs();
      await psql(`\\copy ${schema}.calls_copy from '${file}' with (format csv, header true)`);
      samples.push(nowMs() - start);
    }
    const counted = Number(await psqlValue(`select count(*) from ${schema}.calls_copy`));
    if (counted !== rows) throw new Error(`COPY loaded ${counted} rows, expected ${rows}`);
    log(`COPY runs (ms): ${samples.map((ms) => ms.toFixed(0)).join(', ')}`);
    return median(samples);
  });

  const ours = await withBenchDb('import', async ({ db, schema }) => {
    const child = await runTsChild(path.join(__dirname, 'support', 'import-child.ts'), [schema, file], {
      timeoutMs: 420_000,
      nodeArgs: profileArgs('import'),
    });
    if (child.code !== 0) throw new Error(`import child exited ${child.code}: ${child.stderr.slice(-2000)}`);
    const result = lastJsonLine<{ ms: number; maxRssKb: number; accepted: number; rejected: number; problems: unknown[] }>(child.stdout);
    if (result.accepted !== rows) throw new Error(`importFile accepted ${result.accepted} of ${rows} (rejected ${result.rejected}): ${JSON.stringify(result.problems)}`);
    const [{ count }] = (await db('calls').count('* as count')) as { count: number }[];
    if (Number(count) !== rows) throw new Error(`calls holds ${count} rows after the import, expected ${rows}`);
    log(`importFile: ${(result.ms / 1000).toFixed(1)} s, peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB`);
    return { ...result, typedCopyMs: await copyIntoCallsShape(schema, rows) };
  });

  const copyRate = rows / (copyMs / 1000);
  const typedCopyRate = rows / (ours.typedCopyMs / 1000);
  const ourRate = rows / (ours.ms / 1000);
  const peakMb = ours.maxRssKb / 1024;
  return [
    figure({
      bench: 'import',
      name: 'CSV import throughput',
      unit: 'rows/s',
      ours: ourRate,
      baseline: copyRate,
      target: 'ratio ≥ 0.5 (vs psql \\copy)',
      pass: ourRate >= 0.5 * copyRate,
      details: { ourMs: ours.ms, copyMedianMs: copyMs, copyRuns: COPY_RUNS, fileBytes: generated.bytes },
    }),
    figure({
      bench: 'import',
      name: 'context: COPY of the stored calls into a table shaped like calls (typed, same indexes)',
      unit: 'rows/s',
      ours: ourRate,
      baseline: typedCopyRate,
      target: 'none (the ceiling for any importer into calls)',
      pass: true,
      info: true,
      details: { typedCopyMs: ours.typedCopyMs },
    }),
    {
      bench: 'import',
      name: 'CSV import peak RSS',
      unit: 'MB',
      ours: peakMb,
      baseline: null,
      ratio: null,
      target: `< ${MAX_RSS_MB} MB`,
      pass: peakMb < MAX_RSS_MB,
    },
  ];
}

if (require.main === module) {
  void runBench('import', benchRows(), () => importCsvBench());
}
