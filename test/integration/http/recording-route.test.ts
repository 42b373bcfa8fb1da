import http from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createRecordingToken } from '../../../src/domain/recording-token';
import { createHttpApp } from '../../../src/http/create-app';
import { recordingRouter } from '../../../src/http/recording-route';
import { storeItems } from '../../../src/ingest/store-items';
import { TestDb, createTestDb } from '../../support/test-db';

/**
 * A recording passed through as a download (/r/<token>?download=1) is a file from someone else's server: the
 * browser is told not to sniff it, and a type that is not audio (an HTML page, an SVG) goes out as bytes to save.
 */
const SECRET = 'recording-route-test-secret';
const TYPES: Record<string, string | undefined> = {
  'c-mp3': 'audio/mpeg',
  'c-wav': 'audio/wav; codecs=1',
  'c-html': 'text/html; charset=utf-8',
  'c-svg': 'image/svg+xml',
  'c-js': 'application/javascript',
  'c-odd': 'audio/mpeg<script>',
  'c-none': undefined,
};

let t: TestDb;
let app: http.Server;
let recordings: http.Server;
let base: string;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await createTestDb();
  recordings = http.createServer((req, res) => {
    const type = TYPES[(req.url ?? '').slice(1)];
    res.writeHead(200, type === undefined ? {} : { 'content-type': type }).end('<html><script>alert(1)</script>');
  });
  const recordingsBase = await listen(recordings);
  const records = Object.keys(TYPES).map((callId) => ({
    kind: 'call' as const,
    record: {
      callId,
      campaignId: 'cmp-rec',
      campaignName: null,
      botId: 'bot-rec',
      botName: null,
      customerId: `cus-${callId}`,
      phone: null,
      attempt: 1,
      startedAt: new Date('2026-11-20T02:00:00Z'),
      answeredAt: new Date('2026-11-20T02:00:05Z'),
      endedAt: new Date('2026-11-20T02:01:00Z'),
      resultCode: 'PAID',
      messages: null,
      blocks: null,
      cost: null,
      recordingUrl: `${recordingsBase}/${callId}`,
    },
  }));
  await t.db.transaction((trx) => storeItems(trx, 'default', records, new Date()));
  const { recordingFetchAllowList } = loadConfig({ RECORDING_FETCH_ALLOWED_HOSTS: '127.0.0.1' });
  const logger = pino({ level: 'silent' });
  app = http.createServer(
    createHttpApp(
      [recordingRouter({ db: t.db, linkSecrets: { current: SECRET }, fetchAllowList: recordingFetchAllowList })],
      logger,
    ),
  );
  base = await listen(app);
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
  await new Promise((resolve) => recordings?.close(resolve));
  await t?.drop();
});

const download = (callId: string) =>
  fetch(
    `${base}/r/${createRecordingToken({ accountId: 'default', callId, expiresAt: Math.floor(Date.now() / 1000) + 600 }, SECRET)}?download=1`,
  );

describe('a recording downloaded through /r/<token>?download=1', () => {
  it.each([
    ['c-mp3', 'audio/mpeg'],
    ['c-wav', 'audio/wav; codecs=1'],
    ['c-html', 'application/octet-stream'],
    ['c-svg', 'application/octet-stream'],
    ['c-js', 'application/octet-stream'],
    ['c-odd', 'application/octet-stream'],
    ['c-none', 'application/octet-stream'],
  ])('%s goes out as %s, with nosniff and as an attachment', async (callId, type) => {
    const res = await download(callId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="recording-c-[a-z0-9]+(\.[a-z0-9]+)?"$/,
    );
    expect(await res.text()).toBe('<html><script>alert(1)</script>');
  });
});
