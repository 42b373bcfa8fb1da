import { randomBytes } from 'node:crypto';
import { TestDb, createTestDb } from '../support/test-db';
import { freePort } from '../support/free-port';
import net from 'node:net';
import { TEST_REDIS_URL, clearQueuePrefix, uniquePrefix } from '../integration/delivery/support/delivery-env';
import { buildOnce } from './support/build-once';
import { runCliProcess, startBuiltServer } from './support/processes';

/** The built server and the CLI, started against services that do not answer: one line saying which and where. */
jest.setTimeout(120_000);

let t: TestDb;
beforeAll(async () => {
  await buildOnce();
  t = await createTestDb({ migrated: false });
}, 300_000);
afterAll(() => t.drop());

const base = () => ({ QUEUE_PREFIX: uniquePrefix('startup'), LOG_LEVEL: 'warn', QUICKCHART_BASE_URL: 'off' });

describe('the built server cannot start', () => {
  it('without PostgreSQL: one line naming it and where, exit 1', async () => {
    const closed = await freePort();
    const server = startBuiltServer(await freePort(), {
      ...base(),
      DATABASE_URL: `postgres://postgres:pw@127.0.0.1:${closed}/test`,
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    const result = await server.finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `campaign-report cannot start: cannot reach PostgreSQL at 127.0.0.1:${closed} (ECONNREFUSED): start it, or set DATABASE_URL to one that answers\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('without Redis: one line naming it and where, exit 1', async () => {
    const closed = await freePort();
    const server = startBuiltServer(await freePort(), {
      ...base(),
      DATABASE_URL: t.url,
      REDIS_URL: `redis://127.0.0.1:${closed}`,
    });
    const result = await server.finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `campaign-report cannot start: cannot reach Redis at 127.0.0.1:${closed} (ECONNREFUSED): start it, or set REDIS_URL to one that answers (ROLE=web runs without it)\n`,
    );
  });

  it('on a port in use: one line naming it, exit 1', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const { port } = taken.address() as net.AddressInfo;
    const settings = base();
    try {
      const result = await startBuiltServer(port, { ...settings, DATABASE_URL: t.url, REDIS_URL: TEST_REDIS_URL })
        .finished;
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `campaign-report cannot start: port ${port} is already in use: stop what listens there, or set PORT to a free one\n`,
      );
    } finally {
      taken.close();
      await clearQueuePrefix(settings.QUEUE_PREFIX);
    }
  });

  it('with a configuration problem: one line, exit 2', async () => {
    const server = startBuiltServer(await freePort(), {
      ...base(),
      DATABASE_URL: t.url,
      RECORDING_LINK_SECRET: randomBytes(8).toString('hex'),
    });
    const result = await server.finished;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^configuration: RECORDING_LINK_SECRET: must be at least 32 characters[^\n]*\n$/);
  });
});

describe('npm run cli without PostgreSQL', () => {
  it('says so in one line and exits 1', async () => {
    const closed = await freePort();
    const result = await runCliProcess(['list'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/test` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${closed} (ECONNREFUSED): start it, or set DATABASE_URL to one that answers\n`,
    );
  });
});
