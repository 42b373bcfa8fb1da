import { PlannedDelivery } from '../../../src/domain/delivery-destinations';
import { Db, createDb } from '../../../src/storage/connection';
import { findDelivery, insertDeliveries, markDeliverySending } from '../../../src/storage/deliveries';
import { HeldLock, withDeliveryLock, withDeliveryLocks } from '../../../src/storage/delivery-locks';
import { TEST_DATABASE_URL, TestDb, createTestDb } from '../../support/test-db';
import { waitUntil } from '../delivery/support/delivery-env';

/** The per-row advisory locks of src/storage/delivery-locks.ts and the "sending" write that checks them. */
let t: TestDb;
/** A second pool on the same schema: the sessions of another attempt (another worker). */
let other: Db;
let sequence = 0;

beforeAll(async () => {
  t = await createTestDb();
  other = createDb({ databaseUrl: TEST_DATABASE_URL, schema: t.schema, poolMax: 3 });
});
afterAll(async () => {
  await other?.destroy();
  await t?.drop();
});

async function newRow(): Promise<string> {
  sequence += 1;
  const row: PlannedDelivery = {
    id: `lock-test-${sequence}`,
    accountId: 'default',
    reportKind: 'campaign',
    reportRef: `cmp-${sequence}`,
    channelKind: 'slack',
    workspaceId: 'T0FAKE',
    destination: 'C0LOCKS',
    subscriptionIds: [],
    notifyUser: null,
  };
  await insertDeliveries(t.db, [row]);
  return row.id;
}

/** Takes the lock of `id` in a transaction of `db` and keeps it until `release()`. */
async function hold(db: Db, id: string): Promise<{ lock: HeldLock; release: () => Promise<unknown> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: (lock: HeldLock) => void;
  const held = new Promise<HeldLock>((resolve) => (taken = resolve));
  const outcome = withDeliveryLock(db, id, async (lock) => {
    taken(lock);
    await released;
  });
  const lock = await Promise.race([held, outcome.then(() => null)]);
  if (!lock) throw new Error(`the lock of ${id} is held elsewhere`);
  return {
    lock,
    release: () => {
      release();
      return outcome;
    },
  };
}

const statusOf = async (id: string) => (await findDelivery(t.db, id))?.status;

describe('withDeliveryLocks', () => {
  it('holds the rows no other session holds, in the order given, until the work is over', async () => {
    const elsewhere = await hold(other, 'row-d');
    const result = await withDeliveryLocks(t.db, ['row-c', 'row-a', 'row-d', 'row-b'], async (held, lock) => {
      const othersTry = [];
      for (const id of [...held, 'row-d']) othersTry.push((await withDeliveryLock(other, id, async () => 1)).acquired);
      return { held, lock, othersTry };
    }).finally(elsewhere.release);

    expect(result.held).toEqual(['row-c', 'row-a', 'row-b']);
    expect(result.othersTry).toEqual([false, false, false, false]);
    expect(typeof result.lock.backendPid).toBe('number');
    expect((await withDeliveryLock(other, 'row-c', async () => 1)).acquired).toBe(true); // released with the work
  });
});

describe('markDeliverySending with the lock it was given', () => {
  it('writes "sending" while the lock is held', async () => {
    const id = await newRow();
    await withDeliveryLock(t.db, id, (lock) => markDeliverySending(t.db, id, 1, lock));
    expect(await findDelivery(t.db, id)).toMatchObject({ status: 'sending', sendingRevision: 1 });
  });

  it("refuses once the lock's backend was terminated, and the row stays pending", async () => {
    const id = await newRow();
    const held = await hold(other, id);
    const pid = held.lock.backendPid;
    await t.db.raw('select pg_terminate_backend(?)', [pid]);
    await waitUntil(
      async () => (await t.db.raw('select 1 from pg_stat_activity where pid = ?', [pid])).rows.length === 0,
      10_000,
      'terminated backend gone',
    );

    try {
      await expect(markDeliverySending(t.db, id, 1, held.lock)).rejects.toThrow('no longer holds its lock');
      expect(await statusOf(id)).toBe('pending');
    } finally {
      await held.release();
    }
  });

  it("refuses a lock whose backend holds another row's lock, not this one's", async () => {
    const id = await newRow();
    const neighbour = await newRow();
    await withDeliveryLock(t.db, neighbour, async (lock) => {
      await expect(markDeliverySending(t.db, id, 1, lock)).rejects.toThrow('no longer holds its lock');
    });
    expect(await statusOf(id)).toBe('pending');
  });
});
