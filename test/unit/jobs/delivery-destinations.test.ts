import { campaignDestinations, digestDestinations, liveDestinations } from '../../../src/domain/delivery-destinations';
import { Subscription } from '../../../src/domain/subscription';

let nextId = 1;
function sub(partial: Partial<Subscription>): Subscription {
  return {
    id: nextId++,
    accountId: 'acme',
    platform: 'slack',
    workspaceId: 'T1',
    destination: 'C1',
    target: { kind: 'all', id: '' },
    summaries: true,
    digest: false,
    live: false,
    alerts: false,
    createdBy: 'U1',
    status: 'active',
    brokenReason: null,
    ...partial,
  };
}

const ALL_KINDS = new Set(['slack', 'email', 'teams'] as const);
const campaign = { id: 'cmp', botId: 'bot-1', reportEmails: ['Ops@Example.com', ' '] };
const subject = { kind: 'campaign' as const, accountId: 'acme', ref: 'cmp' };

describe('fan-out destinations', () => {
  it('makes one delivery per destination however many subscriptions point there', () => {
    const subs = [
      sub({ destination: 'C1', target: { kind: 'all', id: '' }, createdBy: null }),
      sub({ destination: 'C1', target: { kind: 'bot', id: 'bot-1' }, createdBy: 'U7' }),
      sub({ destination: 'C2', target: { kind: 'campaign', id: 'cmp' } }),
      sub({ destination: 'C3', target: { kind: 'bot', id: 'bot-2' } }),
      sub({ destination: 'C4', summaries: false, digest: true }),
      sub({ destination: 'C5', status: 'broken' }),
      sub({ platform: 'email', workspaceId: null, destination: 'ops@example.com' }),
      sub({ platform: 'teams', workspaceId: 'tenant', destination: '19:abc' }),
      sub({ accountId: 'other', destination: 'C9' }),
    ];
    const planned = campaignDestinations(subject, campaign, subs, ALL_KINDS);
    expect(planned.map((p) => `${p.channelKind}:${p.destination}`).sort()).toEqual([
      'email:ops@example.com',
      'slack:C1',
      'slack:C2',
      'teams:19:abc',
    ]);
    const c1 = planned.find((p) => p.destination === 'C1');
    expect(c1?.subscriptionIds).toEqual([subs[0].id, subs[1].id]);
    expect(c1?.notifyUser).toBe('U7');
    const email = planned.find((p) => p.channelKind === 'email');
    expect(email?.subscriptionIds).toEqual([subs[6].id]); // report_emails and the subscriber are one recipient
    expect(new Set(planned.map((p) => p.id)).size).toBe(planned.length);
  });

  it('plans only the channels this worker can deliver to', () => {
    const subs = [sub({}), sub({ platform: 'teams', workspaceId: 'tenant', destination: '19:abc' })];
    const planned = campaignDestinations(subject, campaign, subs, new Set(['slack'] as const));
    expect(planned.map((p) => p.channelKind)).toEqual(['slack']);
  });

  it('sends the digest to digest subscribers of everything or of a bot', () => {
    const subs = [
      sub({ destination: 'C1', digest: true, summaries: false }),
      sub({ destination: 'C2', digest: true, target: { kind: 'bot', id: 'bot-1' } }),
      sub({ destination: 'C3', digest: true, target: { kind: 'campaign', id: 'cmp' } }),
      sub({ destination: 'C4', digest: false }),
      sub({ platform: 'email', workspaceId: null, destination: 'Digest@Example.com', digest: true }),
    ];
    const planned = digestDestinations({ kind: 'digest', accountId: 'acme', ref: '2026-10' }, subs, ALL_KINDS);
    expect(planned.map((p) => `${p.channelKind}:${p.destination}`).sort()).toEqual([
      'email:digest@example.com',
      'slack:C1',
      'slack:C2',
    ]);
    expect(planned.every((p) => p.reportKind === 'digest' && p.reportRef === '2026-10')).toBe(true);
  });
});

describe('live destinations', () => {
  const subs = [
    sub({ destination: 'CLIVE', live: true, summaries: false }),
    sub({ destination: 'CSUM', live: false }),
    sub({ destination: 'COTHER', live: true, target: { kind: 'bot', id: 'bot-2' } }),
    sub({ destination: 'CBROKEN', live: true, status: 'broken' }),
    sub({ platform: 'email', workspaceId: null, destination: 'live@example.com', live: true }),
    sub({ platform: 'teams', workspaceId: 'tenant', destination: '19:live', live: true }),
  ];

  it('are the chat destinations whose active subscription wants live and covers the campaign', () => {
    const planned = liveDestinations(subject, campaign, subs, new Set(['slack', 'teams'] as const));
    expect(planned.map((p) => `${p.channelKind}:${p.destination}`).sort()).toEqual(['slack:CLIVE', 'teams:19:live']);
  });

  it('share the delivery id of the final report there, and `live` alone also asks for that report', () => {
    const live = liveDestinations(subject, campaign, subs, new Set(['slack'] as const));
    const final = campaignDestinations(subject, campaign, subs, new Set(['slack'] as const));
    expect(final.find((p) => p.destination === 'CLIVE')?.id).toBe(live[0].id);
    expect(final.map((p) => p.destination).sort()).toEqual(['CLIVE', 'CSUM']);
  });
});
