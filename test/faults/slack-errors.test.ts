import { findSubscription } from '../../src/storage/subscriptions';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeSlack,
  waitUntil,
} from '../integration/delivery/support/delivery-env';

/**
 * Slack's failures as the delivery job meets them: rate limits wait for Retry-After, 5xx retries (after
 * checking the channel for the message), a channel that is gone stops the delivery, breaks the
 * subscription and tells its creator, refused blocks fall back to text, one message a second a channel.
 */
let h: DeliveryHarness;

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'slackerr', settings: { backoffBaseMs: 200 } });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

/** A campaign that is already settled, subscribed by the given channels; completes at the next tick. */
async function completeCampaign(campaignId: string, channels: string[]): Promise<void> {
  for (const channel of channels)
    await subscribeSlack(h.t.db, 'default', channel, { kind: 'campaign', id: campaignId });
  const shape = { campaignId, calls: 3 };
  await ingestEvents(h.t.db, 'default', [...callEvents(shape), completionEvent(shape)], new Date(Date.now() - 60_000));
}

const accepted = (channel: string) => (c: { method: string; body: Record<string, unknown>; response: unknown }) =>
  c.method === 'chat.postMessage' && c.body.channel === channel && (c.response as { ok?: boolean }).ok === true;
const posts = (channel: string) =>
  h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);
const rowsOf = async (campaignId: string) => (await ledger(h.t.db)).filter((r) => r.report_ref === campaignId);

describe('Slack errors during delivery', () => {
  it('waits for Retry-After (2 s) after a 429, then posts once', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    await completeCampaign('rate-limited', ['C0RATE']);
    const ok = await h.slack.waitFor(accepted('C0RATE'), 15_000);
    const limited = posts('C0RATE').find((c) => c.status === 429);
    expect(limited).toBeDefined();
    expect(ok.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_950);
    expect(h.slack.messages('C0RATE')).toHaveLength(1);
    await waitUntil(async () => (await rowsOf('rate-limited'))[0]?.status === 'done', 5_000, 'ledger done');
  }, 20_000);

  it('retries after a 500, looking in the channel first, and posts once', async () => {
    h.slack.failNext('chat.postMessage', { status: 500 });
    await completeCampaign('server-error', ['C0FIVE']);
    await h.slack.waitFor(accepted('C0FIVE'), 15_000);
    expect(posts('C0FIVE').map((c) => c.status)).toEqual([500, 200]);
    const history = h.slack.calls.filter((c) => c.method === 'conversations.history' && c.body.channel === 'C0FIVE');
    expect(history.length).toBeGreaterThanOrEqual(1); // a 5xx may hide an accepted post: look before posting again
    expect(h.slack.messages('C0FIVE')).toHaveLength(1);
    const [row] = await waitUntil(
      async () => {
        const rows = await rowsOf('server-error');
        return rows[0]?.status === 'done' ? rows : null;
      },
      5_000,
      'ledger done',
    );
    expect(row.attempts).toBe(2);
  }, 20_000);

  it('stops on channel_not_found, marks the subscription broken and tells its creator', async () => {
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await completeCampaign('gone', ['C0GONE']);
    const dm = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0CREATOR', 15_000);
    expect(String(dm.body.text)).toContain('gone');
    expect(String(dm.body.text)).toContain('no longer exists');
    const [row] = await waitUntil(
      async () => {
        const rows = await rowsOf('gone');
        return rows[0]?.status === 'failed' ? rows : null;
      },
      5_000,
      'ledger failed',
    );
    expect(row.last_error).toContain('channel_not_found');
    const subscriptions = await h.t.db('subscriptions').where({ destination: 'C0GONE' });
    expect(subscriptions).toHaveLength(1);
    const subscription = await findSubscription(h.t.db, Number(subscriptions[0].id));
    expect(subscription).toMatchObject({ status: 'broken', brokenReason: 'channel_not_found' });
    expect(posts('C0GONE')).toHaveLength(1); // never retried
    expect(h.slack.messages('C0GONE')).toHaveLength(0);
  }, 20_000);

  it('falls back to a plainer message, never two, when Slack refuses the blocks', async () => {
    h.slack.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await completeCampaign('bad-blocks', ['C0BLOCKS']);
    await h.slack.waitFor(accepted('C0BLOCKS'), 15_000);
    expect(posts('C0BLOCKS').map((c) => (c.response as { error?: string }).error ?? 'ok')).toEqual([
      'invalid_blocks',
      'ok',
    ]);
    const [message] = h.slack.messages('C0BLOCKS');
    expect(h.slack.messages('C0BLOCKS')).toHaveLength(1);
    const blocks = (message.blocks ?? []) as Array<{ type: string }>;
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.type === 'image')).toEqual([]);
    expect(message.text).toContain('answer rate');
  }, 20_000);

  it('falls back to the text alone when Slack refuses every kind of blocks', async () => {
    // With charts uploaded, text tables in Slack's table block, the same as text tables, then the text alone.
    h.slack.failNext('chat.postMessage', { error: 'invalid_blocks', times: 3 });
    await completeCampaign('no-blocks', ['C0NOBLOCKS']);
    await h.slack.waitFor(accepted('C0NOBLOCKS'), 15_000);
    expect(posts('C0NOBLOCKS').map((c) => (c.response as { error?: string }).error ?? 'ok')).toEqual([
      'invalid_blocks',
      'invalid_blocks',
      'invalid_blocks',
      'ok',
    ]);
    const [message] = h.slack.messages('C0NOBLOCKS');
    expect(h.slack.messages('C0NOBLOCKS')).toHaveLength(1);
    expect(message.blocks ?? []).toEqual([]);
    expect(message.text).toContain('answer rate');
  }, 20_000);

  it('posts at most one message a second in a channel', async () => {
    for (const id of ['burst-1', 'burst-2', 'burst-3']) await completeCampaign(id, ['C0BURST']);
    await waitUntil(async () => h.slack.messages('C0BURST').length === 3 || null, 15_000, 'three posts');
    const times = posts('C0BURST')
      .map((c) => c.at)
      .sort((a, b) => a - b);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(950);
  }, 20_000);
});
