import { DeliveryHarness, startDeliveryHarness } from './support/delivery-harness';
import { callEvents, completionEvent, ingestEvents, ledger, subscribeSlack, waitUntil } from './support/delivery-env';

/**
 * The two guards of the delivery ledger, each shown deterministically (the kill -9 trials notice them
 * only by chance): the row is committed "sending" before the irreversible post, and a row found
 * "sending" is healed from the destination instead of posted again. Slack accepting a post and the
 * answer getting lost (a 502 after the message was stored) needs both: without either, the retry posts
 * a second message.
 */
let h: DeliveryHarness;

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'ledger-guards', settings: { backoffBaseMs: 100 } });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

async function completeCampaign(campaignId: string): Promise<void> {
  const shape = { campaignId, calls: 3, reportEmails: [] };
  await ingestEvents(h.t.db, 'default', [...callEvents(shape), completionEvent(shape)], new Date(Date.now() - 60_000));
}

describe('the delivery ledger when Slack posted but its answer was lost', () => {
  it('keeps the row "sending" after the ambiguous failure, then heals it from the channel: one message, never two', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0LOST', { kind: 'campaign', id: 'ledger-lost-answer' });
    h.slack.failNext('chat.postMessage', { status: 502, error: 'bad_gateway', applied: true });
    await completeCampaign('ledger-lost-answer');

    // The first attempt's answer was lost: the message is in the channel, the ledger must not say "pending".
    const failed = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 502, 20_000);
    expect(failed.body.channel).toBe('C0LOST');
    const row = await waitUntil(
      async () => {
        const r = (await ledger(h.t.db)).find((d) => d.destination === 'C0LOST');
        return r?.status === 'done' ? r : null;
      },
      20_000,
      'delivery done',
    );

    expect(h.slack.messages('C0LOST')).toHaveLength(1);
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0LOST')).toHaveLength(1);
    expect(row.message_ref).toBe(h.slack.messages('C0LOST')[0].ts);
    expect(row.last_error).toBe('found at the destination after an interrupted attempt');
    expect(row.attempts).toBe(2);
  }, 40_000);

  it('posts again after a failure Slack says happened before anything was stored (no message lost)', async () => {
    await subscribeSlack(h.t.db, 'default', 'C0REFUSED', { kind: 'campaign', id: 'ledger-refused' });
    h.slack.failNext('chat.postMessage', { status: 502, error: 'bad_gateway' });
    await completeCampaign('ledger-refused');
    await waitUntil(
      async () => (await ledger(h.t.db)).find((d) => d.destination === 'C0REFUSED')?.status === 'done' || null,
      20_000,
      'delivery done',
    );
    expect(h.slack.messages('C0REFUSED')).toHaveLength(1);
    expect(
      h.slack.calls
        .filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0REFUSED')
        .map((c) => c.status),
    ).toEqual([502, 200]);
  }, 40_000);
});
