import { CampaignListReport } from '../../../../src/domain/report-model';
import { renderCampaignListCard } from '../../../../src/render/teams/list';
import { CAMPAIGN_NAME, HOSTILE_NAME, TIME_ZONE } from '../fixtures-cmp-1-000';
import { elements, texts, tableRows, hasUnescapedSpecial, expectCardShape, markdownTexts } from './card-test-support';

describe('renderCampaignListCard', () => {
  const report: CampaignListReport = {
    kind: 'campaign-list',
    filter: 'running',
    timeZone: TIME_ZONE,
    locale: 'en-US',
    campaigns: [
      {
        id: 'cmp-1-000',
        name: CAMPAIGN_NAME,
        botId: 'bot-debt',
        state: 'running',
        totalCalls: 43,
        answerRate: 18 / 43,
        lastCallAt: '2026-10-30T15:55:21Z',
      },
      {
        id: 'cmp-2',
        name: HOSTILE_NAME,
        botId: 'bot-debt',
        state: 'running',
        totalCalls: 0,
        answerRate: null,
        lastCallAt: null,
      },
    ],
  };

  it('lists the campaigns with state, calls, answer rate and a report action', () => {
    const card = renderCampaignListCard(report);
    expectCardShape(card);
    const rows = tableRows(card);
    expect(rows[0]).toEqual(['Campaign', 'State', 'Calls', 'Answer rate', 'Last call']);
    expect(rows[1]).toEqual([`${CAMPAIGN_NAME} / cmp-1-000`, 'Running', '43', '41.9%', '2026-10-30 22:55:21']);
    expect(rows[2].slice(1)).toEqual(['Running', '0', '–', '–']);
    const actions = elements(card)
      .filter((e) => e.selectAction)
      .map((e) => e.selectAction);
    expect(actions[0]).toEqual({ type: 'Action.Submit', title: 'Report', data: { command: 'cmp-1-000' } });
    for (const text of markdownTexts(card)) expect(hasUnescapedSpecial(text)).toBe(false);
    // The hostile name is a TextRun, shown as typed, never read as Markdown.
    expect(rows[2][0]).toBe(`${HOSTILE_NAME.replace(/\s+/g, ' ').trim().slice(0, 59)}… / cmp-2`);
  });

  it('trims a long list under 28 KB and says so; says when empty', () => {
    const many = {
      ...report,
      campaigns: Array.from({ length: 2000 }, (_, i) => ({ ...report.campaigns[0], id: `cmp-${i}` })),
    };
    const card = renderCampaignListCard(many);
    expectCardShape(card);
    const shown = tableRows(card).length - 1;
    expect(texts(card)).toContain(`Showing ${shown} of 2,000 campaigns.`);
    expect(texts(renderCampaignListCard({ ...report, campaigns: [] }))).toContain('No campaigns in state Running.');
  });
});
