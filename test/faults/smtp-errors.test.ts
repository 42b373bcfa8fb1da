import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  callEvents,
  completionEvent,
  ingestEvents,
  ledger,
  subscribeEmail,
  waitUntil,
} from '../integration/delivery/support/delivery-env';

/** SMTP answers during delivery: 4xx is "later" (retried, sent once), 5xx is final (stopped, not retried). */
let h: DeliveryHarness;

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'smtperr', settings: { backoffBaseMs: 200 } });
}, 30_000);
afterAll(() => h?.stop(), 30_000);

async function completeCampaign(campaignId: string, reportEmails: string[]): Promise<void> {
  const shape = { campaignId, calls: 3, reportEmails };
  await ingestEvents(h.t.db, 'default', [...callEvents(shape), completionEvent(shape)], new Date(Date.now() - 60_000));
}

const rowFor = async (address: string) => (await ledger(h.t.db)).find((r) => r.destination === address);

describe('SMTP errors during delivery', () => {
  it('retries after 421 at the end of DATA and delivers once', async () => {
    h.smtp.failNext({ stage: 'data', code: 421, message: 'try again later', recipient: 'later@example.com' });
    await completeCampaign('smtp-421', ['later@example.com']);
    const row = await waitUntil(
      async () => {
        const r = await rowFor('later@example.com');
        return r?.status === 'done' ? r : null;
      },
      15_000,
      'email delivered',
    );
    const replies = h.smtp.attempts
      .filter((a) => a.stage === 'data' && a.recipient === 'later@example.com')
      .map((a) => a.code);
    expect(replies).toEqual([421, 250]);
    const mails = h.smtp.received.filter((m) => m.envelopeTo[0] === 'later@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(row.message_ref);
    expect(row.attempts).toBe(2);
  }, 20_000);

  it('retries after 421 at RCPT and delivers once', async () => {
    h.smtp.failNext({ stage: 'rcpt', code: 421, recipient: 'busy@example.com' });
    await completeCampaign('smtp-421-rcpt', ['busy@example.com']);
    await waitUntil(
      async () => (await rowFor('busy@example.com'))?.status === 'done' || null,
      15_000,
      'email delivered',
    );
    expect(h.smtp.received.filter((m) => m.envelopeTo[0] === 'busy@example.com')).toHaveLength(1);
  }, 20_000);

  it('stops on 550, never retries, and breaks the email subscription', async () => {
    const subscription = await subscribeEmail(h.t.db, 'default', 'nobody@example.com');
    h.smtp.failNext({ stage: 'rcpt', code: 550, message: 'no such user', recipient: 'nobody@example.com', times: 5 });
    await completeCampaign('smtp-550', []);
    const row = await waitUntil(
      async () => {
        const r = await rowFor('nobody@example.com');
        return r?.status === 'failed' ? r : null;
      },
      15_000,
      'email failed',
    );
    expect(row.last_error).toContain('smtp_550');
    // The job marks the row failed first and the subscription broken after it: wait for that, do not read early.
    const stored = await waitUntil(
      async () => {
        const r = await h.t.db('subscriptions').where({ id: subscription.id }).first();
        return r?.status === 'broken' ? r : null;
      },
      15_000,
      'subscription marked broken',
    );
    expect(stored).toMatchObject({ status: 'broken', broken_reason: 'smtp_550' });
    // A retry would come after the back-off (200 ms here); give it five times that to show up. None does.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.smtp.attempts.filter((a) => a.recipient === 'nobody@example.com')).toHaveLength(1);
    expect(h.smtp.received.filter((m) => m.envelopeTo[0] === 'nobody@example.com')).toHaveLength(0);
  }, 20_000);
});
