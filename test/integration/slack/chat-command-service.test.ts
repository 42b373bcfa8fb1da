import { ChatAnswer, ChatPlace, answerChatCommand, placeOfOneAnswer } from '../../../src/reports/chat-command-service';
import { ReportDeps } from '../../../src/reports/report-context';
import { messagesFor } from '../../../src/render/i18n/messages';
import { saidText } from '../../../src/render/said';
import { TestDb, createTestDb } from '../../support/test-db';
import {
  ACCOUNT_B,
  SECRET_BOT,
  SECRET_CALL,
  SECRET_CAMPAIGN,
  TEAM_A,
  TEAM_B,
  TEAM_UNLINKED,
  seedTwoAccounts,
} from './support/two-accounts';

const NOW = new Date('2026-11-15T03:00:00Z');

function place(workspaceId: string, destination = 'C0GENERAL'): ChatPlace {
  return { platform: 'slack', workspaceId, destination, userId: 'U0TESTER' };
}

describe('answerChatCommand against the sample data', () => {
  let t: TestDb;
  let deps: ReportDeps;
  const ask = (text: string, where = place(TEAM_A)): Promise<ChatAnswer> =>
    answerChatCommand(deps, where, text, { now: NOW });

  beforeAll(async () => {
    t = await createTestDb();
    await seedTwoAccounts(t.db);
    deps = { db: t.db, recordingLinkFor: (accountId, callId) => `https://bot.example/r/${accountId}.${callId}` };
  });
  afterAll(() => t.drop());

  it("answers help and empty text, in the linked account's language (English when none)", async () => {
    expect(await ask('')).toEqual({ kind: 'help', locale: 'en-US' });
    expect(await ask('help', place(TEAM_UNLINKED))).toEqual({ kind: 'help' });
  });

  it('says what was not understood, with the help', async () => {
    const answer = await ask('list yesterday');
    expect(answer).toEqual({
      kind: 'help',
      notUnderstood: { text: 'list yesterday', reason: { key: 'listState' } },
      locale: 'en-US',
    });
  });

  it('tells an unlinked workspace the exact CLI line', async () => {
    expect(await ask('cmp-1-000', place(TEAM_UNLINKED))).toEqual({
      kind: 'unlinked',
      workspaceId: TEAM_UNLINKED,
      howToLink: `npm run cli -- link slack ${TEAM_UNLINKED} <account_id>`,
    });
    const teams = await answerChatCommand(deps, { ...place('tenant-1'), platform: 'teams' }, 'usage');
    expect(teams).toMatchObject({ kind: 'unlinked', howToLink: 'npm run cli -- link teams tenant-1 <account_id>' });
  });

  it('gives the overview of a campaign by id, id prefix and name prefix', async () => {
    const byId = await ask('cmp-1-000');
    expect(byId.kind).toBe('campaign');
    if (byId.kind !== 'campaign') return;
    expect(byId.report.overview.campaign.id).toBe('cmp-1-000');
    expect(byId.report.overview.calls.total).toBeGreaterThan(0);
    expect(await ask('cmp-1-00')).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('matches 3 campaigns'),
    });
    expect(await ask('CMP-1-001')).toMatchObject({
      kind: 'campaign',
      report: { overview: { campaign: { id: 'cmp-1-001' } } },
    });
    expect(await ask('đợt')).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('cmp-1-000, cmp-1-001, cmp-1-002'),
    });
  });

  it("turns an unknown campaign into a message, not an exception, in the linked account's language", async () => {
    expect(await ask('nope-campaign')).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('no campaign matches "nope-campaign"'),
      locale: 'en-US',
    });
    expect(await ask('calls nope-campaign')).toMatchObject({ kind: 'message' });
  });

  it('lists campaigns, filtered by state', async () => {
    const all = await ask('list');
    expect(all).toMatchObject({ kind: 'list', report: { filter: 'all' } });
    if (all.kind === 'list')
      expect(all.report.campaigns.map((c) => c.id).sort()).toEqual(['cmp-1-000', 'cmp-1-001', 'cmp-1-002']);
    expect(await ask('list running')).toMatchObject({ kind: 'list', report: { filter: 'running' } });
  });

  it('gives the first calls with our own recording links, and the filter', async () => {
    const answer = await answerChatCommand(deps, place(TEAM_A), 'calls cmp-1-000 successful', { callRows: 3 });
    expect(answer.kind).toBe('calls');
    if (answer.kind !== 'calls') return;
    expect(answer.report.rows).toHaveLength(3);
    expect(answer.report.totalRows).toBeGreaterThan(3);
    expect(answer.report.filter).toEqual({ status: 'successful' });
    expect(answer.report.rows.every((r) => r.status === 'successful')).toBe(true);
    const linked = answer.report.rows.filter((r) => r.recordingLink);
    expect(linked.length).toBeGreaterThan(0);
    for (const row of linked) expect(row.recordingLink).toBe(`https://bot.example/r/default.${row.callId}`);
    expect(await ask('calls cmp-1-000 code=na')).toMatchObject({
      kind: 'calls',
      report: { filter: { resultCode: 'NA' } },
    });
  });

  it('gives monthly usage, by default for the last full month', async () => {
    expect(await ask('usage')).toMatchObject({ kind: 'usage', report: { usage: { month: '2026-10' } } });
    const one = await ask('usage 2026-11 bot-care');
    expect(one).toMatchObject({ kind: 'usage', report: { usage: { month: '2026-11' } } });
    if (one.kind === 'usage') expect(one.report.usage.bots.map((b) => b.botId)).toEqual(['bot-care']);
    expect(await ask('usage 2026-11 bot-nobody')).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('no voicebot "bot-nobody"'),
    });
  });

  it("reads the linked account once, with the workspace's link, for every report", async () => {
    for (const text of ['cmp-1-000', 'calls cmp-1-000', 'list', 'usage 2026-10', 'subscriptions', 'cmp-1-00']) {
      const { answer, sql } = await answered(text, place(TEAM_A), false);
      expect(answer.kind).not.toBe('unlinked');
      const reads = sql.filter((one) => /\baccounts\b/.test(one));
      expect({ text, reads: reads.length }).toEqual({ text, reads: 1 });
    }
  });

  /** The answer to `text` and the statements it ran, from a place made for it (placeOfOneAnswer) or not. */
  async function answered(
    text: string,
    where: ChatPlace,
    oneAnswer: boolean,
  ): Promise<{ answer: ChatAnswer; sql: string[] }> {
    const sql: string[] = [];
    const record = (query: { sql: string }) => sql.push(query.sql);
    t.db.on('query', record);
    try {
      const asked = oneAnswer ? placeOfOneAnswer(deps, where, text) : where;
      return { answer: await answerChatCommand(deps, asked, text, { now: NOW }), sql };
    } finally {
      t.db.removeListener('query', record);
    }
  }

  it("reads the campaign a command names by id with the workspace's link, and answers the same", async () => {
    for (const text of ['cmp-1-000', 'calls cmp-1-000', 'calls cmp-1-000 successful']) {
      const apart = await answered(text, place(TEAM_A), false);
      const together = await answered(text, place(TEAM_A), true);
      expect(together.answer).toEqual(apart.answer);
      expect(together.answer.kind).not.toBe('message');
      expect(together.sql).toHaveLength(apart.sql.length - 1);
      const byId = (sql: string[]) =>
        sql.filter((one) =>
          /^select [^()]* from "campaigns" where "account_id" = \$1 and "campaign_id" = \$2/.test(one),
        );
      expect([byId(apart.sql).length, byId(together.sql).length]).toEqual([1, 0]);
    }
  });

  it("never reads another account's campaign with the link, and still finds a campaign by prefix", async () => {
    for (const text of [
      SECRET_CAMPAIGN,
      `calls ${SECRET_CAMPAIGN}`,
      'cmp-1-00',
      'calls cmp-1-00',
      'nothing-like-this',
    ]) {
      const apart = await answered(text, place(TEAM_A), false);
      const together = await answered(text, place(TEAM_A), true);
      expect({ text, answer: together.answer }).toEqual({ text, answer: apart.answer });
      expect(together.answer.kind).toBe('message');
    }
    expect((await answered(SECRET_CAMPAIGN, place(TEAM_B), true)).answer.kind).toBe('campaign');
    expect((await answered('cmp-1-000', place(TEAM_UNLINKED), true)).answer.kind).toBe('unlinked');
  });

  /** A message answer's English text, and what the catalog makes of `said` in the account's language (English here). */
  async function said(text: string, where: ChatPlace): Promise<[string, string]> {
    const answer = await ask(text, where);
    if (answer.kind !== 'message') throw new Error(`not a message: ${answer.kind}`);
    return [answer.text, saidText(answer.said, messagesFor(answer.locale), '(nothing said)')];
  }

  it('subscribes, lists and unsubscribes per channel, resolving bots before campaigns', async () => {
    const here = place(TEAM_A, 'C0SUBS');
    expect(await ask('subscriptions', here)).toEqual({ kind: 'subscriptions', subscriptions: [], locale: 'en-US' });
    expect(await said('subscribe all', here)).toEqual([
      'Subscribed here to summaries, the monthly digest, live progress and alerts of all campaigns.',
      'Subscribed here to summaries, the monthly digest, live progress and alerts of all campaigns.',
    ]);
    expect(await said('subscribe bot-debt digest', here)).toEqual([
      'Subscribed here to the monthly digest of bot bot-debt.',
      'Subscribed here to the monthly digest of bot bot-debt.',
    ]);
    expect(await said('subscribe cmp-1-002', here)).toEqual([
      'Subscribed here to summaries, live progress and alerts of campaign cmp-1-002.',
      'Subscribed here to summaries, live progress and alerts of campaign cmp-1-002.',
    ]);
    expect(await ask('subscribe cmp-1-002 digest', here)).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('no monthly digest'),
    });
    expect(await ask('subscribe nothing-like-this', here)).toMatchObject({
      kind: 'message',
      text: expect.stringContaining('no voicebot or campaign'),
    });
    const listed = await ask('subscriptions', here);
    expect(listed.kind).toBe('subscriptions');
    if (listed.kind !== 'subscriptions') return;
    expect(
      listed.subscriptions.map((s) => [
        s.target.kind,
        s.target.id,
        s.summaries,
        s.digest,
        s.live,
        s.alerts,
        s.workspaceId,
        s.destination,
        s.createdBy,
      ]),
    ).toEqual([
      ['all', '', true, true, true, true, TEAM_A, 'C0SUBS', 'U0TESTER'],
      ['bot', 'bot-debt', false, true, false, false, TEAM_A, 'C0SUBS', 'U0TESTER'],
      ['campaign', 'cmp-1-002', true, false, true, true, TEAM_A, 'C0SUBS', 'U0TESTER'],
    ]);
    expect(await ask('subscriptions', place(TEAM_A, 'C0OTHER'))).toEqual({
      kind: 'subscriptions',
      subscriptions: [],
      locale: 'en-US',
    });
    expect(await said('unsubscribe cmp-1-002', here)).toEqual([
      'Unsubscribed here from campaign cmp-1-002.',
      'Unsubscribed here from campaign cmp-1-002.',
    ]);
    expect(await said('unsubscribe cmp-1-002', here)).toEqual([
      'There was no subscription to campaign cmp-1-002 here.',
      'There was no subscription to campaign cmp-1-002 here.',
    ]);
    expect(await said('unsubscribe all', here)).toEqual([
      'Unsubscribed here from all campaigns.',
      'Unsubscribed here from all campaigns.',
    ]);
  });

  describe('isolation between accounts', () => {
    it('lets workspace B see its own campaign', async () => {
      expect(await ask(SECRET_CAMPAIGN, place(TEAM_B))).toMatchObject({ kind: 'campaign' });
      const calls = await ask(`calls ${SECRET_CAMPAIGN}`, place(TEAM_B));
      expect(calls).toMatchObject({
        kind: 'calls',
        report: { rows: [{ callId: SECRET_CALL, recordingLink: `https://bot.example/r/${ACCOUNT_B}.${SECRET_CALL}` }] },
      });
    });

    it.each([
      SECRET_CAMPAIGN,
      'zeta',
      'Zeta',
      `calls ${SECRET_CAMPAIGN}`,
      'calls zeta',
      `subscribe ${SECRET_CAMPAIGN}`,
      `subscribe ${SECRET_BOT}`,
      `unsubscribe ${SECRET_BOT}`,
      `usage 2026-10 ${SECRET_BOT}`,
    ])('keeps "%s" from workspace A', async (text) => {
      const answer = await ask(text, place(TEAM_A, 'C0ISOLATION'));
      expect(answer.kind).toBe('message');
      expect(JSON.stringify(answer)).not.toMatch(/Zeta confidential|zeta-call/);
    });

    it("shows workspace B nothing of account A's list or usage", async () => {
      const list = await ask('list', place(TEAM_B));
      expect(list.kind === 'list' && list.report.campaigns.map((c) => c.id)).toEqual([SECRET_CAMPAIGN]);
      const usage = await ask('usage 2026-10', place(TEAM_B));
      expect(usage.kind === 'usage' && usage.report.usage.bots.map((b) => b.botId)).toEqual([SECRET_BOT]);
      expect(await ask('cmp-1-000', place(TEAM_B))).toMatchObject({ kind: 'message' });
    });
  });
});
