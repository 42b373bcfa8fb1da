import net from 'node:net';
import express, { Router } from 'express';
import { loadConfig } from '../../src/config';
import { startWebServer } from '../../src/http/web-server';
import { createLogger } from '../../src/logger';
import { createDb } from '../../src/storage/connection';
import { benchConnectionUrl, schemaUrl } from './bench-db';
import { trackSqlTime } from './sql-timing';

/**
 * Child of webhook.ts: the real server (startWebServer, production config path and pool) on a free loopback
 * port, plus POST /bench/sink, mounted through extraRouters: the same express stack reading the same body
 * and answering 202 without ingesting (the baseline). Prints {"port": n} once listening; SIGTERM stops it.
 */
function freePort(): Promise<number> {
  // loadConfig rejects PORT=0 (it must be > 0), so ask the OS for a free port first.
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function sinkRouter(): Router {
  const router = Router();
  router.post('/bench/sink', express.raw({ type: () => true, limit: 5 * 1024 * 1024 }), (req, res) => {
    res.status(202).json({ bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 });
  });
  return router;
}

async function main(): Promise<void> {
  const [schema, encryptionKey] = process.argv.slice(2);
  const config = loadConfig({
    DATABASE_URL: schemaUrl(schema),
    PORT: String(await freePort()),
    APP_ENCRYPTION_KEY: encryptionKey,
    QUICKCHART_BASE_URL: 'off',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.logLevel, false);
  const db = createDb({ databaseUrl: benchConnectionUrl(schema), schema });
  const sqlTimes = process.env.BENCH_SQL_TIMING ? trackSqlTime(db) : null;
  const server = await startWebServer({ config, db, logger, extraRouters: [sinkRouter()] });
  console.log(JSON.stringify({ port: config.port }));
  process.once('SIGTERM', () => {
    if (sqlTimes) for (const s of sqlTimes()) console.error(`  sql ${s.totalMs.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(5)}  ${s.statement}`);
    server.close();
    server.closeAllConnections();
    void db.destroy().finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
