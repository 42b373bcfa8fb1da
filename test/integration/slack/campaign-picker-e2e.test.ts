import { upsertAccount } from '../../../src/storage/accounts';
import { linkWorkspace } from '../../../src/storage/workspace-links';
import { NATIVE_SURFACE_IDS as IDS } from '../../../src/render/slack/native-surface-ids';
import { SlackCall } from '../../support/fakes/fake-slack';
import { optionsProblems } from '../../support/fakes/fake-slack-views';
import { useSeededSlackApp } from './support/seeded-slack-app';
import { clickWithState, suggest } from './support/native-surface-requests';
import { SECRET_CAMPAIGN, TEAM_A, TEAM_B, TEAM_UNLINKED } from './support/two-accounts';

type Option = { text: { type: string; text: string }; value: string; description?: { text: string } };

const TEAM_MANY = 'T0MANYCAMPAIGNS';
const MANY = 3000;

describe('the campaign picker: signed block_suggestion and clicks into the real app', () => {
  const app = useSeededSlackApp();

  beforeAll(async () => {
    // An account with many campaigns, most of them complete: the picker must still answer at once.
    await upsertAccount(app.t.db, 'many', { timeZone: 'UTC' }, 'UTC');
    await app.t.db.raw(
      `insert into campaigns (account_id, campaign_id, bot_id, name, state, last_received_at)
       select 'many', 'camp-' || lpad(i::text, 5, '0'), 'bot-m', 'Campaign number ' || i,
              case when i % 50 = 0 then 'running' else 'complete' end, now() - (i || ' seconds')::interval
       from generate_series(1, ${MANY}) as i`,
    );
    await app.t.db.raw('analyze campaigns');
    await linkWorkspace(app.t.db, 'slack', TEAM_MANY, 'many');
  });

  async function options(teamId: string, typed: string, actionId: string = IDS.pickCampaign): Promise<Option[]> {
    const answer = await suggest(app.h, teamId, actionId, typed);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { options: Option[] };
    expect(optionsProblems(body)).toEqual([]);
    return body.options;
  }

  async function ask(text: string, teamId = TEAM_A): Promise<SlackCall> {
    const ack = await app.h.command(text, teamId);
    expect(ack.status).toBe(200);
    return app.h.answerAt(ack.responseUrl);
  }

  it('answers /campaign-report alone with the help, the campaign menu and the overview, calls, usage, subscribe buttons', async () => {
    const answer = await ask('');
    const picker = (
      answer.body.blocks as { block_id?: string; elements?: { type: string; action_id: string }[] }[]
    ).find((block) => block.block_id === IDS.pickerBlock);
    expect(picker?.elements?.map((e) => [e.type, e.action_id])).toEqual([
      ['external_select', IDS.pickCampaign],
      ['button', IDS.pickerOverview],
      ['button', IDS.pickerCalls],
      ['button', IDS.pickerUsage],
      ['button', IDS.pickerSubscribe],
    ]);
    expect(String(answer.body.text)).toContain('Commands: /campaign-report');
    const help = await ask('help');
    expect(JSON.stringify(help.body.blocks)).toContain(IDS.pickCampaign);
  });

  it('offers no menu to a workspace with no account: it has nothing to pick', async () => {
    const answer = await ask('', TEAM_UNLINKED);
    expect(JSON.stringify(answer.body)).not.toContain(IDS.pickCampaign);
  });

  it('searches the id and the name, running campaigns first, each with its state', async () => {
    const all = await options(TEAM_A, '');
    expect(all.map((o) => o.value)[0]).toBe('cmp-1-001');
    expect(all.map((o) => o.value).sort()).toEqual(['cmp-1-000', 'cmp-1-001', 'cmp-1-002']);
    expect(all[0].description?.text).toBe('Settling');
    expect(all[0].text.text).toBe('Đợt 1, "Chăm sóc khách hàng" (cmp-1-001)');
    expect((await options(TEAM_A, 'CMP-1-00')).map((o) => o.value)).toHaveLength(3);
    expect((await options(TEAM_A, 'đợt 2')).map((o) => o.value)).toEqual(['cmp-1-002']);
    expect(await options(TEAM_A, 'nothing-like-this')).toEqual([]);
  });

  it('answers at most 100 options from thousands of campaigns, running ones first, from an index', async () => {
    const found = await options(TEAM_MANY, '');
    expect(found).toHaveLength(100);
    expect(found.slice(0, MANY / 50).every((o) => o.description?.text === 'Running')).toBe(true);
    expect(found[MANY / 50].description?.text).toBe('Complete');
    // None of camp-00120…129 is running: the latest first.
    expect((await options(TEAM_MANY, 'camp-0012')).map((o) => o.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => `camp-0012${i}`),
    );
    const plan = await app.t.db.raw(
      `explain select * from campaigns where account_id = ? and (lower(campaign_id) like ? or lower(name) like ?)
       order by (state = 'complete'), coalesce(last_received_at, created_at) desc, campaign_id limit 100`,
      ['many', 'camp-0012%', 'camp-0012%'],
    );
    const text = (plan.rows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('campaigns_search_id');
    expect(text).not.toMatch(/Seq Scan/);
  });

  it.each([
    ['a mention', '<!channel> <@U123>'],
    ['HTML', '<script>alert(1)</script>'],
    ['control characters', 'cmp\u0000-1\u0007\u001b[31m'],
    ['LIKE wildcards', '%_%'],
    ['an enormous text', 'x'.repeat(200_000)],
  ])('answers a search with %s with a small valid list, never a 500', async (_what, typed) => {
    const found = await options(TEAM_A, typed);
    expect(found).toEqual([]);
  });

  it('gives a workspace with no account, or another account, nothing of anyone else', async () => {
    expect(await options(TEAM_UNLINKED, '')).toEqual([]);
    expect(JSON.stringify(await options(TEAM_A, 'zeta'))).not.toContain(SECRET_CAMPAIGN);
    expect((await options(TEAM_B, '')).map((o) => o.value)).toEqual([SECRET_CAMPAIGN]);
  });

  const picked = (campaignId: string) => ({
    [IDS.pickerBlock]: {
      [IDS.pickCampaign]: {
        type: 'external_select',
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: campaignId },
      },
    },
  });

  async function press(
    actionId: string,
    teamId: string,
    state?: Record<string, Record<string, unknown>>,
    action?: Record<string, unknown>,
  ) {
    const responseUrl = app.fake.newResponseUrl();
    const ack = await clickWithState(app.h, { teamId, actionId, responseUrl, state, action });
    expect(ack.status).toBe(200);
    return app.h.answerAt(responseUrl);
  }

  it('"Overview" answers the picked campaign\'s report, which leads on to its calls', async () => {
    const answer = await press(IDS.pickerOverview, TEAM_A, picked('cmp-1-000'));
    expect(String(answer.body.text)).toContain('Nhắc nợ');
    expect(JSON.stringify(answer.body.blocks)).toContain('open_calls');
  });

  it('"Calls" answers the picked campaign\'s calls, with a Listen link per recording in its data table', async () => {
    const answer = await press(IDS.pickerCalls, TEAM_A, picked('cmp-1-001'));
    expect(String(answer.body.text)).toMatch(/^Calls of/);
    expect(JSON.stringify(answer.body.blocks)).toMatch(
      /"type":"data_table".*"url":"https:\/\/reports.example.test\/r\/[^"]+","text":"Listen"/,
    );
  });

  it('"Usage" needs no campaign; a campaign button with nothing picked says to pick one', async () => {
    const usage = await press(IDS.pickerUsage, TEAM_A);
    expect(String(usage.body.text)).toMatch(/usage/i);
    const none = await press(IDS.pickerOverview, TEAM_A);
    expect(String(none.body.text)).toBe('Pick a campaign in the menu first, then press the button again.');
  });

  it('refuses a campaign of another account put into the menu state', async () => {
    const answer = await press(IDS.pickerOverview, TEAM_A, picked(SECRET_CAMPAIGN));
    expect(String(answer.body.text)).toContain(`no campaign "${SECRET_CAMPAIGN}" in this workspace's account`);
    expect(JSON.stringify(answer.body)).not.toContain('Zeta confidential');
  });

  it('leads from a list to a campaign: the list has a menu of its campaigns, and picking one answers its overview', async () => {
    const list = await ask('list');
    const menu = (
      list.body.blocks as { type: string; elements?: { type: string; action_id: string; options?: Option[] }[] }[]
    )
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === IDS.openListedCampaign);
    expect(menu?.type).toBe('static_select');
    expect(menu?.options?.map((o) => o.value).sort()).toEqual(['cmp-1-000', 'cmp-1-001', 'cmp-1-002']);
    const answer = await press(IDS.openListedCampaign, TEAM_A, undefined, {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'cmp-1-002' },
    });
    expect(String(answer.body.text)).toContain('Survey, NPS');
  });
});
