import { createReportPageToken, reportPageUrl } from '../../../src/domain/report-page-token';
import { ingestRequest } from '../../../src/ingest/ingest-request';
import { linkSecretsOf } from '../../../src/reports/recording-links';
import { upsertAccount } from '../../../src/storage/accounts';
import { linkWorkspace } from '../../../src/storage/workspace-links';
import { parseAdaptiveCard, parsedActions, parsedTexts } from '../../support/adaptive-card-parser';
import { FakeBotConnector, startFakeBotConnector } from '../../support/fakes/fake-bot-connector';
import { loadSample } from '../../support/sample-data';
import { TestDb, createTestDb } from '../../support/test-db';
import {
  PUBLIC_BASE_URL,
  TENANT,
  TeamsHarness,
  linkTenant,
  startTeamsHarness,
  teamsActivity,
} from './support/teams-harness';

/** Each suite its own app id: botframework-connector caches outbound tokens per app id for the whole process. */
const APP_ID = 'a1b2c3d4-0000-4000-8000-teams-mext-01';
const APP_PASSWORD = 'not-a-real-secret-teams-mext';
const OTHER_TENANT = '72f988bf-0000-4000-8000-00000000bbbb';
const UNLINKED_TENANT = '72f988bf-0000-4000-8000-00000000cccc';

interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview: { contentType: string; content: { title: string; text: string } };
}
interface ComposeAnswer {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

function call(i: number, fields: Record<string, unknown>): Record<string, unknown> {
  const started = new Date(Date.now() - (10 - i) * 60_000);
  return {
    type: 'call.completed',
    call_id: `call-mext-${fields.campaign_id as string}-${i}`,
    bot_id: 'bot-x',
    customer_id: `cus-${i}`,
    phone: '+84900000001',
    attempt: 1,
    started_at: started.toISOString(),
    answered_at: new Date(started.getTime() + 5_000).toISOString(),
    ended_at: new Date(started.getTime() + 65_000).toISOString(),
    result_code: 'PAID',
    messages: 3,
    blocks: 1,
    ...fields,
  };
}

async function ingest(t: TestDb, accountId: string, events: Record<string, unknown>[]): Promise<void> {
  await ingestRequest(t.db, accountId, Buffer.from(JSON.stringify(events)), 'application/json');
}

describe('Teams message extension: the campaign search command and report link unfurling', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let linkSecret: string;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
    await linkTenant(t.db);
    // Calls minutes ago and no completion: running, so it comes first.
    await ingest(
      t,
      'default',
      [0, 1].map((i) => call(i, { campaign_id: 'cmp-live', campaign_name: 'Live now' })),
    );
    await upsertAccount(t.db, 'other', { locale: 'vi-VN', timeZone: 'Asia/Ho_Chi_Minh' }, 'UTC');
    await ingest(t, 'other', [
      call(0, { campaign_id: 'cmp-other-secret', campaign_name: 'Secret of another account' }),
    ]);
    await linkWorkspace(t.db, 'teams', OTHER_TENANT, 'other');
    connector = await startFakeBotConnector({ appPasswords: { [APP_ID]: APP_PASSWORD } });
    harness = await startTeamsHarness(t.db, {
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        BOTFRAMEWORK_OPENID_METADATA_URL: connector.openIdMetadataUrl,
        BOTFRAMEWORK_TOKEN_ISSUER: connector.issuer,
        BOTFRAMEWORK_LOGIN_URL: connector.loginUrl,
        QUICKCHART_BASE_URL: 'https://quickchart.example.com',
      },
    });
    linkSecret = linkSecretsOf(harness.config)!.current;
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await connector?.close();
    await t?.drop();
  });
  beforeEach(() => {
    connector.reset();
    harness.logs.length = 0;
  });

  const signed = () => `Bearer ${connector.signInboundToken({ appId: APP_ID, serviceUrl: connector.url })}`;

  async function invoke(name: string, value: unknown, tenantId = TENANT): Promise<ComposeAnswer> {
    const activity = teamsActivity(connector, 'invoke', { name, value }, { tenantId, conversationType: 'personal' });
    const response = await harness.post(activity, signed());
    expect(response.status).toBe(200);
    // The answer is the HTTP response: nothing is posted to the conversation.
    expect(connector.calls.filter((c) => c.operation === 'send' || c.operation === 'reply')).toEqual([]);
    return (await response.json()) as ComposeAnswer;
  }

  const search = (text: string | null, tenantId = TENANT, queryOptions = { skip: 0, count: 25 }) =>
    invoke(
      'composeExtension/query',
      {
        commandId: 'searchCampaigns',
        parameters: text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'campaign', value: text }],
        queryOptions,
      },
      tenantId,
    );
  const unfurl = (url: string, tenantId = TENANT) => invoke('composeExtension/queryLink', { url }, tenantId);
  const ids = (answer: ComposeAnswer) =>
    (answer.composeExtension.attachments ?? []).map(
      (a) => (a.content.actions as { data: { command: string } }[])[0].data.command,
    );
  const warnings = () => harness.logs.filter((line) => line.msg === 'teams report link not unfurled');

  it("lists the tenant account's campaigns when opened, running first, each a card Microsoft's parser reads", async () => {
    const answer = await search(null);
    expect(answer.composeExtension.type).toBe('result');
    expect(answer.composeExtension.attachmentLayout).toBe('list');
    const found = ids(answer);
    expect(found[0]).toBe('cmp-live');
    expect(found).toEqual(expect.arrayContaining(['cmp-1-000']));
    expect(found).not.toContain('cmp-other-secret');
    const [first] = answer.composeExtension.attachments!;
    expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first.preview).toEqual({
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: { title: 'Live now', text: 'cmp-live · Running · voicebot bot-x', images: [], buttons: [] },
    });
    for (const attachment of answer.composeExtension.attachments!) {
      const parsed = parseAdaptiveCard(attachment.content);
      expect(parsed.problems).toEqual([]);
    }
    const parsed = parseAdaptiveCard(first.content);
    expect(parsedTexts(parsed)).toEqual(expect.arrayContaining(['Live now', 'cmp-live', 'Running', 'bot-x']));
    expect(parsedActions(parsed)).toEqual([
      { type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-live' } },
      { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-live' } },
    ]);
  });

  it('searches by the start of the id or the name, and pages as Teams asks', async () => {
    expect(ids(await search('cmp-1-00'))).toEqual(expect.arrayContaining(['cmp-1-000']));
    for (const id of ids(await search('cmp-1-00'))) expect(id.startsWith('cmp-1-00')).toBe(true);
    expect(ids(await search('live'))).toEqual(['cmp-live']);
    const all = ids(await search(null));
    expect(ids(await search(null, TENANT, { skip: 1, count: 2 }))).toEqual(all.slice(1, 3));
  });

  it("gives hostile, wildcard, enormous or foreign searches a small empty answer, never another account's campaigns", async () => {
    for (const text of ['%', '_', '\\', "' or 1=1 --", '<at>everyone</at>', 'cmp-other', 'Secret']) {
      const answer = await search(text);
      expect({ text, found: ids(answer) }).toEqual({ text, found: [] });
    }
    // NUL (which PostgreSQL refuses in text) is a space, not a 500.
    expect(ids(await search('\u0000cmp-live\u0000'))).toEqual(['cmp-live']);
    const enormous = await search(`cmp-1-000${'A'.repeat(300_000)}`);
    expect(ids(enormous)).toEqual([]);
    // The other tenant sees its own account only, in its language.
    const other = await search(null, OTHER_TENANT);
    expect(ids(other)).toEqual(['cmp-other-secret']);
    expect(parsedTexts(parseAdaptiveCard(other.composeExtension.attachments![0].content))).toContain('Đang chạy');
    const bad = await invoke('composeExtension/query', { commandId: 'somethingElse', parameters: 'nope' });
    expect(bad.composeExtension.attachments).toEqual([]);
  });

  it('tells a tenant that is not linked what to do, and shows it nothing', async () => {
    const answer = await search(null, UNLINKED_TENANT);
    expect(answer.composeExtension).toEqual({
      type: 'message',
      text: `This Microsoft Teams tenant is not linked to an account yet, so there is nothing to search. An operator links it with: npm run cli -- link teams ${UNLINKED_TENANT} <account_id>`,
    });
  });

  it("unfurls a report link in a tenant linked to the report's account into a compact summary", async () => {
    const url = reportPageUrl(PUBLIC_BASE_URL, 'default', 'cmp-1-000', linkSecret, Math.floor(Date.now() / 1000));
    const answer = await unfurl(url);
    expect(answer.composeExtension.attachments).toHaveLength(1);
    const [attachment] = answer.composeExtension.attachments!;
    const parsed = parseAdaptiveCard(attachment.content);
    expect(parsed.problems).toEqual([]);
    const texts = parsedTexts(parsed);
    expect(texts).toEqual(expect.arrayContaining(['Campaign report', 'Đợt 0, "Nhắc nợ "Tháng", vòng 1"', 'cmp-1-000']));
    const facts = JSON.stringify(attachment.content);
    for (const figure of [
      '"Total calls","value":"43"',
      '"Answer rate","value":"41.9%"',
      '"Total cost","value":"128,138 ₫"',
    ])
      expect(facts.replace(/"title":/g, '')).toContain(figure);
    expect(parsedActions(parsed)).toEqual([
      { type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-1-000' } },
      { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } },
      { type: 'Action.OpenUrl', title: 'Open full report', url },
    ]);
    expect(attachment.preview.content.title).toBe('Đợt 0, "Nhắc nợ "Tháng", vòng 1"');
    expect(warnings()).toEqual([]);
  });

  it('unfurls nothing for another tenant, an unlinked one, or a forged, expired, foreign or enormous link, and logs why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = reportPageUrl(PUBLIC_BASE_URL, 'default', 'cmp-1-000', linkSecret, now);
    const token = good.split('/reports/')[1];
    const expired = `${PUBLIC_BASE_URL}/reports/${createReportPageToken(
      { accountId: 'default', campaignId: 'cmp-1-000', expiresAt: now - 60 },
      linkSecret,
    )}`;
    const forged = `${PUBLIC_BASE_URL}/reports/${token.slice(0, -4)}AAAA`;
    const otherSecret = reportPageUrl(
      PUBLIC_BASE_URL,
      'default',
      'cmp-1-000',
      'another-secret-of-32-characters-xx',
      now,
    );
    const cases: [string, string, string][] = [
      [good, OTHER_TENANT, "tenant linked to another account than the report's"],
      [good, UNLINKED_TENANT, 'tenant not linked'],
      [expired, TENANT, 'expired'],
      [forged, TENANT, 'forged'],
      [otherSecret, TENANT, 'forged'],
      [good.replace(PUBLIC_BASE_URL, 'https://evil.example.com'), TENANT, 'not a report link'],
      [`${good}${'A'.repeat(5000)}`, TENANT, 'not a report link'],
    ];
    for (const [url, tenant, reason] of cases) {
      harness.logs.length = 0;
      const answer = await unfurl(url, tenant);
      expect({ reason, answer }).toEqual({
        reason,
        answer: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } },
      });
      expect(warnings().map((line) => [line.tenant, line.reason])).toEqual([[tenant, reason]]);
      // The link's token opens the report: it is never written to the log.
      expect(JSON.stringify(harness.logs)).not.toContain(token.slice(0, 20));
    }
    // The report of the other account, unfurled where that account is linked, works: the rule is the link.
    const theirs = reportPageUrl(PUBLIC_BASE_URL, 'other', 'cmp-other-secret', linkSecret, now);
    expect((await unfurl(theirs, OTHER_TENANT)).composeExtension.attachments).toHaveLength(1);
    expect((await unfurl(theirs, TENANT)).composeExtension.attachments).toEqual([]);
  });

  it("answers an invoke the app does not declare with botbuilder's 501 and nothing else, never a 500", async () => {
    for (const name of ['composeExtension/selectItem', 'composeExtension/fetchTask', 'made/up']) {
      const activity = teamsActivity(connector, 'invoke', { name, value: { commandId: 'searchCampaigns' } });
      const response = await harness.post(activity, signed());
      expect({ name, status: response.status }).toEqual({ name, status: 501 });
      expect(await response.text()).not.toContain('cmp-');
    }
  });

  it('refuses an invoke without a valid token (401), answering nothing', async () => {
    const activity = teamsActivity(connector, 'invoke', {
      name: 'composeExtension/query',
      value: { commandId: 'searchCampaigns', parameters: [] },
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await harness.post(activity);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('cmp-');
  });
});
