import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import { reportPageUrl } from '../../../src/domain/report-page-token';
import { captureOutput } from '../../support/captured-output';
import {
  ACCOUNT,
  PersonalDataWorld,
  REPORT_EMAIL,
  TARGET_ID,
  TARGET_PHONE,
  TARGET_PHONE_CORE,
  TARGET_RECORDINGS,
  buildPersonalDataWorld,
  cliOutput,
  dumpRedis,
  dumpSchema,
  everyReportJson,
  postRetell,
  postWebhook,
  webhookCall,
} from './support/personal-data-world';

let w: PersonalDataWorld;
const output = captureOutput();

beforeAll(async () => {
  w = await buildPersonalDataWorld('forget');
}, 60_000);
afterAll(() => w?.close());

/** What must not be anywhere after forget: the phone in any spelling, the customer id, the recording URLs. */
const NEEDLES = [TARGET_PHONE_CORE, TARGET_ID, TARGET_RECORDINGS];
const found = (text: string) => NEEDLES.filter((needle) => text.includes(needle));

const recordingPath = (link: string) => new URL(link).pathname;
/** Recording players on a report page, one per call with a recording. */
const players = (html: string) => html.split('<audio ').length - 1;

describe('forget (docs/security.md "Personal data")', () => {
  let before: Record<string, unknown>;
  let linkBefore: string;
  let pageUrl: string;

  it('starts from data holding the customer in the database, Redis and a temporary file', async () => {
    expect(found(dumpSchema(w))).toEqual(NEEDLES);
    expect(found(await dumpRedis(w))).toEqual(NEEDLES);
    expect(fs.readFileSync(w.tempCsvPath, 'utf8')).toContain(TARGET_PHONE);
    before = await everyReportJson(w, output);
    const calls = (before['calls wh-1'] as { calls: { callId: string }[] }).calls;
    expect(calls.length).toBe(3);
    const { stdout } = await cliOutput(w, output, 'calls', 'wh-1', '--account', ACCOUNT, '--json');
    linkBefore = (JSON.parse(stdout) as { calls: { callId: string; recordingLink: string }[] }).calls.find(
      (call) => call.callId === 'wh-t1',
    )!.recordingLink;
    const res = await fetch(`${w.h.baseUrl}${recordingPath(linkBefore)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    pageUrl = reportPageUrl(
      w.h.baseUrl,
      ACCOUNT,
      'wh-1',
      w.h.config.recordingLinks.secret as string,
      Math.floor(Date.now() / 1000),
    );
    const page = await (await fetch(pageUrl)).text();
    expect(players(page)).toBe(3);
  });

  it("export-customer prints every stored field of the customer's calls and platform records", async () => {
    const { code, stdout } = await cliOutput(w, output, 'export-customer', '84912345678', '--account', ACCOUNT);
    expect(code).toBe(0);
    const exported = JSON.parse(stdout) as {
      customerIds: string[];
      phones: string[];
      calls: Record<string, unknown>[];
      platformRecords: { platform: string }[];
      campaignCustomers: unknown[];
    };
    expect(exported.customerIds).toEqual([TARGET_PHONE, TARGET_ID]);
    expect(exported.phones).toEqual([TARGET_PHONE]);
    expect(exported.calls).toHaveLength(8);
    expect(exported.calls[0]).toEqual(
      expect.objectContaining({ phone: TARGET_PHONE, recording_url: expect.stringContaining(TARGET_RECORDINGS) }),
    );
    expect(Object.keys(exported.calls[0])).toEqual(
      expect.arrayContaining(['call_id', 'campaign_id', 'started_at', 'ended_at', 'result_code', 'given_cost']),
    );
    expect(exported.platformRecords.map((r) => r.platform).sort()).toEqual(['retell', 'twilio', 'vapi']);
    expect(exported.campaignCustomers).toHaveLength(6);
  });

  it('erases the phone typed the national way, the customer id and the recordings everywhere, every figure kept', async () => {
    const { code, stdout } = await cliOutput(w, output, 'forget', '0912 345 678', '--account', ACCOUNT, '--by', 'dpo');
    expect(code).toBe(0);
    // csv 2 + nd 1 + webhook 2 + retell 1 + vapi 1 + twilio 1 calls of the customer (the Vapi and Twilio ones
    // under the phone as customer id, found by its spelling).
    expect(stdout).toContain('calls changed: 8 (2 customer id(s) replaced by a pseudonym)');
    expect(stdout).toContain('job data rewritten in Redis: 1; temporary files deleted: 1');

    expect(found(dumpSchema(w))).toEqual([]);
    expect(found(await dumpRedis(w))).toEqual([]);
    expect(fs.existsSync(w.tempCsvPath)).toBe(false);
    expect(await everyReportJson(w, output)).toEqual(before);
  });

  it('keeps one pseudonym per customer id, records who and how many in the audit, without the erased data', async () => {
    const rows = (await w.h.t.db('calls').where({ account_id: ACCOUNT, personal_data_removed: 'forgotten' })) as {
      customer_id: string;
      phone: string | null;
      recording_url: string | null;
    }[];
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((row) => row.customer_id)).size).toBe(2);
    for (const row of rows) {
      expect(row.customer_id).toMatch(/^forgotten-[A-Za-z0-9_-]{16}$/);
      expect(row.phone).toBeNull();
      expect(row.recording_url).toBeNull();
    }
    const audit = await w.h.t.db('personal_data_erasures').where({ account_id: ACCOUNT });
    expect(audit).toEqual([expect.objectContaining({ kind: 'forget', requested_by: 'dpo', calls: 8 })]);
  });

  it('stops recording links and report pages already sent from showing the recording', async () => {
    const res = await fetch(`${w.h.baseUrl}${recordingPath(linkBefore)}`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    const page = await (await fetch(pageUrl)).text();
    expect(players(page)).toBe(1); // the other customer's call
    expect(page).toContain('erased on request');
  });

  it('sends the email that was in flight with a CSV that no longer holds the customer', async () => {
    await w.h.startWorker();
    const [mail] = await w.h.smtp.waitForCount(1, 30_000);
    expect(mail.envelopeTo).toEqual([REPORT_EMAIL]);
    const parsed = await simpleParser(mail.raw);
    const csv = parsed.attachments.find((a) => a.filename?.endsWith('.csv'));
    expect(csv).toBeDefined();
    const text = csv!.content.toString('utf8');
    expect(found(text)).toEqual([]);
    expect(text).toContain('erased on request');
    expect(found(mail.raw.toString('utf8'))).toEqual([]);
  }, 60_000);

  it('does not bring the data back when a platform sends the calls again, or calls the customer again', async () => {
    const before = await everyReportJson(w, output);
    expect(await postWebhook(w, w.webhookBody)).toEqual({ accepted: 0, duplicates: 4, updated: 0 });
    expect((await postRetell(w.connectorBase, 'ret-t1', 'target')).body).toMatchObject({ duplicates: 1 });
    expect(await everyReportJson(w, output)).toEqual(before);

    // A correction of a forgotten call is stored, still without the personal data.
    const corrected = webhookCall('wh-t1', 'target', { result_code: 'PROMISED' });
    expect(await postWebhook(w, JSON.stringify([corrected]))).toEqual({ accepted: 0, duplicates: 0, updated: 1 });
    // A new call of the customer: stored under the same pseudonym, without phone or recording.
    const again = webhookCall('wh-t3', 'target', {
      attempt: 3,
      started_at: '2026-11-20T04:20:00Z',
      answered_at: '2026-11-20T04:20:05Z',
      ended_at: '2026-11-20T04:21:00Z',
    });
    expect(await postWebhook(w, JSON.stringify([again]))).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
    const stored = (await w.h.t
      .db('calls')
      .where({ account_id: ACCOUNT })
      .whereIn('call_id', ['wh-t1', 'wh-t2', 'wh-t3'])
      .orderBy('call_id')) as { customer_id: string; phone: string | null; result_code: string }[];
    expect(new Set(stored.map((row) => row.customer_id)).size).toBe(1);
    expect(stored.map((row) => [row.phone, row.result_code])).toEqual([
      [null, 'PROMISED'],
      [null, 'PAID'],
      [null, 'PAID'],
    ]);
    const report = (await everyReportJson(w, output))['report wh-1'] as { customers: { total: number } };
    expect(report.customers.total).toBe((before['report wh-1'] as { customers: { total: number } }).customers.total);
    expect(found(dumpSchema(w))).toEqual([]);
  });

  it('changes nothing the second time', async () => {
    const calls = await w.h.t.db('calls').orderBy('call_id');
    const { code, stdout } = await cliOutput(w, output, 'forget', TARGET_ID, '--account', ACCOUNT);
    expect(code).toBe(0);
    expect(stdout).toContain('already forgotten');
    expect(await w.h.t.db('calls').orderBy('call_id')).toEqual(calls);
    expect(await w.h.t.db('personal_data_erasures').count('* as n')).toEqual([{ n: 1 }]);
  });

  it('answers an id or phone that matches nothing, or an unknown account, with one line and exit 2', async () => {
    const calls = await w.h.t.db('calls').orderBy('call_id');
    for (const argv of [
      ['forget', 'cus-nobody', '--account', ACCOUNT],
      ['forget', '+84 90 000 0000', '--account', ACCOUNT],
      ['forget', TARGET_ID, '--account', 'no-such-account'],
      ['forget', '--account', ACCOUNT],
      ['export-customer', 'cus-nobody', '--account', ACCOUNT],
    ]) {
      const { code, stderr } = await cliOutput(w, output, ...argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await w.h.t.db('calls').orderBy('call_id')).toEqual(calls);
  });
});
