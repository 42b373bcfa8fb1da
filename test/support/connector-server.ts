import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { connectorRouter } from '../../src/http/connector-route';
import { createHttpApp } from '../../src/http/create-app';
import { webhookRouter } from '../../src/http/webhook-route';
import { encryptSecret } from '../../src/domain/secret-box';
import { createLogger } from '../../src/logger';
import { upsertAccount } from '../../src/storage/accounts';
import { saveConnectorSettings } from '../../src/storage/connectors';
import { TestDb, createTestDb } from './test-db';

export const CONNECTOR_KEY = Buffer.alloc(32, 7);

export interface ConnectorServer {
  t: TestDb;
  /** http://127.0.0.1:<port> */
  base: string;
  /** What PUBLIC_BASE_URL says: the address the platforms call, in front of a proxy. */
  publicBaseUrl: string;
  /** The server's clock; undefined follows the real one. */
  clock: { now: Date | undefined };
  ingestedAccounts: string[];
  close(): Promise<void>;
  callCount(): Promise<number>;
}

/** A real HTTP server with the connector and /v1/events routes over a fresh PostgreSQL schema (its log silent unless given one). */
export async function startConnectorServer(options: { logger?: Logger } = {}): Promise<ConnectorServer> {
  const t = await createTestDb();
  const clock: { now: Date | undefined } = { now: undefined };
  const ingestedAccounts: string[] = [];
  const logger = options.logger ?? createLogger('silent', false);
  const publicBaseUrl = 'https://bot.example.com';
  const now = () => clock.now ?? new Date();
  const app = createHttpApp(
    [
      webhookRouter({ db: t.db, encryptionKey: CONNECTOR_KEY, logger, now }),
      connectorRouter({
        db: t.db,
        encryptionKey: CONNECTOR_KEY,
        publicBaseUrl,
        logger,
        now,
        onIngested: (id) => ingestedAccounts.push(id),
      }),
    ],
    logger,
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    t,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publicBaseUrl,
    clock,
    ingestedAccounts,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await t.drop();
    },
    async callCount() {
      return Number((await t.db('calls').count<{ count: string }[]>('* as count'))[0].count);
    },
  };
}

export async function setUpConnector(
  t: TestDb,
  accountId: string,
  platform: string,
  secret: string,
  outcomeField: string | null = null,
): Promise<void> {
  await upsertAccount(t.db, accountId, {}, 'Asia/Ho_Chi_Minh');
  await saveConnectorSettings(t.db, accountId, platform, {
    secretSealed: encryptSecret(secret, CONNECTOR_KEY),
    outcomeField,
  });
}

/** POSTs to the server and reads the answer: its status and its JSON body (null when empty, as with 204). */
export async function postTo(s: ConnectorServer, path: string, headers: Record<string, string>, body: string) {
  const response = await fetch(`${s.base}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
