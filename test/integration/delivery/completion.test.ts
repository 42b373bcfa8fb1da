import { completeDueCampaigns } from '../../../src/storage/completion';
import { findCampaign } from '../../../src/storage/campaigns';
import { TestDb, createTestDb } from '../../support/test-db';
import { callEvents, completionEvent, ingestEvents } from './support/delivery-env';

/** docs/metrics.md "Campaign state and completion": settle window after the completion event, idle timeout without one. */
let t: TestDb;
const windows = { settleMs: 120_000, idleTimeoutMs: 6 * 3_600_000 };
const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

beforeAll(async () => {
  t = await createTestDb();
  const shape = (campaignId: string) => ({ campaignId, calls: 2 });
  // completion event 3 min ago, calls 4 min ago: settled
  await ingestEvents(t.db, 'default', callEvents(shape('settled')), ago(240_000));
  await ingestEvents(t.db, 'default', [completionEvent(shape('settled'))], ago(180_000));
  // completion event 1 min ago: still settling
  await ingestEvents(t.db, 'default', callEvents(shape('settling')), ago(240_000));
  await ingestEvents(t.db, 'default', [completionEvent(shape('settling'))], ago(60_000));
  // completion event 5 min ago, but a call arrived 30 s ago: the settle window restarts
  await ingestEvents(t.db, 'default', [completionEvent(shape('late-call'))], ago(300_000));
  await ingestEvents(t.db, 'default', callEvents(shape('late-call')), ago(30_000));
  // no completion event, last call 7 h ago: idle
  await ingestEvents(t.db, 'default', callEvents(shape('idle')), ago(7 * 3_600_000));
  // no completion event, last call 1 h ago: running
  await ingestEvents(t.db, 'default', callEvents(shape('running')), ago(3_600_000));
});
afterAll(() => t.drop());

describe('completion detection', () => {
  it('completes exactly the campaigns docs/metrics.md calls complete, with their outbox rows, in one go', async () => {
    const [first, second] = await Promise.all([
      completeDueCampaigns(t.db, NOW, windows),
      completeDueCampaigns(t.db, NOW, windows),
    ]);
    expect([...first, ...second].map((c) => c.campaignId).sort()).toEqual(['idle', 'settled']);
    for (const id of ['idle', 'settled']) {
      const campaign = await findCampaign(t.db, 'default', id);
      expect(campaign).toMatchObject({ recordedState: 'complete', completedAt: NOW, revision: 0 });
    }
    expect((await findCampaign(t.db, 'default', 'settling'))?.recordedState).toBe('settling');
    expect((await findCampaign(t.db, 'default', 'late-call'))?.recordedState).toBe('settling');
    expect((await findCampaign(t.db, 'default', 'running'))?.recordedState).toBe('running');
    const outbox = await t.db('report_fanouts').orderBy('report_ref');
    expect(outbox.map((r) => `${r.report_kind} ${r.report_ref} ${r.status}`)).toEqual([
      'campaign idle pending',
      'campaign settled pending',
    ]);
  });

  it('completes nothing twice, and the rest once their window has passed', async () => {
    expect(await completeDueCampaigns(t.db, NOW, windows)).toEqual([]);
    const later = new Date(NOW.getTime() + 120_000);
    expect((await completeDueCampaigns(t.db, later, windows)).map((c) => c.campaignId).sort()).toEqual([
      'late-call',
      'settling',
    ]);
  });

  it('a call of a complete campaign bumps its revision (the posted report gets edited)', async () => {
    await ingestEvents(t.db, 'default', callEvents({ campaignId: 'settled', calls: 1, from: 10 }), NOW);
    expect((await findCampaign(t.db, 'default', 'settled'))?.revision).toBe(1);
  });
});
