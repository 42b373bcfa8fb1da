import { runCli } from '../../src/cli/run-cli';
import { RECORDING_LINKS_OFF } from '../../src/domain/report-model';
import { captureOutput } from '../support/captured-output';
import { freePort } from '../support/free-port';
import { TestDb, createTestDb } from '../support/test-db';
import { callEvents, ingestEvents } from './delivery/support/delivery-env';

/** What the CLI says instead of failing silently: recordings it cannot link, a database it cannot reach. */
let t: TestDb;
const output = captureOutput();

beforeAll(async () => {
  t = await createTestDb();
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'with-recordings', calls: 6 }));
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'unanswered', calls: 1, from: 1 }));
});
afterAll(() => t.drop());

describe('recordings without a link secret', () => {
  it.each([[[]], [['--json']], [['--csv']]])('calls %j says on stderr why no recording is linked', async (flags) => {
    expect(await runCli(['calls', 'with-recordings', ...flags], { DATABASE_URL: t.url })).toBe(0);
    expect(output.stderr).toBe(`${RECORDING_LINKS_OFF}\n`);
    expect(output.stdout).not.toContain('/r/');
  });

  it('the table carries the same words as a footnote', async () => {
    expect(await runCli(['calls', 'with-recordings'], { DATABASE_URL: t.url })).toBe(0);
    expect(output.stdout.trimEnd().split('\n').at(-1)).toBe(RECORDING_LINKS_OFF);
  });

  it('says nothing when the secret is set, or when no call has a recording', async () => {
    expect(
      await runCli(['calls', 'with-recordings'], { DATABASE_URL: t.url, RECORDING_LINK_SECRET: 's'.repeat(32) }),
    ).toBe(0);
    expect(output.stdout).toContain('/r/');
    expect(await runCli(['calls', 'unanswered'], { DATABASE_URL: t.url })).toBe(0);
    expect(output.stderr).toBe('');
    expect(output.stdout).not.toContain(RECORDING_LINKS_OFF);
  });
});

describe('failures in one line', () => {
  it('a PostgreSQL that does not answer: which and where, exit 1, no stack trace', async () => {
    const port = await freePort();
    expect(await runCli(['list'], { DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${port}/test` })).toBe(1);
    expect(output.stderr).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): start it, or set DATABASE_URL to one that answers\n`,
    );
  });

  it('a database that does not exist', async () => {
    expect(await runCli(['list'], { DATABASE_URL: t.url.replace('/test?', '/no_such_database_here?') })).toBe(1);
    expect(output.stderr).toMatch(
      /^PostgreSQL at [^ ]+ refused the connection \(the database does not exist\): check DATABASE_URL\n$/,
    );
  });

  it('a configuration problem: one line, exit 2', async () => {
    expect(await runCli(['list'], { DATABASE_URL: t.url, RECORDING_LINK_SECRET: 'short', PORT: 'eighty' })).toBe(2);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
    expect(output.stderr).toContain('RECORDING_LINK_SECRET: must be at least 32 characters');
    expect(output.stderr).toContain('PORT');
  });
});
