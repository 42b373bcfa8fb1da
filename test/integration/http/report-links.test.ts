import http from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { CallRecord } from '../../../src/domain/call-record';
import { createRecordingToken } from '../../../src/domain/recording-token';
import { reportPageUrl } from '../../../src/domain/report-page-token';
import { createHttpApp } from '../../../src/http/create-app';
import { recordingFilename, recordingRouter } from '../../../src/http/recording-route';
import { reportPageRouter } from '../../../src/http/report-page-route';
import { storeItems } from '../../../src/ingest/store-items';
import { makeRecordingLinker } from '../../../src/reports/recording-links';
import { ensureDefaultAccount } from '../../../src/storage/accounts';
import { campaignCallsCsv } from '../../../src/adapters/email/report-email';
import { TestDb, createTestDb } from '../../support/test-db';

/**
 * The links the full report page offers: every call as CSV (/reports/<token>.csv) and each recording to
 * save (/r/<token>?download=1), over real HTTP against a real database; the recordings' own server is a
 * local one, which a download reaches only because RECORDING_FETCH_ALLOWED_HOSTS allows it.
 */
const SECRET = 'report-links-test-secret';
const AUDIO = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64 * 1024, 7)]);
const logger = pino({ level: 'silent' });

let t: TestDb;
let app: http.Server;
let unconfigured: http.Server;
let unconfiguredBase: string;
let recordings: http.Server;
let base: string;
let recordingsBase: string;
const recordingRequests: string[] = [];

function call(callId: string, recordingPath: string | null): CallRecord {
  return {
    callId,
    campaignId: 'cmp-links',
    campaignName: 'Links',
    botId: 'bot-links',
    botName: null,
    customerId: `cus-${callId}`,
    phone: '+84901234567',
    attempt: 1,
    startedAt: new Date('2026-11-20T02:00:00Z'),
    answeredAt: new Date('2026-11-20T02:00:05Z'),
    endedAt: new Date('2026-11-20T02:01:00Z'),
    resultCode: 'PAID',
    messages: 3,
    blocks: 1,
    cost: null,
    recordingUrl: recordingPath === null ? null : `${recordingsBase}${recordingPath}`,
  };
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const recordingLink = (callId: string, expiresIn = 3600) =>
  `${base}/r/${createRecordingToken({ accountId: 'default', callId, expiresAt: Math.floor(Date.now() / 1000) + expiresIn }, SECRET)}`;

beforeAll(async () => {
  t = await createTestDb();
  recordings = http.createServer((req, res) => {
    recordingRequests.push(req.url ?? '');
    if (req.url === '/audio/c-1.mp3') res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(AUDIO);
    else if (req.url === '/audio/c-2') res.writeHead(200, { 'content-type': 'audio/wav' }).end('RIFF');
    else res.writeHead(404).end();
  });
  recordingsBase = await listen(recordings);
  await ensureDefaultAccount(t.db, 'Asia/Ho_Chi_Minh');
  const records = [
    call('c-1', '/audio/c-1.mp3'),
    call('c-2', '/audio/c-2'),
    call('c-3', '/audio/gone.mp3'),
    call('c-4', null),
  ];
  await t.db.transaction((trx) =>
    storeItems(
      trx,
      'default',
      records.map((record) => ({ kind: 'call' as const, record })),
      new Date(),
    ),
  );
  const server = http.createServer();
  base = await listen(server);
  const reportDeps = {
    db: t.db,
    recordingLinkFor: makeRecordingLinker({ publicBaseUrl: base, secret: SECRET, ttlSeconds: 3600 }),
  };
  const { recordingFetchAllowList } = loadConfig({ RECORDING_FETCH_ALLOWED_HOSTS: '127.0.0.1' });
  const linkSecrets = { current: SECRET };
  server.on(
    'request',
    createHttpApp(
      [
        recordingRouter({ db: t.db, linkSecrets, fetchAllowList: recordingFetchAllowList }),
        reportPageRouter({ reportDeps, linkSecrets, logger }),
      ],
      logger,
    ),
  );
  app = server;
  // The same links served by a server left at the default: nothing private may be fetched.
  unconfigured = http.createServer(
    createHttpApp([recordingRouter({ db: t.db, linkSecrets: { current: SECRET } })], logger),
  );
  unconfiguredBase = await listen(unconfigured);
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
  await new Promise((resolve) => unconfigured?.close(resolve));
  await new Promise((resolve) => recordings?.close(resolve));
  await t?.drop();
});

describe('the calls CSV of a report page', () => {
  const pageUrl = () => reportPageUrl(base, 'default', 'cmp-links', SECRET, Math.floor(Date.now() / 1000));

  it('is linked from the page and streams every call, the same bytes as the email attachment', async () => {
    const url = pageUrl();
    const page = await (await fetch(url)).text();
    const token = url.split('/reports/')[1];
    expect(page).toContain(`<a href="/reports/${token}.csv" class="button">`);
    const res = await fetch(`${url}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="calls-cmp-links.csv"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const csv = await res.text();
    const strip = (text: string) => text.replace(/\/r\/[A-Za-z0-9_.-]+/g, '/r/<token>');
    expect(strip(csv)).toBe(
      strip(
        await campaignCallsCsv(
          {
            db: t.db,
            recordingLinkFor: makeRecordingLinker({ publicBaseUrl: base, secret: SECRET, ttlSeconds: 3600 }),
          },
          'default',
          'cmp-links',
        ),
      ),
    );
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5); // the header and four calls
    for (const callId of ['c-1', 'c-2', 'c-3', 'c-4']) expect(csv).toMatch(new RegExp(`\\r\\n[^,]+,${callId},`));
  });

  it('refuses forged and expired tokens like the page does', async () => {
    expect((await fetch(`${base}/reports/forged.token.csv`)).status).toBe(404);
    const expired = reportPageUrl(
      base,
      'default',
      'cmp-links',
      SECRET,
      Math.floor(Date.now() / 1000) - 200 * 24 * 3600,
    );
    const res = await fetch(`${expired}.csv`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    const missing = reportPageUrl(base, 'default', 'cmp-nope', SECRET, Math.floor(Date.now() / 1000));
    expect((await fetch(`${missing}.csv`)).status).toBe(404);
  });
});

describe('a recording to download', () => {
  it('comes through whole, as an attachment named after the call', async () => {
    const res = await fetch(`${recordingLink('c-1')}?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="recording-c-1.mp3"');
    expect(Buffer.from(await res.arrayBuffer()).equals(AUDIO)).toBe(true);
  });

  it('takes the extension from the type when the URL has none', async () => {
    const res = await fetch(`${recordingLink('c-2')}?download=1`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="recording-c-2.wav"');
    expect(await res.text()).toBe('RIFF');
  });

  it('without download=1 still redirects to the recording (the player)', async () => {
    const res = await fetch(recordingLink('c-1'), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${recordingsBase}/audio/c-1.mp3`);
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('says what happened when the recording server fails, and checks the token first', async () => {
    const gone = await fetch(`${recordingLink('c-3')}?download=1`);
    expect(gone.status).toBe(502);
    expect(await gone.text()).toContain('answered 404');
    expect((await fetch(`${recordingLink('c-4')}?download=1`)).status).toBe(404);
    const before = recordingRequests.length;
    expect((await fetch(`${recordingLink('c-1', -10)}?download=1`)).status).toBe(410);
    expect((await fetch(`${base}/r/forged.token?download=1`)).status).toBe(404);
    expect(recordingRequests).toHaveLength(before);
  });

  it('is refused, without a request to the recording server, when that server is private and not allowed', async () => {
    const before = recordingRequests.length;
    const res = await fetch(`${recordingLink('c-1').replace(base, unconfiguredBase)}?download=1`);
    expect(res.status).toBe(502);
    expect(await res.text()).toBe(
      "The recording's address is not allowed for downloads through this server; listen to it instead.",
    );
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(recordingRequests).toHaveLength(before);
    const player = await fetch(recordingLink('c-1').replace(base, unconfiguredBase), { redirect: 'manual' });
    expect(player.status).toBe(302);
    expect(player.headers.get('location')).toBe(`${recordingsBase}/audio/c-1.mp3`);
  });

  it('names files safely whatever the call id holds', () => {
    expect(recordingFilename('a/b"c\r\n', 'audio/ogg; codecs=opus', 'https://x.example/r')).toBe(
      'recording-a_b_c_.ogg',
    );
    expect(recordingFilename('c-9', null, 'https://x.example/r/file.WAV?sig=1')).toBe('recording-c-9.wav');
    expect(recordingFilename('c-9', 'application/octet-stream', 'https://x.example/r/file')).toBe('recording-c-9');
  });
});
