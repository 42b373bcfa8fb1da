import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Router } from 'express';
import pino from 'pino';
import { createHttpApp } from '../../../src/http/create-app';

/** What the app answers on its own (a path Express cannot decode): short, whatever the request sent. */
describe('createHttpApp', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const router = Router();
    router.get('/r/:token', (_req, res) => void res.json({ ok: true }));
    server = http.createServer(createHttpApp([router], pino({ level: 'silent' })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('cuts what it echoes of a path it cannot decode', async () => {
    const response = await fetch(`${base}/r/%ZZ${'x'.repeat(10_000)}`);
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(300);
    expect(JSON.parse(text).error).toMatch(/^Failed to decode param '%ZZx+\.\.\.$/);
  });
});
