import { PlannedDelivery } from '../../../src/domain/delivery-destinations';
import { upsertAccount } from '../../../src/storage/accounts';
import {
  findDelivery,
  insertDeliveries,
  markDeliveryDone,
  markDeliveryFailed,
  markDeliveryPending,
  markDeliverySending,
} from '../../../src/storage/deliveries';
import { TestDb, createTestDb } from '../../support/test-db';

/** The ledger's state changes refuse to undo a finished delivery, whoever asks late (a stalled job, a retry). */
let t: TestDb;
let sequence = 0;

beforeAll(async () => {
  t = await createTestDb();
  await upsertAccount(t.db, 'default', {}, 'Asia/Ho_Chi_Minh');
});
afterAll(() => t?.drop());

async function newRow(): Promise<string> {
  sequence += 1;
  const row: PlannedDelivery = {
    id: `deliver-test-${sequence}`,
    accountId: 'default',
    reportKind: 'campaign',
    reportRef: `cmp-${sequence}`,
    channelKind: 'slack',
    workspaceId: 'T0FAKE',
    destination: 'C0LEDGER',
    subscriptionIds: [],
    notifyUser: null,
  };
  await insertDeliveries(t.db, [row]);
  return row.id;
}

const statusOf = async (id: string) => (await findDelivery(t.db, id))?.status;

describe('delivery ledger transitions', () => {
  it('goes pending → sending → done', async () => {
    const id = await newRow();
    expect(await statusOf(id)).toBe('pending');
    await markDeliverySending(t.db, id, 3);
    expect(await findDelivery(t.db, id)).toMatchObject({ status: 'sending', sendingRevision: 3 });
    await markDeliveryDone(t.db, id, { id: '1700000000.000100', container: 'C0LEDGER' }, 3);
    expect(await findDelivery(t.db, id)).toMatchObject({
      status: 'done',
      deliveredRevision: 3,
      messageRef: { id: '1700000000.000100', container: 'C0LEDGER' },
    });
  });

  it('never goes back to sending once done or failed: the late attempt is told, and nothing changes', async () => {
    const done = await newRow();
    await markDeliverySending(t.db, done, 1);
    await markDeliveryDone(t.db, done, { id: '1700000000.000200', container: 'C0LEDGER' }, 1);
    await expect(markDeliverySending(t.db, done, 2)).rejects.toThrow(`delivery ${done} is no longer pending`);
    expect(await findDelivery(t.db, done)).toMatchObject({ status: 'done', sendingRevision: 1 });

    const failed = await newRow();
    await markDeliveryFailed(t.db, failed, 'gave up');
    await expect(markDeliverySending(t.db, failed, 1)).rejects.toThrow('is no longer pending');
    expect(await statusOf(failed)).toBe('failed');
  });

  it('does not fail a delivered row, nor make it pending again', async () => {
    const id = await newRow();
    await markDeliverySending(t.db, id, 1);
    await markDeliveryDone(t.db, id, { id: '1700000000.000300', container: 'C0LEDGER' }, 1);
    await markDeliveryFailed(t.db, id, 'a late failure');
    await markDeliveryPending(t.db, id, 'a late refusal');
    expect(await findDelivery(t.db, id)).toMatchObject({
      status: 'done',
      messageRef: { id: '1700000000.000300', container: 'C0LEDGER' },
    });
  });

  it('makes only a sending row pending again (the platform refused it, nothing was delivered)', async () => {
    const sending = await newRow();
    await markDeliverySending(t.db, sending, 1);
    await markDeliveryPending(t.db, sending, 'channel_not_found');
    expect(await findDelivery(t.db, sending)).toMatchObject({ status: 'pending', lastError: 'channel_not_found' });

    const failed = await newRow();
    await markDeliveryFailed(t.db, failed, 'gave up');
    await markDeliveryPending(t.db, failed, 'late');
    expect(await statusOf(failed)).toBe('failed');
  });
});
