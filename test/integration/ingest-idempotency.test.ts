import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../src/ingest/import-file';
import { loadCampaignReport } from '../../src/reports/campaign-report';
import { loadMonthlyUsage } from '../../src/reports/usage-report';
import { rebuildRollups } from '../../src/storage/rebuild-rollups';
import { SAMPLE_CALLS, SAMPLE_CAMPAIGNS, loadSample } from '../support/sample-data';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
let tmp: string;
beforeAll(async () => {
  t = await createTestDb();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-'));
  await loadSample(t.db);
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const overview = async (id: string) => (await loadCampaignReport({ db: t.db }, 'default', id)).overview;
const callCount = async () => Number((await t.db('calls').count<{ count: string }[]>('* as count'))[0].count);

function writeCsv(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const HEADER = 'call_id,campaign_id,bot_id,customer_id,attempt,started_at,answered_at,ended_at,result_code,messages';

describe('importing again', () => {
  it('the same files again are only duplicates, and the reports do not move', async () => {
    const before = await overview('cmp-1-000');
    expect(await importFile(t.db, 'default', SAMPLE_CALLS)).toMatchObject({
      accepted: 0,
      duplicates: 111,
      updated: 0,
      rejected: 0,
    });
    expect(await importFile(t.db, 'default', SAMPLE_CAMPAIGNS)).toMatchObject({
      accepted: 0,
      duplicates: 3,
      updated: 0,
    });
    expect(await overview('cmp-1-000')).toEqual(before);
  });

  it('a changed record counts as updated and changes the report (a correction)', async () => {
    const before = await overview('cmp-1-000');
    // call-1-0000001 was CU (error) for cus-0-00000; correct it into a successful call.
    const file = writeCsv('correction.csv', [
      HEADER,
      'call-1-0000001,cmp-1-000,bot-debt,cus-0-00000,1,2026-10-30T15:36:02Z,2026-10-30T15:36:10Z,2026-10-30T15:38:10Z,PAID,5',
    ]);
    expect(await importFile(t.db, 'default', file)).toMatchObject({ accepted: 0, duplicates: 0, updated: 1 });
    const after = await overview('cmp-1-000');
    expect(after.calls.total).toBe(before.calls.total);
    expect(after.calls.error).toBe(before.calls.error - 1);
    expect(after.calls.successful).toBe(before.calls.successful + 1);
    expect(after.customers.approached).toBe(before.customers.approached + 1);
    expect(after.costs.totalCallDurationMs).toBe(before.costs.totalCallDurationMs + 120_000);
    expect(after.messages).toBe(before.messages + 5);
    expect(after.resultCodes.find((c) => c.code === 'CU')?.count).toBe(9 - 1);
  });

  it('a correction that moves a call to another campaign moves its figures', async () => {
    const before0 = await overview('cmp-1-000');
    const before2 = await overview('cmp-1-002');
    const file = writeCsv('move.csv', [
      HEADER,
      'call-1-0000001,cmp-1-002,bot-survey,cus-moved,1,2026-10-30T15:36:02Z,2026-10-30T15:36:10Z,2026-10-30T15:38:10Z,PAID,5',
    ]);
    expect(await importFile(t.db, 'default', file)).toMatchObject({ updated: 1 });
    expect((await overview('cmp-1-000')).calls.total).toBe(before0.calls.total - 1);
    expect((await overview('cmp-1-002')).calls.total).toBe(before2.calls.total + 1);
  });

  it('rollups stay equal to a rebuild from the calls after corrections', async () => {
    const incremental = [
      await overview('cmp-1-000'),
      await overview('cmp-1-002'),
      await loadMonthlyUsage({ db: t.db }, 'default', '2026-10'),
    ];
    await t.db.transaction((trx) => rebuildRollups(trx, 'default'));
    const rebuilt = [
      await overview('cmp-1-000'),
      await overview('cmp-1-002'),
      await loadMonthlyUsage({ db: t.db }, 'default', '2026-10'),
    ];
    expect(rebuilt).toEqual(incremental);
  });

  it('the same call twice in one file: the second is a duplicate or a correction', async () => {
    const line = 'dup-1,cmp-new,bot-debt,cus-1,1,2026-10-30T15:36:02Z,,2026-10-30T15:36:10Z,NA,0';
    const file = writeCsv('twice.csv', [HEADER, line, line, line.replace(',NA,', ',BS,')]);
    expect(await importFile(t.db, 'default', file)).toMatchObject({ accepted: 1, duplicates: 1, updated: 1 });
    expect((await overview('cmp-new')).calls).toMatchObject({ total: 1, busy: 1, noAnswer: 0 });
  });
});

describe('an invalid file', () => {
  it('stores nothing and lists every problem with its line, field and a sentence', async () => {
    const calls = await callCount();
    const file = writeCsv('bad.csv', [
      HEADER,
      'ok-1,cmp-x,bot-debt,cus-1,1,2026-10-30T15:36:02Z,,2026-10-30T15:36:10Z,NA,0',
      'bad-1,cmp-x,bot-debt,cus-1,1,2026-10-30 15:36:02,,2026-10-30T15:36:10Z,NA,0',
      'bad-2,cmp-x,bot-debt,cus-2,1,2026-10-30T15:36:02Z,,2026-10-30T15:36:10Z,PAID,0',
    ]);
    const result = await importFile(t.db, 'default', file);
    expect(result).toMatchObject({ accepted: 0, duplicates: 0, updated: 0, rejected: 2, rejectFile: null });
    expect(result.problems).toEqual([
      { line: 3, field: 'started_at', message: expect.stringContaining('ISO 8601') },
      { line: 4, field: 'answered_at', message: expect.stringContaining('answered_at is required') },
    ]);
    expect(await callCount()).toBe(calls);
    expect(await t.db('campaigns').where({ campaign_id: 'cmp-x' }).first()).toBeUndefined();
  });

  it('with skipInvalid stores the valid records and writes the rejected ones with reasons beside the input', async () => {
    const file = writeCsv('partly.csv', [
      HEADER,
      'ok-2,cmp-y,bot-debt,cus-1,1,2026-10-30T15:36:02Z,,2026-10-30T15:36:10Z,NA,0',
      'bad-3,cmp-y,bot-debt,cus-1,0,2026-10-30T15:36:02Z,,2026-10-30T15:36:10Z,NA,0',
    ]);
    const result = await importFile(t.db, 'default', file, { skipInvalid: true });
    expect(result).toMatchObject({ accepted: 1, rejected: 1, rejectFile: `${file}.rejected.ndjson` });
    const rejects = fs
      .readFileSync(`${file}.rejected.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toEqual([
      {
        position: 3,
        errors: [{ line: 3, field: 'attempt', message: expect.stringContaining('≥ 1') }],
        record: expect.objectContaining({ call_id: 'bad-3' }),
      },
    ]);
    expect((await overview('cmp-y')).calls.total).toBe(1);
  });

  it('a malformed NDJSON file stores nothing', async () => {
    const calls = await callCount();
    const file = path.join(tmp, 'bad.ndjson');
    fs.writeFileSync(
      file,
      '{"type":"campaign.started","campaign_id":"z","bot_id":"b","at":"2026-10-30T15:36:02Z"}\n{oops\n',
    );
    const result = await importFile(t.db, 'default', file);
    expect(result).toMatchObject({ accepted: 0, rejected: 1, problems: [{ line: 2, field: '(line)' }] });
    expect(await t.db('campaigns').where({ campaign_id: 'z' }).first()).toBeUndefined();
    expect(await callCount()).toBe(calls);
  });
});
