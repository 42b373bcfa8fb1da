import { randomBytes } from 'node:crypto';
import { signWebhookBody } from '../../src/domain/webhook-signature';
import { TestDb, createTestDb } from '../support/test-db';
import { freePort } from '../support/free-port';
import { TEST_REDIS_URL, clearQueuePrefix, uniquePrefix } from '../integration/delivery/support/delivery-env';
import { buildOnce } from './support/build-once';
import { ServerProcess, runCliProcess, startBuiltServer, untilHealthy } from './support/processes';

/**
 * What ships, as processes: the CLI (`npm run cli`, tsx on the sources) and the built server (`npm start`'s
 * command on dist/) on one PostgreSQL schema, in both orders. A database one of them migrated must be
 * one the other accepts (the migrations are recorded under names without .ts/.js).
 */
jest.setTimeout(180_000);

const CAMPAIGN = 'sys-cmp-1';

function events(prefix: string, count: number): string {
  return JSON.stringify([
    {
      type: 'campaign.started',
      campaign_id: CAMPAIGN,
      bot_id: 'bot-sys',
      campaign_name: 'System test',
      at: '2026-11-20T02:00:00Z',
    },
    ...Array.from({ length: count }, (_, i) => ({
      type: 'call.completed',
      call_id: `${prefix}-${i}`,
      campaign_id: CAMPAIGN,
      bot_id: 'bot-sys',
      customer_id: `cus-${i}`,
      started_at: `2026-11-20T03:00:${String(i).padStart(2, '0')}Z`,
      answered_at: i % 2 === 0 ? `2026-11-20T03:00:${String(i + 5).padStart(2, '0')}Z` : null,
      ended_at: `2026-11-20T03:01:${String(i).padStart(2, '0')}Z`,
      result_code: i % 2 === 0 ? 'PAID' : 'NA',
    })),
  ]);
}

async function postSigned(server: ServerProcess, account: string, secret: string, body: string) {
  const response = await fetch(`${server.base}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-voicebot-account': account,
      'x-voicebot-signature': signWebhookBody(secret, Math.floor(Date.now() / 1000), body),
    },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

interface World {
  t: TestDb;
  env: Record<string, string>;
  queuePrefix: string;
}

async function world(): Promise<World> {
  const t = await createTestDb({ migrated: false });
  const queuePrefix = uniquePrefix('system');
  return {
    t,
    queuePrefix,
    env: {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RECORDING_LINK_SECRET: randomBytes(24).toString('base64'),
      QUICKCHART_BASE_URL: 'off',
      LOG_LEVEL: 'warn',
    },
  };
}

async function cli(w: World, ...args: string[]) {
  const result = await runCliProcess(args, w.env);
  if (result.code !== 0) throw new Error(`npm run cli -- ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

async function newSecret(w: World, account: string): Promise<string> {
  return (await cli(w, 'account', account, '--new-ingest-secret')).trim();
}

async function reportedTotal(w: World, account: string): Promise<number> {
  const report = JSON.parse(await cli(w, 'report', CAMPAIGN, '--account', account, '--json')) as {
    calls: { total: number };
  };
  return report.calls.total;
}

beforeAll(() => buildOnce(), 300_000);

// One world per test: a fresh schema and queue prefix, and the server that may still run.
let w: World;
let server: ServerProcess | undefined;
beforeEach(async () => {
  w = await world();
  server = undefined;
});
afterEach(async () => {
  await server?.stop();
  await clearQueuePrefix(w.queuePrefix);
  await w.t.drop();
});

describe('the CLI first, then the built server', () => {
  it('the server starts on a database the CLI migrated, takes a signed webhook, and the CLI reports it; SIGTERM exits 0', async () => {
    expect(await cli(w, 'migrate')).toMatch(/applied|up to date/);
    const secret = await newSecret(w, 'acme');
    server = startBuiltServer(await freePort(), w.env);
    await untilHealthy(server);

    expect(await postSigned(server, 'acme', 'not-the-secret', events('a', 4))).toMatchObject({ status: 401 });
    expect(await postSigned(server, 'acme', secret, events('a', 4))).toEqual({
      status: 202,
      body: { accepted: 5, duplicates: 0, updated: 0 },
    });
    // The CLI reads what the running server stored, while it runs.
    expect(await reportedTotal(w, 'acme')).toBe(4);
    const list = JSON.parse(await cli(w, 'list', '--account', 'acme', '--json')) as {
      id: string;
      totalCalls: number;
    }[];
    expect(list).toEqual([expect.objectContaining({ id: CAMPAIGN, totalCalls: 4 })]);

    const stopped = await server.stop();
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(stopped.stderr).toBe('');
  });
});

describe('the built server first, then the CLI', () => {
  it('the CLI works on a database the built server migrated, while it runs and after; the server restarts on it', async () => {
    server = startBuiltServer(await freePort(), w.env);
    await untilHealthy(server);
    const health = await fetch(`${server.base}/healthz`);
    expect(health.status).toBe(200);

    const secret = await newSecret(w, 'acme');
    expect(await cli(w, 'migrate')).toContain('up to date');
    expect(await postSigned(server, 'acme', secret, events('b', 6))).toEqual({
      status: 202,
      body: { accepted: 7, duplicates: 0, updated: 0 },
    });
    expect(await reportedTotal(w, 'acme')).toBe(6);
    expect((await server.stop()).code).toBe(0);

    // Started again after the CLI has worked on the database.
    server = startBuiltServer(await freePort(), w.env);
    await untilHealthy(server);
    expect(await postSigned(server, 'acme', secret, events('b', 6))).toEqual({
      status: 202,
      body: { accepted: 0, duplicates: 7, updated: 0 },
    });
    const stopped = await server.stop();
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
  });
});
