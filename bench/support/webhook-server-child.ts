import express, { Router } from 'express';
import { loadConfig } from '../../src/config';
import { forkWebProcesses, isForkedWebProcess, reportWebListening } from '../../src/http/web-processes';
import { deliveryReportDeps } from '../../src/jobs/report-deps';
import { startWebRole } from '../../src/web-role';
import { createLogger } from '../../src/logger';
import { createDb } from '../../src/storage/connection';
import { benchConnectionUrl, schemaUrl } from './bench-db';
import { BENCH_REDIS_URL, dropJobQueues } from './job-queues';
import { trackSqlTime } from './sql-timing';
import { freePort } from '../../test/support/free-port';

/**
 * Child of webhook.ts: the web role as `npm start` runs it (startWebRole: every route, each ingest nudging
 * delivery through Redis under a queue prefix of its own; production config path and pool) on a free
 * loopback port, as WEB_CONCURRENCY web processes (forkWebProcesses), plus POST /bench/sink, mounted through
 * extraRouters: the same express stack reading the same body and answering 202 without ingesting (the
 * baseline). Prints {"port": n} once every process listens; SIGTERM stops them and drops the queues.
 */

function sinkRouter(): Router {
  const router = Router();
  router.post('/bench/sink', express.raw({ type: () => true, limit: 5 * 1024 * 1024 }), (req, res) => {
    res.status(202).json({ bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 });
  });
  return router;
}

async function main(): Promise<void> {
  const [schema, encryptionKey, processes] = process.argv.slice(2);
  if (!isForkedWebProcess()) {
    const port = await freePort();
    const queuePrefix = `bench-webhook-${schema}`;
    const web = await forkWebProcesses(Number(processes), {
      env: { BENCH_PORT: String(port), BENCH_QUEUE_PREFIX: queuePrefix },
      logger: createLogger('warn', false),
      onGiveUp: () => process.exit(1),
    });
    console.log(JSON.stringify({ port }));
    process.once(
      'SIGTERM',
      () =>
        void web
          .stop()
          .then(() => dropJobQueues(BENCH_REDIS_URL, queuePrefix))
          .finally(() => process.exit(0)),
    );
    return;
  }
  const config = loadConfig({
    DATABASE_URL: schemaUrl(schema),
    PORT: process.env.BENCH_PORT,
    APP_ENCRYPTION_KEY: encryptionKey,
    QUICKCHART_BASE_URL: 'off',
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX,
    RECORDING_LINK_SECRET: 'bench-recordings-secret-of-32-characters',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.logLevel, false);
  const db = createDb({ databaseUrl: benchConnectionUrl(schema), schema });
  const sqlTimes = process.env.BENCH_SQL_TIMING ? trackSqlTime(db) : null;
  const web = await startWebRole({
    config,
    db,
    logger,
    reportDeps: deliveryReportDeps(config, db),
    extraRouters: [sinkRouter()],
  });
  reportWebListening();
  process.once('SIGTERM', () => {
    if (sqlTimes)
      for (const s of sqlTimes())
        console.error(`  sql ${s.totalMs.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(5)}  ${s.statement}`);
    web.server.closeAllConnections();
    void web
      .stop()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
