import { CallRecord } from '../../src/domain/call-record';
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
  t.db.transaction((trx) => storeItems(trx, 'default', records.map((record) => ({ kind: 'call' as const, record })), new Date('2026-11-26T10:00:00.007Z')));

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
    const inexact = await t.db('calls')
      .where('campaign_id', 'cmp-instants')
      .andWhere((q) => q.whereRaw("date_trunc('milliseconds', started_at) <> started_at").orWhereRaw("date_trunc('milliseconds', ended_at) <> ended_at"))
      .pluck('call_id');
    expect(inexact).toEqual([]);
  });

  it('a batch mixing new and stored calls inserts the new ones and classifies the rest', async () => {
    const stored = call('m-1', '2026-10-30T15:00:00Z', '2026-10-30T15:00:30Z');
    expect(await store([stored])).toEqual({ accepted: 1, duplicates: 0, updated: 0 });
    const corrected = { ...stored, endedAt: new Date('2026-10-30T15:00:45Z') };
    const fresh = call('m-2', '2026-10-30T15:01:00Z', '2026-10-30T15:01:30Z');
    expect(await store([fresh, corrected, call('i-3', '2026-10-30T15:36:02.123Z', '2026-10-30T15:40:00.456Z', '2026-10-30T15:36:10.789Z')])).toEqual({
      accepted: 1,
      duplicates: 1,
      updated: 1,
    });
    expect(toIso((await findCall(t.db, 'default', 'm-1'))?.ended_at)).toBe('2026-10-30T15:00:45.000Z');
    expect(await findCall(t.db, 'default', 'm-2')).not.toBeNull();
  });
});
