import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createDb, migrateLatest } from './storage/connection';
import { ensureDefaultAccount } from './storage/accounts';
import { startWebServer } from './http/web-server';

/** Composition root: reads configuration, opens the database, and starts the roles ROLE asks for. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = createDb({ databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  await migrateLatest(db);
  await ensureDefaultAccount(db, config.defaultTimeZone);

  const stops: (() => Promise<void>)[] = [];
  if (config.role === 'all' || config.role === 'web') {
    const server = await startWebServer({ config, db, logger });
    stops.push(() => closeServer(server));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 30_000);
    deadline.unref();
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

void main();
