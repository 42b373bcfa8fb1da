import pino from 'pino';
import { Writable } from 'node:stream';
import { reportPageUrl } from '../../../src/domain/report-page-token';
import { linkSecretsOf } from '../../../src/reports/recording-links';
import { FakeSlack, startFakeSlack } from '../../support/fakes/fake-slack';
import { TestDb, createTestDb } from '../../support/test-db';
import { sendEvent } from './support/native-surface-requests';
import { PUBLIC_BASE_URL, SlackHarness, startSlackHarness } from './support/slack-harness';
import { ACCOUNT_B, SECRET_CAMPAIGN, TEAM_A, TEAM_B, TEAM_UNLINKED, seedTwoAccounts } from './support/two-accounts';

describe('report page links pasted in Slack unfurl only in the workspace of their account', () => {
  let t: TestDb;
  let fake: FakeSlack;
  let h: SlackHarness;
  const logs: { level: number; msg: string; reason?: string; teamId?: string }[] = [];
  let secret = '';

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    fake = await startFakeSlack();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    h = await startSlackHarness({ db: t.db, fake, logger: pino({ level: 'warn' }, sink) });
    secret = linkSecretsOf(h.config)!.current;
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await t?.drop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const linkOf = (accountId: string, campaignId: string, at = now()) =>
    reportPageUrl(PUBLIC_BASE_URL, accountId, campaignId, secret, at);

  async function paste(teamId: string, urls: string[], extra: Record<string, unknown> = {}): Promise<void> {
    const event = {
      type: 'link_shared',
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      message_ts: '1700000000.000200',
      links: urls.map((url) => ({ url, domain: 'reports.example.test' })),
      event_ts: '1700000000.000300',
      ...extra,
    };
    const ack = await sendEvent(h, teamId, event);
    expect(ack.status).toBe(200);
    await h.surface.idle();
  }

  it("unfurls a link of the workspace's account into the campaign's state and key figures", async () => {
    const url = linkOf('default', 'cmp-1-000');
    await paste(TEAM_A, [url]);
    const [unfurl] = fake.views.unfurls().slice(-1);
    expect(unfurl).toMatchObject({ channel: 'C0GENERAL', ts: '1700000000.000200' });
    const text = JSON.stringify(unfurl.unfurls[url]);
    expect(text).toContain('Nhắc nợ');
    expect(text).toContain('cmp-1-000');
    expect(text).toContain('Answer rate');
    expect(text).not.toMatch(/\+84|recordings\.example/);
  });

  it('unfurls in the message composer too (unfurl_id and source)', async () => {
    const url = linkOf('default', 'cmp-1-002');
    await paste(TEAM_A, [url], {
      unfurl_id: 'U0COMPOSER',
      source: 'composer',
      channel: 'COMPOSER',
      message_ts: 'U0COMPOSER',
    });
    const [unfurl] = fake.views.unfurls().slice(-1);
    expect(unfurl).toMatchObject({ unfurlId: 'U0COMPOSER', source: 'composer' });
    expect(JSON.stringify(unfurl.unfurls[url])).toContain('Survey, NPS');
  });

  it.each([
    ["another account's link", TEAM_A, () => linkOf(ACCOUNT_B, SECRET_CAMPAIGN), 'other-account'],
    ['a link pasted in a workspace with no account', TEAM_UNLINKED, () => linkOf('default', 'cmp-1-000'), 'unlinked'],
    [
      'a forged link',
      TEAM_B,
      () => linkOf(ACCOUNT_B, SECRET_CAMPAIGN).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      'forged',
    ],
    ['an expired link', TEAM_B, () => linkOf(ACCOUNT_B, SECRET_CAMPAIGN, now() - 200 * 24 * 3600), 'expired'],
    ['a link to a campaign that is gone', TEAM_A, () => linkOf('default', 'no-such-campaign'), 'gone'],
    [
      'a link signed for another account seen from its workspace',
      TEAM_B,
      () => linkOf('default', 'cmp-1-000'),
      'other-account',
    ],
  ])('shows nothing for %s, and logs the attempt', async (_what, teamId, link, reason) => {
    const unfurlsBefore = fake.views.unfurls().length;
    const logsBefore = logs.length;
    await paste(teamId, [link()]);
    expect(fake.calls.filter((c) => c.method === 'chat.unfurl')).toHaveLength(unfurlsBefore);
    const warned = logs.slice(logsBefore).find((entry) => entry.msg === 'report link not previewed');
    expect(warned).toMatchObject({ level: 40, reason, teamId });
  });

  it('unfurls only the good link of several, and ignores other addresses and the CSV download', async () => {
    const good = linkOf('default', 'cmp-1-001');
    const others = [
      `${good}.csv`,
      'https://elsewhere.example.test/reports/abc.def',
      `${PUBLIC_BASE_URL}/reports/<script>`,
      `${PUBLIC_BASE_URL}/reports/${'a'.repeat(5000)}.b`,
      linkOf(ACCOUNT_B, SECRET_CAMPAIGN),
    ];
    await paste(TEAM_A, [...others, good]);
    const [unfurl] = fake.views.unfurls().slice(-1);
    expect(Object.keys(unfurl.unfurls)).toEqual([good]);
    expect(JSON.stringify(unfurl)).not.toContain('Zeta');
  });

  it('answers a malformed event with 200 and shows nothing', async () => {
    const before = fake.views.unfurls().length;
    await paste(TEAM_A, [], { links: 'not a list' });
    await paste(TEAM_A, [], { links: [{ url: 42 }, null] });
    expect(fake.views.unfurls()).toHaveLength(before);
  });
});
