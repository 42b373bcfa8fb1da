import http from 'node:http';
import { AddressInfo } from 'node:net';
import { connectorRouter } from '../../../src/http/connector-route';
import { createHttpApp } from '../../../src/http/create-app';
import { MAX_REQUEST_BYTES } from '../../../src/ingest/ingest-request';
import { createLogger } from '../../../src/logger';
import { createDb } from '../../../src/storage/connection';
import { freePort } from '../../support/free-port';
import {
  CONNECTOR_KEY,
  ConnectorServer,
  postTo,
  setUpConnector,
  startConnectorServer,
} from '../../support/connector-server';

let s: ConnectorServer;
beforeAll(async () => {
  s = await startConnectorServer();
});
afterAll(() => s.close());

describe('the connector route', () => {
  it('answers 404 naming the platforms for one it does not know, and 401 for an account without the connector', async () => {
    expect(await postTo(s, '/v1/connectors/zoom/acme', {}, '{}')).toEqual({
      status: 404,
      body: { error: expect.stringContaining('retell, vapi, twilio') },
    });
    expect(await postTo(s, '/v1/connectors/vapi/nobody', {}, '{}')).toEqual({
      status: 401,
      body: { error: expect.stringContaining('npm run cli -- connector vapi') },
    });
  });

  it('answers an account without the connector exactly as a signature made with another secret', async () => {
    await setUpConnector(s.t, 'acme', 'vapi', 'the-right-secret');
    const body = '{"message":{"type":"end-of-call-report"}}';
    const unknown = await postTo(s, '/v1/connectors/vapi/nobody', { authorization: 'Bearer guess' }, body);
    const wrong = await postTo(s, '/v1/connectors/vapi/acme', { authorization: 'Bearer guess' }, body);
    expect(unknown.status).toBe(401);
    expect(wrong).toEqual(unknown);
    const wrongHmac = await postTo(s, '/v1/connectors/vapi/acme', { 'x-vapi-signature': 'ab'.repeat(32) }, body);
    expect(wrongHmac).toEqual(unknown);
  });

  it('answers 413 past 5 MiB before reading the body', async () => {
    const response = await postTo(
      s,
      '/v1/connectors/vapi/nobody',
      { 'content-type': 'application/json' },
      'x'.repeat(MAX_REQUEST_BYTES + 1),
    );
    expect(response.status).toBe(413);
  });

  it('answers 503 with Retry-After when the database is not reachable, so the platform sends again', async () => {
    const port = await freePort();
    const db = createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/test`, poolMax: 1 });
    const logger = createLogger('silent', false);
    const server = http.createServer(
      createHttpApp(
        [connectorRouter({ db, encryptionKey: CONNECTOR_KEY, publicBaseUrl: 'https://x', logger })],
        logger,
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/connectors/retell/acme`,
        { method: 'POST', body: '{}' },
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    }
  });
});
