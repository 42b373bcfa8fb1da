import http from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config';
import { reportPageUrl } from '../../../src/domain/report-page-token';
import { createHttpApp } from '../../../src/http/create-app';
import { recordingRouter } from '../../../src/http/recording-route';
import { reportPageRouter } from '../../../src/http/report-page-route';
import { createLogger } from '../../../src/logger';
import { linkSecretsOf, makeRecordingLinker } from '../../../src/reports/recording-links';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb } from '../../support/test-db';

/**
 * Rotating the link secret (docs/security.md): links signed with the old secret keep opening while it is
 * RECORDING_LINK_PREVIOUS_SECRET, new links are signed with the new one, and removing the previous secret
 * cuts the old links off, recordings and report pages alike.
 */
const OLD_SECRET = 'old-link-secret-0123456789abcdefghijklmnop';
const NEW_SECRET = 'new-link-secret-0123456789abcdefghijklmnop';
const CALL_WITH_RECORDING = 'call-1-0000003';
const logger = createLogger('silent', false);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadSample(t.db);
});
afterAll(() => t?.drop());

interface Server {
  base: string;
  close(): Promise<void>;
}

/** The link routes of a server started with these variables, as main wires them. */
async function serveLinks(env: Record<string, string>): Promise<Server> {
  const config = loadConfig(env);
  const linkSecrets = linkSecretsOf(config);
  const app = createHttpApp(
    [recordingRouter({ db: t.db, linkSecrets }), reportPageRouter({ reportDeps: { db: t.db }, linkSecrets, logger })],
    logger,
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const recordingLink = (base: string, secret: string) =>
  makeRecordingLinker({ publicBaseUrl: base, secret, ttlSeconds: 3600 })('default', CALL_WITH_RECORDING);
const pageLink = (base: string, secret: string) => reportPageUrl(base, 'default', 'cmp-1-000', secret, nowSeconds());
const statusOf = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;

describe('rotating the link secret', () => {
  it('opens links signed with the current or the previous secret, and no other', async () => {
    const server = await serveLinks({ RECORDING_LINK_SECRET: NEW_SECRET, RECORDING_LINK_PREVIOUS_SECRET: OLD_SECRET });
    try {
      for (const secret of [NEW_SECRET, OLD_SECRET]) {
        const recording = await fetch(recordingLink(server.base, secret), { redirect: 'manual' });
        expect(recording.status).toBe(302);
        expect(recording.headers.get('location')).toBe(`https://recordings.example.com/${CALL_WITH_RECORDING}.mp3`);
        expect(await statusOf(pageLink(server.base, secret))).toBe(200);
      }
      const stranger = 'some-other-secret-0123456789abcdefghijkl';
      expect(await statusOf(recordingLink(server.base, stranger))).toBe(404);
      expect(await statusOf(pageLink(server.base, stranger))).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('signs new links with the current secret only', () => {
    const config = loadConfig({ RECORDING_LINK_SECRET: NEW_SECRET, RECORDING_LINK_PREVIOUS_SECRET: OLD_SECRET });
    expect(linkSecretsOf(config)).toEqual({ current: NEW_SECRET, previous: OLD_SECRET });
    expect(linkSecretsOf(loadConfig({ RECORDING_LINK_SECRET: NEW_SECRET }))).toEqual({ current: NEW_SECRET });
  });

  it('cuts the old links off once the previous secret is removed, and keeps the new ones', async () => {
    const server = await serveLinks({ RECORDING_LINK_SECRET: NEW_SECRET });
    try {
      expect(await statusOf(recordingLink(server.base, OLD_SECRET))).toBe(404);
      expect(await statusOf(pageLink(server.base, OLD_SECRET))).toBe(404);
      expect(await statusOf(recordingLink(server.base, NEW_SECRET))).toBe(302);
      expect(await statusOf(pageLink(server.base, NEW_SECRET))).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses a short previous secret, or one without a current secret, with what to do', () => {
    expect(() => loadConfig({ RECORDING_LINK_SECRET: NEW_SECRET, RECORDING_LINK_PREVIOUS_SECRET: 'short' })).toThrow(
      /RECORDING_LINK_PREVIOUS_SECRET: must be at least 32 characters \(make one with: openssl rand -base64 32\)/,
    );
    expect(() => loadConfig({ RECORDING_LINK_PREVIOUS_SECRET: OLD_SECRET })).toThrow(
      /RECORDING_LINK_PREVIOUS_SECRET: only verifies old links; set RECORDING_LINK_SECRET/,
    );
  });
});
