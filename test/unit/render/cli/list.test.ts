import { CampaignListReport } from '../../../../src/domain/report-model';
import { renderCampaignListTable } from '../../../../src/render/cli/list';
import { CAMPAIGN_NAME, HOSTILE_NAME, TIME_ZONE } from '../fixtures-cmp-1-000';

const ANSI = /\u001b/;

describe('renderCampaignListTable', () => {
  const report: CampaignListReport = {
    kind: 'campaign-list',
    filter: 'all',
    timeZone: TIME_ZONE,
    locale: 'en-US',
    campaigns: [
      {
        id: 'cmp-1-000',
        name: CAMPAIGN_NAME,
        botId: 'bot-debt',
        state: 'complete',
        totalCalls: 43,
        answerRate: 18 / 43,
        lastCallAt: '2026-10-30T15:55:21Z',
      },
      {
        id: 'cmp-x',
        name: `${HOSTILE_NAME}${'long '.repeat(20)}`,
        botId: 'bot-care',
        state: 'running',
        totalCalls: 0,
        answerRate: null,
        lastCallAt: null,
      },
    ],
  };

  it('shows each campaign with state, calls, answer rate and local last call', () => {
    const text = renderCampaignListTable(report);
    expect(text).toMatch(
      /^cmp-1-000 +Đợt 0, "Nhắc nợ "Tháng", vòng 1" +bot-debt +Complete +43 +41\.9% +2026-10-30 22:55:21$/m,
    );
    expect(text).toMatch(/^cmp-x +.*… +bot-care +Running +0 +– +–$/m);
    expect(text).toContain('Answer rate = successful calls / all calls');
    expect(text).not.toMatch(ANSI);
  });

  it('says so when there is no campaign', () => {
    expect(renderCampaignListTable({ ...report, campaigns: [] })).toContain('No campaigns yet.');
  });
});
