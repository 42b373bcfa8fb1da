import { CallFilter } from '../../../src/domain/report-model';
import { loadCallsReport } from '../../../src/reports/calls-report';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb } from '../../support/test-db';

/**
 * A calls report cut to its first rows still says how many match (totalRows), from the rollups: it must be
 * the number of rows the whole report lists, for every filter a user can type.
 */
describe('calls report totals', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
  });
  afterAll(() => t?.drop());

  const filters: CallFilter[] = [
    {},
    { status: 'successful' },
    { status: 'unsuccessful' },
    { status: 'error' },
    { resultCode: 'BS' },
    { resultCode: 'CU', status: 'error' },
    { resultCode: 'NA', status: 'successful' },
    { resultCode: 'NO-SUCH-CODE' },
  ];

  it.each(['cmp-1-000', 'cmp-1-001'])('of %s count every matching call, whatever the filter', async (campaignId) => {
    const counted: number[] = [];
    for (const filter of filters) {
      const all = await loadCallsReport({ db: t.db }, 'default', campaignId, filter);
      const firstTwo = await loadCallsReport({ db: t.db }, 'default', campaignId, filter, 2);
      expect(firstTwo.rows).toEqual(all.rows.slice(0, 2));
      expect(firstTwo.totalRows).toBe(all.rows.length);
      counted.push(all.rows.length);
    }
    // The sample has calls of every kind, so each filter that can match does.
    expect(counted.slice(0, 6).every((count) => count > 0)).toBe(true);
    expect(counted.slice(6)).toEqual([0, 0]);
  });

  it('reads only the rows a cut report shows (a chat answer), not a page of the whole campaign', async () => {
    const rowsRead: number[] = [];
    const received = (rows: unknown[], query: { sql: string }) => {
      if (/^select \* from "calls"/.test(query.sql)) rowsRead.push(rows.length);
    };
    t.db.on('query-response', received);
    try {
      const cut = await loadCallsReport({ db: t.db }, 'default', 'cmp-1-000', {}, 2);
      expect(cut.rows).toHaveLength(2);
      expect(cut.totalRows).toBeGreaterThan(2);
    } finally {
      t.db.removeListener('query-response', received);
    }
    expect(rowsRead).toEqual([2]);
  });
});
