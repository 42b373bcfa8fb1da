import fs from 'node:fs';
import path from 'node:path';
import { withBenchDb } from './support/bench-db';
import { CSV_HEADER, writeCallsCsv } from './support/call-data';
import { lastJsonLine, runTsChild } from './support/child';
import { benchRows, ensureTmpDir, profileArgs } from './support/paths';
import { psql, psqlValue } from './support/psql';
import { Figure, figure, log, runBench } from './support/report';
import { median, nowMs } from './support/stats';
import { parse } from 'csv-parse';

/**
 * Target 1: importFile of a 1,000,000-row calls CSV at ≥ 0.5 × PostgreSQL's own COPY rows/s of the same
 * file (into a bare table of text columns), with the importing process's peak RSS < 300 MB. The ceilings
 * printed beside it are in the same unit, as a fraction of that COPY.
 */
const COPY_RUNS = 3;
const MAX_RSS_MB = 300;

interface Ceiling {
  name: string;
  rowsPerSecond: number;
}

/**
 * Why the ratio is out of reach, measured in the same run: PostgreSQL's own COPY of the rows our import
 * stored (typed, derived figures included, as the schema asks) into three tables, from none of the
 * indexes up to the full shape of `calls`. No importer that stores these rows can be faster than COPY of
 * them, so each line is a ceiling on our rows/s.
 */
async function copyCeilings(schema: string, rows: number): Promise<Ceiling[]> {
  const file = path.join(ensureTmpDir(), `calls-typed-${rows}.csv`);
  const variants: { name: string; create: string }[] = [
    { name: 'stored columns, no index', create: `create table ${schema}.%s (like ${schema}.calls including defaults)` },
    {
      name: 'stored columns + the unique key (account_id, call_id) only',
      create: `create table ${schema}.%s (like ${schema}.calls including defaults); alter table ${schema}.%s add primary key (account_id, call_id)`,
    },
    {
      name: 'the calls table as migrated (unique key + campaign index)',
      create: `create table ${schema}.%s (like ${schema}.calls including all)`,
    },
  ];
  try {
    await psql(`\\copy ${schema}.calls to '${file}' with (format csv)`);
    const ceilings: Ceiling[] = [];
    for (const [index, variant] of variants.entries()) {
      const table = `calls_ceiling_${index}`;
      await psql(variant.create.replace(/%s/g, table));
      const start = nowMs();
      await psql(`\\copy ${schema}.${table} from '${file}' with (format csv)`);
      const ms = nowMs() - start;
      log(`COPY of the stored rows into ${variant.name}: ${(ms / 1000).toFixed(2)} s`);
      ceilings.push({ name: variant.name, rowsPerSecond: rows / (ms / 1000) });
      await psql(`drop table ${schema}.${table}`);
    }
    return ceilings;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The CSV library alone, tokenizing the file with the importer's options and nothing else: a ceiling on the Node side. */
async function csvTokenizingRate(file: string, rows: number): Promise<number> {
  const start = nowMs();
  let records = 0;
  for await (const _record of fs
    .createReadStream(file)
    .pipe(parse({ bom: true, relax_column_count: true, info: true })))
    records += 1;
  const ms = nowMs() - start;
  if (records !== rows + 1) throw new Error(`csv-parse read ${records} records, expected ${rows + 1}`);
  log(`csv-parse alone (no validation, no database): ${(ms / 1000).toFixed(2)} s`);
  return rows / (ms / 1000);
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
  log(
    `${generated.reused ? 'reused' : 'generated'} ${file} (${(generated.bytes / 1e6).toFixed(0)} MB) in ${(generated.ms / 1000).toFixed(1)} s`,
  );

  const copyMs = await withBenchDb('copy', async ({ schema }) => {
    const columns = CSV_HEADER.split(',')
      .map((name) => `${name} text`)
      .join(', ');
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
    const result = lastJsonLine<{
      ms: number;
      maxRssKb: number;
      accepted: number;
      rejected: number;
      problems: unknown[];
    }>(child.stdout);
    if (result.accepted !== rows)
      throw new Error(
        `importFile accepted ${result.accepted} of ${rows} (rejected ${result.rejected}): ${JSON.stringify(result.problems)}`,
      );
    const [{ count }] = (await db('calls').count('* as count')) as { count: number }[];
    if (Number(count) !== rows) throw new Error(`calls holds ${count} rows after the import, expected ${rows}`);
    log(`importFile: ${(result.ms / 1000).toFixed(1)} s, peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB`);
    return { ...result, ceilings: await copyCeilings(schema, rows) };
  });

  const tokenizingRate = await csvTokenizingRate(file, rows);
  const copyRate = rows / (copyMs / 1000);
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
    ...ours.ceilings.map((ceiling) =>
      figure({
        bench: 'import',
        name: `ceiling: PostgreSQL COPY of the stored rows into ${ceiling.name}`,
        unit: 'rows/s',
        ours: ceiling.rowsPerSecond,
        baseline: copyRate,
        target: 'none (no importer storing these rows is faster)',
        pass: true,
        info: true,
      }),
    ),
    figure({
      bench: 'import',
      name: 'ceiling: csv-parse tokenizing the file, nothing else',
      unit: 'rows/s',
      ours: tokenizingRate,
      baseline: copyRate,
      target: 'none (the Node side cannot read faster)',
      pass: true,
      info: true,
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
