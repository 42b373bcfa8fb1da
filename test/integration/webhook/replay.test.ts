import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createHttpApp } from '../../../src/http/create-app';
import { webhookRouter } from '../../../src/http/webhook-route';
import { createLogger } from '../../../src/logger';
import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { upsertAccount } from '../../../src/storage/accounts';
import { purgeSignedRequests } from '../../../src/storage/signed-requests';
import { TestDb, createTestDb } from '../../support/test-db';
import { ACCOUNT, SECRET, callEvent, postEvents } from './support/webhook-server';

/**
 * A signed request replayed within its 300 s window changes nothing, whichever web process it reaches:
 * the signature is claimed in PostgreSQL in the transaction that applies the request.
 */
const KEY = Buffer.alloc(32, 9);
let t: TestDb;
let clock = new Date('2026-11-26T08:00:00Z');
const servers: http.Server[] = [];
const bases: string[] = [];

/** Two web processes' routers (each with its own memory), one database. */
beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, ACCOUNT, { ingestSecretSealed: encryptSecret(SECRET, KEY) }, 'UTC');
  for (let i = 0; i < 2; i += 1) {
    const logger = createLogger('silent', false);
    const server = http.createServer(
      createHttpApp([webhookRouter({ db: t.db, encryptionKey: KEY, logger, now: () => clock })], logger),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

const nowSeconds = () => Math.floor(clock.getTime() / 1000);
const statusOf = async (callId: string) =>
  (await t.db('calls').where({ call_id: callId }).first())?.result_code as string | undefined;

describe('replayed webhook requests', () => {
  it('a replay of the first batch after a correction leaves the correction in place', async () => {
    const first = JSON.stringify([callEvent('r1', { result_code: 'paid' })]);
    const firstSignature = signWebhookBody(SECRET, nowSeconds(), first);
    expect(JSON.parse((await postEvents(bases[0], first, { signature: firstSignature })).text)).toEqual({
      accepted: 1,
      duplicates: 0,
      updated: 0,
    });

    clock = new Date(clock.getTime() + 10_000);
    const correction = JSON.stringify([callEvent('r1', { result_code: 'NA', answered_at: null })]);
    expect(JSON.parse((await postEvents(bases[0], correction, { t: nowSeconds() })).text)).toEqual({
      accepted: 0,
      duplicates: 0,
      updated: 1,
    });

    clock = new Date(clock.getTime() + 60_000);
    for (const base of bases) {
      const replay = await postEvents(base, first, { signature: firstSignature });
      expect(replay.status).toBe(202);
      expect(JSON.parse(replay.text)).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
    }
    expect(await statusOf('r1')).toBe('NA');
  });

  it('the same signed request reaching two web processes at once is applied once', async () => {
    const body = JSON.stringify([callEvent('r2'), callEvent('r3')]);
    const signature = signWebhookBody(SECRET, nowSeconds(), body);
    const answers = await Promise.all(bases.map((base) => postEvents(base, body, { signature })));
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    const counts = answers.map((a) => JSON.parse(a.text) as { accepted: number; duplicates: number });
    expect(counts.map((c) => c.accepted).sort()).toEqual([0, 2]);
    expect(counts.map((c) => c.duplicates).sort()).toEqual([0, 2]);
  });

  it('a refused request does not use up its signature: sent again once the account can take it, it is applied', async () => {
    const body = JSON.stringify([callEvent('r4')]);
    const signature = signWebhookBody(SECRET, nowSeconds(), body);
    expect((await postEvents(bases[0], body, { signature, type: 'text/plain' })).status).toBe(400);
    expect(JSON.parse((await postEvents(bases[1], body, { signature })).text)).toEqual({
      accepted: 1,
      duplicates: 0,
      updated: 0,
    });
  });

  it('keeps a signature until its window has passed, and then a replay is refused as stale', async () => {
    const body = JSON.stringify([callEvent('r5')]);
    const signature = signWebhookBody(SECRET, nowSeconds(), body);
    expect((await postEvents(bases[0], body, { signature })).status).toBe(202);
    expect(await purgeSignedRequests(t.db, new Date(clock.getTime() + 300_000))).toBe(0);
    clock = new Date(clock.getTime() + 301_000);
    expect((await postEvents(bases[0], body, { signature })).status).toBe(401);
    expect(await purgeSignedRequests(t.db, new Date(clock.getTime() + 10 * 60_000))).toBeGreaterThan(0);
  });
});
