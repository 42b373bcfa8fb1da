import { findSubscription } from '../../src/storage/subscriptions';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import { callEvents, ingestEvents, subscribeSlack, waitUntil } from '../integration/delivery/support/delivery-env';

/**
 * Slack's failures as the live message meets them (docs/live.md): a 429 with Retry-After delays the
 * post or the edit and never drops it; a channel the bot was removed from stops that subscription and
 * tells its creator, and the live message is no longer edited.
 */
let h: DeliveryHarness;

beforeAll(async () => {
  h = await startDeliveryHarness({
    label: 'liveerr',
    env: { LIVE_UPDATE_SECONDS: '1' },
    settings: { backoffBaseMs: 200 },
  });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

/** Calls of a running campaign arrive (as the webhook stores them and tells the worker). */
async function callsArrive(campaignId: string, from: number, calls: number): Promise<void> {
  await ingestEvents(h.t.db, 'default', callEvents({ campaignId, from, calls }));
  h.notifier.onIngested('default');
}

const ofChannel = (method: string, channel: string) =>
  h.slack.calls.filter((c) => c.method === method && c.body.channel === channel);

describe('Slack errors and the live message', () => {
  it('waits for Retry-After (2 s) after a 429 on the live post, then posts it once', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0RATEPOST', { kind: 'campaign', id: 'rate-post' }, { live: true });
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await callsArrive('rate-post', 0, 2);
    const ok = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0RATEPOST' && c.status === 200,
      20_000,
    );
    const limited = ofChannel('chat.postMessage', 'C0RATEPOST').find((c) => c.status === 429);
    expect(limited).toBeDefined();
    expect(ok.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_950);
    expect(String(ok.body.text)).toMatch(/^Live:/);
    expect(h.slack.messages('C0RATEPOST')).toHaveLength(1);
  }, 30_000);

  it('waits for Retry-After (2 s) after a 429 on a live edit, then makes the edit with the latest figures', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0RATEEDIT', { kind: 'campaign', id: 'rate-edit' }, { live: true });
    await callsArrive('rate-edit', 0, 1);
    const post = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0RATEEDIT' && c.status === 200,
      20_000,
    );
    h.slack.failNext('chat.update', { status: 429, retryAfter: 2 });
    await callsArrive('rate-edit', 1, 3);
    const ok = await h.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.channel === 'C0RATEEDIT' && c.status === 200,
      20_000,
    );
    const limited = ofChannel('chat.update', 'C0RATEEDIT').find((c) => c.status === 429);
    expect(limited).toBeDefined();
    expect(ok.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_950);
    expect(ok.body.ts).toBe((post.response as { ts: string }).ts);
    expect(String(ok.body.text)).toContain('4 calls');
    expect(h.slack.messages('C0RATEEDIT')).toHaveLength(1);
  }, 30_000);

  it('stops a subscription whose channel removed the bot, tells its maker, and edits no more', async () => {
    const subscription = await subscribeSlack(
      h.t.db,
      'default',
      'C0REMOVED',
      { kind: 'campaign', id: 'removed' },
      { live: true, createdBy: 'U0MAKER' },
    );
    await callsArrive('removed', 0, 1);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0REMOVED', 20_000);
    h.slack.failNext('chat.update', { error: 'not_in_channel' });
    await callsArrive('removed', 1, 1);
    const dm = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0MAKER', 20_000);
    expect(String(dm.body.text)).toContain('I am not a member of the channel any more');
    await waitUntil(
      async () => (await findSubscription(h.t.db, subscription.id))?.status === 'broken',
      5_000,
      'subscription broken',
    );
    const row = await waitUntil(
      async () => h.t.db('deliveries').where({ destination: 'C0REMOVED', live: false }).first() as Promise<unknown>,
      5_000,
      'live ended',
    );
    expect(row).toBeDefined();
    const updatesBefore = ofChannel('chat.update', 'C0REMOVED').length;
    await callsArrive('removed', 2, 2);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // two LIVE_UPDATE_SECONDS: an edit would have come
    expect(ofChannel('chat.update', 'C0REMOVED')).toHaveLength(updatesBefore);
  }, 30_000);
});
