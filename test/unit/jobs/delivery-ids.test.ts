import { deliveryIdFor, idPart } from '../../../src/domain/delivery-ids';
import { jobIds } from '../../../src/jobs/queues';

describe('deterministic ids', () => {
  const subject = { kind: 'campaign' as const, accountId: 'default', ref: 'cmp-1-000' };
  const slack = { kind: 'slack' as const, workspaceId: 'T1', destination: 'C1' };

  it('gives the same report and destination the same delivery id, readable and without ":"', () => {
    const id = deliveryIdFor(subject, slack);
    expect(id).toBe(deliveryIdFor({ ...subject }, { ...slack }));
    expect(id).toMatch(/^c-default-cmp-1-000-slack-[0-9a-f]{10}$/);
    expect(jobIds.deliver(id)).toBe(`deliver-${id}`);
  });

  it('tells apart destinations, workspaces, kinds and months', () => {
    const ids = new Set([
      deliveryIdFor(subject, slack),
      deliveryIdFor(subject, { ...slack, destination: 'C2' }),
      deliveryIdFor(subject, { ...slack, workspaceId: 'T2' }),
      deliveryIdFor(subject, { kind: 'email', workspaceId: null, destination: 'C1' }),
      deliveryIdFor({ kind: 'digest', accountId: 'default', ref: '2026-10' }, slack),
      deliveryIdFor({ kind: 'digest', accountId: 'default', ref: '2026-11' }, slack),
    ]);
    expect(ids.size).toBe(6);
  });

  it('keeps ids free of ":" and unique whatever the ids of accounts and campaigns hold', () => {
    const odd = ['a:b', 'a_b', 'a b', 'x'.repeat(200), 'Đợt 0, "Nhắc nợ"'];
    const parts = odd.map(idPart);
    expect(new Set(parts).size).toBe(odd.length);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_.~-]+$/);
    for (const account of odd) {
      for (const id of [
        jobIds.fanOut(account, 'c:1'),
        jobIds.digest(account, '2026-10'),
        jobIds.checkUpdates(account, 1),
        jobIds.update('d', 3),
      ]) {
        expect(id).not.toContain(':');
      }
    }
    expect(jobIds.digest('default', '2026-10')).toBe('digest-default-2026-10');
  });
});
