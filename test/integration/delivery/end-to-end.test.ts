import { encryptSecret } from '../../../src/domain/secret-box';
import { signWebhookBody } from '../../../src/domain/webhook-signature';
import { verifyRecordingToken } from '../../../src/domain/recording-token';
import { runCli } from '../../../src/cli/run-cli';
import { DeliveryHarness, startDeliveryHarness } from './support/delivery-harness';
import {
  LINK_SECRET,
  PUBLIC_BASE_URL,
  callEvents,
  completionEvent,
  createAccount,
  ledger,
  subscribeEmail,
  subscribeSlack,
  waitUntil,
} from './support/delivery-env';
import type { SlackMessage } from '../../support/fakes/fake-slack';

const ACCOUNT = 'acme';
const INGEST_SECRET = 'acme-ingest-secret';
const CAMPAIGN = {
  campaignId: 'spring-1',
  name: 'Spring reminders, round 1',
  calls: 6,
  reportEmails: ['ops@example.com', 'Sub@Example.com'],
};

let h: DeliveryHarness;

async function postEvents(events: unknown[]): Promise<void> {
  const body = JSON.stringify(events);
  const signature = signWebhookBody(INGEST_SECRET, Math.floor(Date.now() / 1000), body);
  const res = await fetch(`${h.baseUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-voicebot-account': ACCOUNT, 'x-voicebot-signature': signature },
    body,
  });
  expect(res.status).toBe(202);
}

/** `npm run cli -- calls <id> --csv`, in this process, against the same schema and link settings. */
async function cliCallsCsv(campaignId: string): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    const code = await runCli(['calls', campaignId, '--account', ACCOUNT, '--csv'], {
      DATABASE_URL: h.t.url,
      RECORDING_LINK_SECRET: LINK_SECRET,
      PUBLIC_BASE_URL,
    });
    expect(code).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** Recording links carry their expiry (a second apart between two renders): compare them by what they name. */
function normaliseLinks(csv: string): string {
  return csv.replace(/\/r\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g, (_, token: string) => {
    const check = verifyRecordingToken(token, LINK_SECRET, Math.floor(Date.now() / 1000));
    return check.ok ? `/r/<${check.claim.accountId}/${check.claim.callId}>` : '/r/<forged>';
  });
}

/** QUICKCHART_BASE_URL=off: every chart image is a PNG uploaded to Slack without a channel, shown by file id. */
function expectUploadedCharts(message: SlackMessage, slack: DeliveryHarness['slack']): string[] {
  const images = ((message.blocks ?? []) as { type: string; slack_file?: { id: string }; image_url?: string }[]).filter(
    (b) => b.type === 'image',
  );
  expect(images.length).toBeGreaterThanOrEqual(2);
  return images.map((image) => {
    expect(image.image_url).toBeUndefined();
    const file = slack.files().find((f) => f.id === image.slack_file?.id);
    expect(file?.completed).toBe(true);
    expect(file?.channelId).toBeUndefined();
    expect(file?.bytes?.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    return file?.id ?? '';
  });
}

function openFullReportUrl(message: SlackMessage): string {
  const blocks = JSON.stringify(message.blocks ?? []);
  const match = /"url":"(http[^"]+\/reports\/[^"]+)"/.exec(blocks);
  if (!match) throw new Error('no "Open full report" button');
  return match[1];
}

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'e2e' });
  await createAccount(h.t.db, ACCOUNT, {
    ingestSecretSealed: encryptSecret(INGEST_SECRET, h.config.encryptionKey as Buffer),
  });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0ALL', { kind: 'all', id: '' });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0ALL', { kind: 'bot', id: 'bot-1' }); // same channel twice: still one message
  await subscribeSlack(h.t.db, ACCOUNT, 'C0BOT', { kind: 'bot', id: 'bot-1' });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0OTHER', { kind: 'bot', id: 'bot-2' });
  await subscribeSlack(h.t.db, ACCOUNT, 'C0DIGEST', { kind: 'all', id: '' }, { summaries: false, digest: true });
  await subscribeEmail(h.t.db, ACCOUNT, 'sub@example.com');
}, 30_000);
afterAll(() => h?.stop(), 30_000);

describe('automatic delivery, end to end', () => {
  let first: Record<string, SlackMessage>;
  let firstCharts: Record<string, string[]>;

  it('posts the summary once in every subscribed channel and emails every recipient once', async () => {
    await postEvents([...callEvents(CAMPAIGN), completionEvent(CAMPAIGN)]);
    const postedAll = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0ALL', 20_000);
    const postedBot = h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0BOT', 20_000);
    await Promise.all([postedAll, postedBot]);
    const mails = await h.smtp.waitForCount(2, 20_000);
    await waitUntil(
      async () => (await ledger(h.t.db, ACCOUNT)).every((row) => row.status === 'done'),
      10_000,
      'ledger done',
    );

    expect(h.slack.messages('C0ALL')).toHaveLength(1);
    expect(h.slack.messages('C0BOT')).toHaveLength(1);
    expect(h.slack.messages('C0OTHER')).toHaveLength(0);
    expect(h.slack.messages('C0DIGEST')).toHaveLength(0);
    first = { C0ALL: h.slack.messages('C0ALL')[0], C0BOT: h.slack.messages('C0BOT')[0] };
    expect(first.C0ALL.text).toContain('Spring reminders, round 1');
    expect(first.C0ALL.metadata?.event_type).toBe('campaign_report_delivery');
    firstCharts = {
      C0ALL: expectUploadedCharts(first.C0ALL, h.slack),
      C0BOT: expectUploadedCharts(first.C0BOT, h.slack),
    };

    const rows = await ledger(h.t.db, ACCOUNT);
    expect(rows.map((r) => `${r.channel_kind}:${r.destination}`).sort()).toEqual([
      'email:ops@example.com',
      'email:sub@example.com',
      'slack:C0ALL',
      'slack:C0BOT',
    ]);
    const slackRow = rows.find((r) => r.destination === 'C0ALL');
    expect(first.C0ALL.metadata?.event_payload.delivery_id).toBe(slackRow?.id);
    expect(slackRow?.message_ref).toBe(first.C0ALL.ts);

    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['ops@example.com', 'sub@example.com']);
    for (const mail of mails) {
      const row = rows.find((r) => r.destination === mail.envelopeTo[0]);
      expect(mail.messageId).toBe(row?.message_ref);
    }
  }, 40_000);

  it('sends an email with an HTML part, a text part, CID charts and the CSV of `calls --csv`', async () => {
    const mail = h.smtp.received.find((m) => m.envelopeTo[0] === 'ops@example.com');
    if (!mail) throw new Error('no email for ops@example.com');
    const parsed = await mail.parsed();
    expect(parsed.subject).toContain('Spring reminders, round 1');
    expect(parsed.subject).toMatch(/answer rate \d/);
    expect(parsed.text).toContain('Spring reminders, round 1');
    expect(typeof parsed.html).toBe('string');
    const html = parsed.html as string;
    expect(html).not.toMatch(/<img[^>]+src="https?:/);
    const images = parsed.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      expect(image.cid).toBeTruthy();
      expect(html).toContain(`cid:${image.cid}`);
      expect(image.content.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
    const csv = parsed.attachments.find((a) => a.filename?.endsWith('.csv'));
    if (!csv) throw new Error('no CSV attachment');
    expect(csv.filename).toBe('calls-spring-1.csv');
    expect(normaliseLinks(csv.content.toString('utf8'))).toBe(normaliseLinks(await cliCallsCsv('spring-1')));
    expect(csv.content.toString('utf8').split('\r\n')).toHaveLength(CAMPAIGN.calls + 2);
    expect(html).toContain('Open full report');
  });

  it('links "Open full report" to a page with data: charts and a player per recording through /r/', async () => {
    const url = openFullReportUrl(first.C0ALL);
    expect(url.startsWith(`${PUBLIC_BASE_URL}/reports/`)).toBe(true);
    const res = await fetch(url.replace(PUBLIC_BASE_URL, h.baseUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('img-src data:');
    const page = await res.text();
    expect(page).toContain('Spring reminders, round 1');
    expect(page).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    const players = page.match(/<audio controls[^>]+src="([^"]+)"/g) ?? [];
    expect(players).toHaveLength(3); // the answered calls have recordings
    expect(page).toContain(`${PUBLIC_BASE_URL}/r/`);
    expect(page).not.toContain('recordings.example.com');

    expect((await fetch(`${h.baseUrl}/reports/not-a-token`)).status).toBe(404);
  });

  it('edits the same message when a late call arrives, marked updated, and posts nothing new', async () => {
    const postsBefore = h.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    const emailsBefore = h.smtp.received.length;
    await postEvents(callEvents({ ...CAMPAIGN, calls: 1, from: 6 }));
    const editAll = await h.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'C0ALL', 15_000);
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'C0BOT', 15_000);
    expect(editAll.body.ts).toBe(first.C0ALL.ts);
    await waitUntil(
      async () =>
        (await ledger(h.t.db, ACCOUNT))
          .filter((r) => r.channel_kind === 'slack')
          .every((r) => r.delivered_revision === 1),
      10_000,
      'edits recorded',
    );

    for (const channel of ['C0ALL', 'C0BOT']) {
      const messages = h.slack.messages(channel);
      expect(messages).toHaveLength(1);
      expect(messages[0].ts).toBe(first[channel].ts);
      expect(messages[0].edited).toBeDefined();
      expect(messages[0].text).toContain(', updated):');
      expect(messages[0].text).toContain('7 calls');
      // The edit shows charts of the new figures: freshly drawn and uploaded.
      expect(expectUploadedCharts(messages[0], h.slack).filter((id) => firstCharts[channel].includes(id))).toEqual([]);
    }
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(postsBefore);
    expect(h.smtp.received).toHaveLength(emailsBefore);
  }, 30_000);
});
