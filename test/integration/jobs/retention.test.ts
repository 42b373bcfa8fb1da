import fs from 'node:fs';
import { Queue } from 'bullmq';
import { runDailyRetention } from '../../../src/jobs/retention';
import { RETENTION_PATTERN, RETENTION_SCHEDULER_ID } from '../../../src/jobs/queues';
import { captureOutput } from '../../support/captured-output';
import { TEST_REDIS_URL } from '../delivery/support/delivery-env';
import {
  ACCOUNT,
  PersonalDataWorld,
  TARGET_ID,
  TARGET_PHONE_CORE,
  TARGET_RECORDINGS,
  buildPersonalDataWorld,
  cliOutput,
  dumpRedis,
  dumpSchema,
  everyReportJson,
  postWebhook,
  webhookCall,
} from './support/personal-data-world';

let w: PersonalDataWorld;
const output = captureOutput();
const DAY_MS = 86_400_000;
const RECENT_PHONE = '+84911112222';

beforeAll(async () => {
  w = await buildPersonalDataWorld('retention');
  // A call that ended an hour ago: within any period, it keeps its phone and recording.
  const ended = new Date(Date.now() - 3_600_000);
  await postWebhook(
    w,
    JSON.stringify([
      webhookCall('wh-recent', 'other', {
        customer_id: 'cus-recent',
        phone: RECENT_PHONE,
        started_at: new Date(ended.getTime() - 60_000).toISOString(),
        answered_at: new Date(ended.getTime() - 55_000).toISOString(),
        ended_at: ended.toISOString(),
        recording_url: 'https://rec-recent.example.com/v/wh-recent.mp3',
      }),
    ]),
  );
}, 60_000);
afterAll(() => w?.close());

/** Whole days since the fixture's calls ended (20 Nov 2026), less one: every one of them is past the period. */
const days = String(Math.max(1, Math.floor((Date.now() - Date.parse('2026-11-21T00:00:00Z')) / DAY_MS)));
const EXPIRED = [TARGET_PHONE_CORE, '987654321', TARGET_RECORDINGS, 'rec-other.example.com'];
const found = (text: string) => EXPIRED.filter((needle) => text.includes(needle));

describe('retention (docs/security.md "Personal data")', () => {
  it('refuses a negative or non-numeric period and an unknown account with one line, exit 2, nothing changed', async () => {
    for (const argv of [
      ['account', ACCOUNT, '--retain-personal-days', '-5'],
      ['account', ACCOUNT, '--retain-personal-days', 'ten'],
      ['account', ACCOUNT, '--retain-personal-days', '0'],
      ['retention', '--account', 'no-such-account'],
    ]) {
      const { code, stderr } = await cliOutput(w, output, ...argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await w.h.t.db('accounts').where({ id: ACCOUNT }).first('retain_personal_days')).toEqual({
      retain_personal_days: null,
    });
  });

  it('changes nothing while the account keeps personal data', async () => {
    const { code, stdout } = await cliOutput(w, output, 'retention', '--account', ACCOUNT);
    expect(code).toBe(0);
    expect(stdout).toContain('keeps personal data');
    expect(found(dumpSchema(w))).toEqual(EXPIRED);
  });

  it('removes phones and recordings of calls past the period everywhere, every figure kept', async () => {
    const before = await everyReportJson(w, output);
    expect(found(await dumpRedis(w))).toEqual([TARGET_PHONE_CORE, TARGET_RECORDINGS]);
    expect((await cliOutput(w, output, 'account', ACCOUNT, '--retain-personal-days', days)).code).toBe(0);

    const { code, stdout } = await cliOutput(w, output, 'retention', '--account', ACCOUNT);
    expect(code).toBe(0);
    expect(stdout).toContain(`account ${ACCOUNT} (${days} days): 15 call(s) changed`);
    expect(stdout).toContain('job data rewritten in Redis: 1; temporary files deleted: 1');

    const dump = dumpSchema(w);
    expect(found(dump)).toEqual([]);
    expect(dump).toContain(RECENT_PHONE);
    expect(dump).toContain('rec-recent.example.com');
    expect(dump).toContain(TARGET_ID); // customer ids stay: per-customer figures need them
    expect(found(await dumpRedis(w))).toEqual([]);
    expect(fs.existsSync(w.tempCsvPath)).toBe(false);
    expect(await everyReportJson(w, output)).toEqual(before);
    const audit = await w.h.t.db('personal_data_erasures').where({ account_id: ACCOUNT });
    expect(audit).toEqual([expect.objectContaining({ kind: 'retention', calls: 15 })]);
  });

  it('says in the reports why the phones and recordings are blank', async () => {
    const table = await cliOutput(w, output, 'calls', 'wh-1', '--account', ACCOUNT);
    expect(table.stdout).toContain('removed by retention');
    expect(table.stdout).toContain('Phones and recordings of 3 calls were removed by retention.');
    const csv = await cliOutput(w, output, 'calls', 'csv-1', '--account', ACCOUNT, '--csv');
    expect(csv.stdout.split('\r\n').filter((line) => line.includes('removed by retention'))).toHaveLength(4);
    await w.h.t.db('accounts').where({ id: ACCOUNT }).update({ locale: 'vi-VN' });
    const vi = await cliOutput(w, output, 'calls', 'wh-1', '--account', ACCOUNT);
    expect(vi.stdout).toContain('đã xóa theo thời hạn lưu trữ');
    await w.h.t.db('accounts').where({ id: ACCOUNT }).update({ locale: 'en-US' });
  });

  it('keeps them out when the calls come again, and changes nothing when run again', async () => {
    expect(await postWebhook(w, w.webhookBody)).toEqual({ accepted: 0, duplicates: 4, updated: 0 });
    expect(found(dumpSchema(w))).toEqual([]);
    const { stdout } = await cliOutput(w, output, 'retention');
    expect(stdout).toContain('retention: 0 call(s) changed');
  });

  it('turns off with keep', async () => {
    expect((await cliOutput(w, output, 'account', ACCOUNT, '--retain-personal-days', 'keep')).code).toBe(0);
    expect(await w.h.t.db('accounts').where({ id: ACCOUNT }).first('retain_personal_days')).toEqual({
      retain_personal_days: null,
    });
  });

  it('runs once a day however many schedulers ask, from one BullMQ job scheduler', async () => {
    await w.h.t
      .db('accounts')
      .where({ id: ACCOUNT })
      .update({ retain_personal_days: Number(days) });
    const now = new Date();
    const [first, second] = await Promise.all([runDailyRetention(w.h.t.db, now), runDailyRetention(w.h.t.db, now)]);
    expect([first, second].filter((run) => run !== null)).toHaveLength(1);
    expect(await runDailyRetention(w.h.t.db, now)).toBeNull();
    expect(await w.h.t.db('retention_runs').select('status')).toEqual([{ status: 'done' }]);

    await w.h.startScheduler();
    const queue = new Queue('report-control', { connection: { url: TEST_REDIS_URL }, prefix: w.h.prefix });
    try {
      expect(await queue.getJobScheduler(RETENTION_SCHEDULER_ID)).toMatchObject({ pattern: RETENTION_PATTERN });
    } finally {
      await queue.close();
    }
  });
});
