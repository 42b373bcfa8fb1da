import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { createHttpApp } from '../../../src/http/create-app';
import { webhookRouter } from '../../../src/http/webhook-route';
import { createLogger } from '../../../src/logger';
import { encryptSecret } from '../../../src/domain/secret-box';
import { upsertAccount } from '../../../src/storage/accounts';
import { Db, createDb } from '../../../src/storage/connection';
import { freePort } from '../../support/free-port';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import { ACCOUNT, SECRET, callEvent, postEvents, storedFingerprint } from './support/webhook-server';

/**
 * PostgreSQL away, without stopping the shared one: a server pointed at a port where nothing listens, and
 * one that reaches PostgreSQL through a local TCP proxy that cuts its connections in the middle of a
 * request. Both answer 503 with Retry-After (senders retry it), never 500, and store nothing.
 */
const KEY = Buffer.alloc(32, 5);
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, ACCOUNT, { ingestSecretSealed: encryptSecret(SECRET, KEY) }, 'UTC');
});
afterAll(async () => {
  await t.drop();
});

async function serveWebhook(db: Db): Promise<{ base: string; close(): Promise<void> }> {
  const logger = createLogger('silent', false);
  const server = http.createServer(createHttpApp([webhookRouter({ db, encryptionKey: KEY, logger })], logger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Forwards to PostgreSQL; while `cutAt` is set, a client's connection is cut when it sends a statement holding it. */
async function startCuttingProxy(): Promise<{
  port: number;
  cutAt: string | null;
  cuts: number;
  close(): Promise<void>;
}> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<net.Socket>();
  const proxy = {
    port: 0,
    cutAt: null as string | null,
    cuts: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (proxy.cutAt && chunk.includes(proxy.cutAt)) {
        proxy.cuts += 1;
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

describe('the webhook while PostgreSQL is away', () => {
  it('answers 503 with Retry-After when nothing listens where the database should be', async () => {
    const port = await freePort();
    const db = createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/test`, schema: t.schema });
    const server = await serveWebhook(db);
    try {
      const answer = await postEvents(server.base, JSON.stringify([callEvent('down-1')]));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(JSON.parse(answer.text).error).toContain('send the same request again');
    } finally {
      await server.close();
      await db.destroy();
    }
  });

  it('answers 503 when the connection is terminated in the middle of storing, stores nothing, and takes the same request afterwards', async () => {
    const proxy = await startCuttingProxy();
    const db = createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/test`, schema: t.schema });
    const server = await serveWebhook(db);
    try {
      const before = await storedFingerprint(t);
      const body = JSON.stringify([callEvent('down-2'), callEvent('down-3')]);
      const ts = Math.floor(Date.now() / 1000);
      proxy.cutAt = 'pg_advisory_xact_lock'; // the first statement after the signature's claim
      const answer = await postEvents(server.base, body, { t: ts });
      expect(proxy.cuts).toBe(1);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await storedFingerprint(t)).toBe(before);

      proxy.cutAt = null;
      const again = await postEvents(server.base, body, { t: ts });
      expect(again.status).toBe(202);
      expect(JSON.parse(again.text)).toEqual({ accepted: 2, duplicates: 0, updated: 0 });
    } finally {
      await server.close();
      await db.destroy();
      await proxy.close();
    }
  });
});
