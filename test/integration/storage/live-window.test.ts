import { loadLiveWindow } from '../../../src/storage/live-window';
import { TestDb, createTestDb } from '../../support/test-db';
import { callEvents, createAccount, ingestEvents } from '../delivery/support/delivery-env';

/**
 * The pace window of docs/metrics.md: calls with started_at in (latest − 10 min, latest], and the customers
 * whose every call of the campaign is in it.
 */
describe('loadLiveWindow', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await createAccount(t.db, 'acc');
    // One call a minute for 15 minutes: the latest is minute 14, so minutes 5–14 are in the window and minute 4
    // is exactly on its open bound. The last three calls are of a customer never called before.
    const events = callEvents({ campaignId: 'paced', calls: 15 }).map((event, i) =>
      i >= 12 ? { ...event, customer_id: 'cus-late' } : event,
    );
    await ingestEvents(t.db, 'acc', events);
  });
  afterAll(() => t?.drop());

  it('counts the calls of the last 10 minutes and the customers first called in them', async () => {
    expect(await loadLiveWindow(t.db, 'acc', 'paced')).toEqual({ windowCalls: 10, windowNewCustomers: 1 });
  });

  it('is empty for a campaign without calls', async () => {
    expect(await loadLiveWindow(t.db, 'acc', 'none')).toEqual({ windowCalls: 0, windowNewCustomers: 0 });
  });
});
