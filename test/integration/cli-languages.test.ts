import { runCli } from '../../src/cli/run-cli';
import { captureOutput } from '../support/captured-output';
import { TestDb, createTestDb } from '../support/test-db';
import { callEvents, ingestEvents } from './delivery/support/delivery-env';

/** `account --locale` picks the language of the CLI's tables and CSV; English is the default. */
let t: TestDb;
const output = captureOutput();

beforeAll(async () => {
  t = await createTestDb();
  await ingestEvents(t.db, 'default', callEvents({ campaignId: 'cmp-vi', botId: 'bot-debt', calls: 3 }));
});
afterAll(() => t.drop());

const cli = (...argv: string[]) => runCli(argv, { DATABASE_URL: t.url });
const reset = () => {
  output.stdout = '';
  output.stderr = '';
};

describe('the CLI in the account language', () => {
  it('writes English by default, Vietnamese once the account says vi, and English again after en', async () => {
    expect(await cli('report', 'cmp-vi')).toBe(0);
    expect(output.stdout).toMatch(/^Campaign report: /);
    expect(output.stdout).toContain('Total calls');

    reset();
    expect(await cli('account', 'default', '--locale', 'vi')).toBe(0);
    expect(output.stdout).toContain('locale vi');
    reset();
    expect(await cli('report', 'cmp-vi')).toBe(0);
    expect(output.stdout).toMatch(/^Báo cáo chiến dịch: /);
    expect(output.stdout).toMatch(/^  Tổng số cuộc gọi +3 /m);
    expect(output.stdout).not.toContain('Total calls');
    reset();
    expect(await cli('calls', 'cmp-vi', '--csv')).toBe(0);
    expect(output.stdout.split('\r\n')[0]).toMatch(
      /^Bắt đầu lúc \(.+\),Mã cuộc gọi,.*,started_at,status,call_duration_ms,dialing_duration_ms$/,
    );
    reset();
    expect(await cli('list')).toBe(0);
    expect(output.stdout).toMatch(/^Chiến dịch\n/);

    reset();
    expect(await cli('account', 'default', '--locale', 'en-US')).toBe(0);
    reset();
    expect(await cli('list')).toBe(0);
    expect(output.stdout).toMatch(/^Campaigns\n/);
  });
});
