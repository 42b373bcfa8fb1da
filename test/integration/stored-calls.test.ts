import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CallRecord } from '../../src/domain/call-record';
import { importFile } from '../../src/ingest/import-file';
import { storeItems } from '../../src/ingest/store-items';
import { findCall } from '../../src/storage/calls';
import { toIso } from '../../src/storage/sql-values';
import { TestDb, createTestDb } from '../support/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

function call(callId: string, startedAt: string, endedAt: string, answeredAt: string | null = null): CallRecord {
  return {
    callId,
    campaignId: 'cmp-instants',
    campaignName: null,
    botId: 'bot-instants',
    botName: null,
    customerId: `cus-${callId}`,
    phone: null,
    attempt: 1,
    startedAt: new Date(startedAt),
    answeredAt: answeredAt === null ? null : new Date(answeredAt),
    endedAt: new Date(endedAt),
    resultCode: answeredAt === null ? 'NA' : 'PAID',
    messages: null,
    blocks: null,
    cost: null,
    recordingUrl: null,
  };
}

const store = (records: CallRecord[]) =>
  t.db.transaction((trx) =>
    storeItems(
      trx,
      'default',
      records.map((record) => ({ kind: 'call' as const, record })),
      new Date('2026-11-26T10:00:00.007Z'),
    ),
  );

describe('storing calls', () => {
  it('keeps every instant to the millisecond, from year 1 to year 9999 and either side of 1970', async () => {
    const records = [
      call('i-1', '0001-01-01T00:00:00.001Z', '0001-01-01T00:00:01.999Z'),
      call('i-2', '1969-12-31T23:59:58.500Z', '1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.001Z'),
      call('i-3', '2026-10-30T15:36:02.123Z', '2026-10-30T15:40:00.456Z', '2026-10-30T15:36:10.789Z'),
      call('i-4', '9999-12-31T23:59:58.999Z', '9999-12-31T23:59:59.999Z'),
    ];
    expect(await store(records)).toEqual({ accepted: 4, duplicates: 0, updated: 0 });
    for (const record of records) {
      const stored = await findCall(t.db, 'default', record.callId);
      expect([toIso(stored?.started_at), toIso(stored?.answered_at), toIso(stored?.ended_at)]).toEqual([
        record.startedAt.toISOString(),
        record.answeredAt?.toISOString() ?? null,
        record.endedAt.toISOString(),
      ]);
      expect(toIso(stored?.received_at)).toBe('2026-11-26T10:00:00.007Z');
    }
    // Dates in JavaScript hold milliseconds only: look for stray microseconds in SQL.
    const inexact = await t
      .db('calls')
      .where('campaign_id', 'cmp-instants')
      .andWhere((q) =>
        q
          .whereRaw("date_trunc('milliseconds', started_at) <> started_at")
          .orWhereRaw("date_trunc('milliseconds', ended_at) <> ended_at"),
      )
      .pluck('call_id');
    expect(inexact).toEqual([]);
  });

  it('a batch mixing new and stored calls inserts the new ones and classifies the rest', async () => {
    const stored = call('m-1', '2026-10-30T15:00:00Z', '2026-10-30T15:00:30Z');
    expect(await store([stored])).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
    const corrected = { ...stored, endedAt: new Date('2026-10-30T15:00:45Z') };
    const fresh = call('m-2', '2026-10-30T15:01:00Z', '2026-10-30T15:01:30Z');
    expect(
      await store([
        fresh,
        corrected,
        call('i-3', '2026-10-30T15:36:02.123Z', '2026-10-30T15:40:00.456Z', '2026-10-30T15:36:10.789Z'),
      ]),
    ).toEqual({
      accepted: 1,
      duplicates: 1,
      updated: 1,
    });
    expect(toIso((await findCall(t.db, 'default', 'm-1'))?.ended_at)).toBe('2026-10-30T15:00:45.000Z');
    expect(await findCall(t.db, 'default', 'm-2')).not.toBeNull();
  });

  it('an unchanged call stored before the content hash changed is still a duplicate; a changed one is a correction', async () => {
    const record = call('legacy-1', '2026-10-30T16:00:00Z', '2026-10-30T16:00:30Z');
    expect(await store([record])).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
    const legacyHash = createHash('sha256').update(JSON.stringify(record)).digest('base64url');
    await t.db('calls').where({ account_id: 'default', call_id: 'legacy-1' }).update({ content_hash: legacyHash });
    expect(await store([record])).toEqual({ accepted: 0, duplicates: 1, updated: 0 });
    expect(await store([{ ...record, endedAt: new Date('2026-10-30T16:00:40Z') }])).toEqual({
      accepted: 0,
      duplicates: 0,
      updated: 1,
    });
  });

  it('a long import takes at most 32 savepoints, then inserts the careful way (PostgreSQL caches 64 subtransactions)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'savepoints-'));
    const file = path.join(dir, 'calls.csv');
    const lines = ['call_id,campaign_id,bot_id,customer_id,attempt,started_at,ended_at,result_code'];
    for (let i = 0; i < 400; i += 1)
      lines.push(`sp-${i},cmp-sp,bot-sp,cus-${i % 37},1,2026-10-30T08:00:00Z,2026-10-30T08:00:10Z,NA`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    let savepoints = 0;
    const count = (query: { sql: string }) => {
      if (/^savepoint /i.test(query.sql)) savepoints += 1;
    };
    t.db.on('query', count);
    try {
      expect(await importFile(t.db, 'default', file, { batchSize: 10 })).toMatchObject({
        accepted: 400,
        duplicates: 0,
        updated: 0,
        rejected: 0,
      });
    } finally {
      t.db.removeListener('query', count);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(savepoints).toBe(32);
    expect(
      Number((await t.db('calls').where('campaign_id', 'cmp-sp').count<{ count: string }[]>('* as count'))[0].count),
    ).toBe(400);
  });
});
