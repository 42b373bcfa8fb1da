import { Job } from 'bullmq';
import { lastFullMonth } from '../../src/domain/time-zone';
import { JOB_NAMES } from '../../src/jobs/queues';
import { DeliveryHarness, startDeliveryHarness } from '../integration/delivery/support/delivery-harness';
import {
  BOT_TOKEN,
  FAST_SETTINGS,
  LINK_SECRET,
  callEvents,
  ingestEvents,
  ledger,
  subscribeEmail,
  subscribeSlack,
  waitUntil,
} from '../integration/delivery/support/delivery-env';
import { WorkerChild, spawnWorkerChild } from './support/child-process';

/**
 * Two scheduler processes fire the monthly digest cron (every second here) for the same account and
 * month, again and again: the digest goes to each subscriber once. Completed digest jobs are not kept
 * (keepCompleted 0), so later ticks really run the job again and only the ledger stops a second send.
 */
let h: DeliveryHarness;
const schedulers: WorkerChild[] = [];

beforeAll(async () => {
  h = await startDeliveryHarness({ label: 'digest', scheduler: false, settings: { keepCompleted: 0 } });
}, 30_000);
afterAll(async () => {
  for (const child of schedulers) await child.kill9();
  await h?.stop();
}, 30_000);

describe('the monthly digest with two schedulers', () => {
  it('reaches every digest subscriber once per account and month', async () => {
    const month = lastFullMonth(new Date(), 'Asia/Ho_Chi_Minh');
    await subscribeSlack(h.t.db, 'default', 'C0DIGEST', { kind: 'all', id: '' }, { summaries: false, digest: true });
    await subscribeSlack(h.t.db, 'default', 'C0SUMMARY', { kind: 'all', id: '' }, { summaries: true, digest: false });
    await subscribeEmail(h.t.db, 'default', 'digest@example.com', { summaries: false, digest: true });
    const start = new Date(`${month}-10T03:00:00Z`);
    await ingestEvents(h.t.db, 'default', callEvents({ campaignId: 'digest-campaign', calls: 5, start }));

    let digestRuns = 0;
    h.worker?.workers[0].on('completed', (job: Job) => {
      if (job.name === JOB_NAMES.digest) digestRuns += 1;
    });
    const spec = {
      env: {
        DATABASE_URL: h.t.url,
        REDIS_URL: h.config.redisUrl,
        SLACK_API_URL: h.slack.apiUrl,
        SMTP_URL: h.smtp.url,
        QUICKCHART_BASE_URL: 'off',
        RECORDING_LINK_SECRET: LINK_SECRET,
        MONTHLY_DIGEST_CRON: '* * * * * *',
        COMPLETION_CHECK_SECONDS: '1',
        LOG_LEVEL: 'silent',
      },
      prefix: h.prefix,
      settings: { ...FAST_SETTINGS, keepCompleted: 0 },
      roles: ['scheduler' as const],
      botToken: BOT_TOKEN,
    };
    schedulers.push(...(await Promise.all([spawnWorkerChild(spec), spawnWorkerChild(spec)])));

    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0DIGEST', 15_000);
    await h.smtp.waitForCount(1, 15_000);
    await waitUntil(async () => digestRuns >= 4 || null, 15_000, 'four digest job runs');

    expect(h.slack.messages('C0DIGEST')).toHaveLength(1);
    expect(h.slack.messages('C0DIGEST')[0].text).toContain(`Usage ${month}`);
    expect(h.slack.messages('C0SUMMARY')).toHaveLength(0);
    const mails = h.smtp.received.filter((m) => m.envelopeTo[0] === 'digest@example.com');
    expect(mails).toHaveLength(1);
    const parsed = await mails[0].parsed();
    expect(parsed.subject).toContain(`Usage report ${month}`);
    expect(parsed.attachments.some((a) => a.contentType === 'image/png' && a.cid)).toBe(true);
    const rows = (await ledger(h.t.db)).filter((r) => r.report_kind === 'digest');
    expect(rows.map((r) => `${r.report_ref} ${r.destination} ${r.status}`).sort()).toEqual([
      `${month} C0DIGEST done`,
      `${month} digest@example.com done`,
    ]);
  }, 40_000);
});
