import { renderTeamsAnswer } from '../../../src/adapters/teams/answer-card';

/** A Teams answer names a command as Teams people type it, never Slack's slash command. */
describe('commands named in Teams answers', () => {
  const settings = { quickchartBaseUrl: 'https://quickchart.example.com' };
  const textOf = async (key: 'noCampaignMatches' | 'noCampaignInAccount', locale?: string) =>
    JSON.stringify(
      await renderTeamsAnswer(
        {
          kind: 'message',
          text: 'no campaign matches "x"; list the campaigns with: /campaign-report list',
          said: { key, values: { text: 'x', campaign: 'x' } },
          ...(locale ? { locale } : {}),
        },
        settings,
      ),
    );

  it.each(['noCampaignMatches', 'noCampaignInAccount'] as const)('%s says @Campaign Report list', async (key) => {
    const text = await textOf(key);
    expect(text).toContain('@Campaign Report list');
    expect(text).not.toContain('/campaign-report');
    expect(await textOf(key, 'vi-VN')).toContain('@Campaign Report danh sách');
  });
});
