import { importFile } from '../../src/ingest/import-file';
import { createDb } from '../../src/storage/connection';
import { benchConnectionUrl } from './bench-db';
import { trackSqlTime } from './sql-timing';
import { nowMs } from './stats';

/**
 * Child of import-csv.ts: `importFile(db, 'default', file)` alone in its process, so that maxRSS is the
 * import's own peak. Prints one JSON line: elapsed, peak RSS, counts.
 */
async function main(): Promise<void> {
  const [schema, file] = process.argv.slice(2);
  const db = createDb({ databaseUrl: benchConnectionUrl(schema), schema });
  try {
    await db.raw('select 1');
    const sqlTimes = process.env.BENCH_SQL_TIMING ? trackSqlTime(db) : null;
    const rssBeforeKb = process.memoryUsage().rss / 1024;
    const start = nowMs();
    const result = await importFile(db, 'default', file);
    const ms = nowMs() - start;
    console.log(
      JSON.stringify({
        ms,
        rssBeforeKb,
        maxRssKb: process.resourceUsage().maxRSS,
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
        accepted: result.accepted,
        duplicates: result.duplicates,
        updated: result.updated,
        rejected: result.rejected,
        problems: result.problems.slice(0, 5),
        ...(sqlTimes ? { sql: sqlTimes() } : {}),
      }),
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
