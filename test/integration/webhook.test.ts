import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Express } from 'express';
import { createHttpApp } from '../../src/http/create-app';
import { healthRouter } from '../../src/http/health-route';
import { recordingRouter } from '../../src/http/recording-route';
import { webhookRouter } from '../../src/http/webhook-route';
import { createLogger } from '../../src/logger';
import { encryptSecret } from '../../src/domain/secret-box';
import { signWebhookBody } from '../../src/domain/webhook-signature';
import { makeRecordingLinker } from '../../src/reports/recording-links';
import { upsertAccount } from '../../src/storage/accounts';
import { loadCampaignReport } from '../../src/reports/campaign-report';
import { TestDb, createTestDb } from '../support/test-db';

const KEY = Buffer.alloc(32, 3);
const SECRET = 'the-ingest-secret';
const LINK_SECRET = 'link-secret';
let t: TestDb;
let server: http.Server;
let base: string;
let clock = new Date('2026-11-26T08:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, 'acme', { ingestSecretSealed: encryptSecret(SECRET, KEY) }, 'Asia/Ho_Chi_Minh');
  await upsertAccount(t.db, 'other', { ingestSecretSealed: encryptSecret('other-secret', KEY) }, 'UTC');
  const logger = createLogger('silent', false);
  const app: Express = createHttpApp(
    [
      healthRouter(t.db),
      webhookRouter({ db: t.db, encryptionKey: KEY, logger, now: () => clock }),
      recordingRouter({ db: t.db, linkSecrets: { current: LINK_SECRET }, now: () => clock }),
    ],
    logger,
  );
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

function call(id: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'call.completed',
    call_id: id,
    campaign_id: 'wh-1',
    campaign_name: '<!channel> <b>bold</b>',
    bot_id: 'bot-w',
    customer_id: `cus-${id}`,
    phone: '+84901234567',
    started_at: '2026-11-20T03:00:00Z',
    answered_at: '2026-11-20T03:00:05Z',
    ended_at: '2026-11-20T03:01:05Z',
    result_code: 'paid',
    recording_url: `https://storage.example.com/secret/${id}.mp3`,
    ...overrides,
  };
}

async function post(
  body: string | Buffer,
  options: { account?: string; secret?: string; t?: number; type?: string; signature?: string } = {},
) {
  const ts = options.t ?? Math.floor(clock.getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.type ?? 'application/json',
    'x-voicebot-account': options.account ?? 'acme',
    'x-voicebot-signature': options.signature ?? signWebhookBody(options.secret ?? SECRET, ts, body),
  };
  const response = await fetch(`${base}/v1/events`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const callCount = async () => Number((await t.db('calls').count<{ count: string }[]>('* as count'))[0].count);

describe('POST /v1/events', () => {
  it('stores a signed JSON array and answers 202 with counts', async () => {
    const body = JSON.stringify([call('w1'), call('w2', { result_code: 'NA', answered_at: null })]);
    expect(await post(body)).toEqual({ status: 202, body: { accepted: 2, duplicates: 0, updated: 0 } });
    const report = await loadCampaignReport({ db: t.db }, 'acme', 'wh-1');
    expect(report.overview.calls).toMatchObject({ total: 2, successful: 1, noAnswer: 1 });
  });

  it('takes NDJSON and counts duplicates and corrections', async () => {
    const body = [
      call('w1'),
      call('w2', { result_code: 'BS', answered_at: null }),
      {
        type: 'campaign.completed',
        campaign_id: 'wh-1',
        bot_id: 'bot-w',
        customers_total: 5,
        at: '2026-11-20T04:00:00Z',
      },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    expect(await post(body, { type: 'application/x-ndjson' })).toEqual({
      status: 202,
      body: { accepted: 1, duplicates: 1, updated: 1 },
    });
  });

  it('refuses a forged signature, another account’s secret, a stale and a future timestamp with 401, storing nothing', async () => {
    const before = await callCount();
    const body = JSON.stringify([call('w9')]);
    const now = Math.floor(clock.getTime() / 1000);
    expect((await post(body, { secret: 'guess' })).status).toBe(401);
    expect((await post(body, { secret: 'other-secret' })).status).toBe(401);
    expect((await post(body, { t: now - 301 })).status).toBe(401);
    expect((await post(body, { t: now + 301 })).status).toBe(401);
    expect((await post(body, { signature: 'garbage' })).status).toBe(401);
    expect((await post(body, { account: 'nobody' })).status).toBe(401);
    expect(await callCount()).toBe(before);
  });

  it('answers 400 with every problem by index and field, storing nothing', async () => {
    const before = await callCount();
    const body = JSON.stringify([call('w10'), call('w11', { started_at: 'yesterday' }), { type: 'nope' }]);
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { index: 1, field: 'started_at', message: expect.stringContaining('ISO 8601') },
      { index: 2, field: 'type', message: expect.stringContaining('call.completed') },
    ]);
    expect(await callCount()).toBe(before);
    expect((await post('{not json')).status).toBe(400);
  });

  it('answers 413 past 10,000 events and past 5 MiB, storing nothing', async () => {
    const before = await callCount();
    const many = JSON.stringify(
      Array.from({ length: 10_001 }, (_, i) => ({
        type: 'campaign.started',
        campaign_id: `c${i}`,
        bot_id: 'b',
        at: '2026-11-20T03:00:00Z',
      })),
    );
    expect((await post(many)).status).toBe(413);
    const huge = Buffer.alloc(5 * 1024 * 1024 + 10, 32);
    expect((await post(huge)).status).toBe(413);
    expect(await callCount()).toBe(before);
  });

  it('stops reading a chunked body at the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-voicebot-account': 'acme',
          'x-voicebot-signature': signWebhookBody(SECRET, Math.floor(clock.getTime() / 1000), 'not this body'),
        },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 32);
      let sent = 0;
      const pump = () => {
        while (sent < 7 && req.write(chunk)) sent += 1;
        if (sent < 7)
          req.once('drain', () => {
            sent += 1;
            pump();
          });
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });
});

describe('GET /r/<token>', () => {
  const link = (now: Date) =>
    makeRecordingLinker({ publicBaseUrl: base, secret: LINK_SECRET, ttlSeconds: 60, now: () => now })('acme', 'w1');

  it('redirects to the stored recording while valid', async () => {
    const response = await fetch(link(clock), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://storage.example.com/secret/w1.mp3');
  });

  it('is gone (410) after it expires', async () => {
    const old = link(new Date(clock.getTime() - 61_000));
    expect((await fetch(old, { redirect: 'manual' })).status).toBe(410);
  });

  it('is not found (404) when forged or for another account’s call', async () => {
    const forged = makeRecordingLinker({ publicBaseUrl: base, secret: 'guess', ttlSeconds: 60, now: () => clock })(
      'acme',
      'w1',
    );
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(404);
    const otherAccount = makeRecordingLinker({
      publicBaseUrl: base,
      secret: LINK_SECRET,
      ttlSeconds: 60,
      now: () => clock,
    })('other', 'w1');
    expect((await fetch(otherAccount, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('GET /healthz', () => {
  it('says the database answers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'ok' });
  });
});

afterEach(() => {
  clock = new Date('2026-11-26T08:00:00Z');
});
