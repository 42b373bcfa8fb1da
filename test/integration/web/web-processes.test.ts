import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { upsertAccount } from '../../../src/storage/accounts';
import { TestDb, createTestDb } from '../../support/test-db';
import { freePort } from '../../support/free-port';

/**
 * The program with WEB_CONCURRENCY=2, as a real process tree (run by tsx, as `npm run dev` does): it
 * forks two web processes that share the port.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const KEY = randomBytes(32);
const SECRET = 'web-processes-secret';
const MAIN = path.join(ROOT, 'src', 'main.ts');

let t: TestDb;
let primary: ChildProcess;
let base: string;

/** The web processes: children of pid, from /proc, that run the program (tsx may also start an esbuild service). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        return parent === pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(MAIN);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// A time limit on every request: a pooled connection to the process that was killed must not hang a probe.
const healthy = async () => {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200 ? true : undefined;
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, 'acme', { ingestSecretSealed: encryptSecret(SECRET, KEY) }, 'Asia/Ho_Chi_Minh');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  primary = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: t.url,
      PORT: String(port),
      ROLE: 'web',
      WEB_CONCURRENCY: '2',
      APP_ENCRYPTION_KEY: KEY.toString('base64'),
      QUICKCHART_BASE_URL: 'off',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // /healthz answers once one copy listens; a copy killed before it listens stops the primary's start, so
  // the tests begin when the primary says that both listen.
  let allListening = false;
  createInterface({ input: primary.stdout as Readable }).on('line', (line) => {
    if (line.includes('"msg":"web processes listening"')) allListening = true;
  });
  await until('both web processes to listen', () => (allListening ? true : undefined), 60_000);
  await until('the web processes to answer /healthz', healthy, 30_000);
}, 120_000);

afterAll(async () => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  for (const pid of childrenOf(primary.pid ?? -1)) process.kill(pid, 'SIGKILL');
  await t.drop();
});

describe('WEB_CONCURRENCY=2', () => {
  it('serves the port from two forked processes, which ingest signed batches', async () => {
    expect(childrenOf(primary.pid as number)).toHaveLength(2);
    const ts = Math.floor(Date.now() / 1000);
    for (let batch = 0; batch < 6; batch += 1) {
      const body = JSON.stringify(
        Array.from({ length: 50 }, (_, i) => ({
          type: 'call.completed',
          call_id: `wp-${batch}-${i}`,
          campaign_id: 'wp-1',
          bot_id: 'bot-wp',
          customer_id: `cus-${i}`,
          started_at: '2026-11-20T03:00:00Z',
          ended_at: '2026-11-20T03:00:20Z',
          result_code: 'NA',
        })),
      );
      const response = await fetch(`${base}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-voicebot-account': 'acme',
          'x-voicebot-signature': signWebhookBody(SECRET, ts, body),
        },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 202,
        body: { accepted: 50, duplicates: 0, updated: 0 },
      });
    }
    expect(Number((await t.db('calls').count<{ count: string }[]>('* as count'))[0].count)).toBe(300);
  });

  it('replaces a web process that dies, and keeps answering', async () => {
    const [victim, survivor] = childrenOf(primary.pid as number);
    process.kill(victim, 'SIGKILL');
    const replaced = await until('a replacement process', () => {
      const now = childrenOf(primary.pid as number);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    });
    expect(replaced).toContain(survivor);
    await until('/healthz after the replacement', healthy);
  });

  it('SIGTERM stops the primary and every web process', async () => {
    const children = childrenOf(primary.pid as number);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the web processes to exit', () => (children.some(alive) ? undefined : true), 10_000);
  });
});
