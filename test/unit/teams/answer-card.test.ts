import { describeSubscriptions, renderTeamsAnswer } from '../../../src/adapters/teams/answer-card';
import { cardActivity, cardSummary } from '../../../src/adapters/teams/card-activity';
import { chartImagesFor } from '../../../src/adapters/teams/chart-images';
import { COMMAND_GRAMMAR } from '../../../src/domain/command-grammar';
import { helpEntries } from '../../../src/render/help-entries';
import { messagesFor } from '../../../src/render/i18n/messages';
import { renderHelpCard } from '../../../src/render/teams/help';
import { Subscription } from '../../../src/domain/subscription';
import { renderCampaignCard } from '../../../src/render/teams/campaign';
import { AdaptiveCard, MAX_CARD_BYTES, cardByteLength } from '../../../src/render/teams/card';
import { renderTextCard } from '../../../src/render/teams/text';
import { sampleCampaignReport, sampleUsageReport } from '../render/fixtures-cmp-1-000';

/** Each line as shown: TextBlocks unescaped, RichTextBlocks (literal runs) as they are. */
const texts = (card: AdaptiveCard) =>
  card.body
    .filter((e) => e.type === 'TextBlock' || e.type === 'RichTextBlock')
    .map((e) =>
      e.type === 'TextBlock'
        ? (e.text as string).replace(/\\(.)/g, '$1')
        : (e.inlines as { text: string }[]).map((run) => run.text).join(''),
    );
const settings = { quickchartBaseUrl: 'https://quickchart.example.com' };

function subscription(overrides: Partial<Subscription>): Subscription {
  return {
    id: 1,
    accountId: 'default',
    platform: 'teams',
    workspaceId: 'tenant',
    destination: '19:c@thread.tacv2',
    target: { kind: 'all', id: '' },
    summaries: true,
    digest: false,
    live: false,
    alerts: false,
    createdBy: null,
    status: 'active',
    brokenReason: null,
    ...overrides,
  };
}

describe('Teams answers as Adaptive Cards', () => {
  it('lists every command of the shared grammar in the help, with an example each', () => {
    const help = texts(renderHelpCard());
    const entries = helpEntries(messagesFor('en'));
    expect(entries).toHaveLength(COMMAND_GRAMMAR.length);
    for (const entry of entries) {
      expect(help).toContain(`${entry.usage}: ${entry.does}`);
      if (entry.example !== entry.usage) expect(help).toContain(`e.g. ${entry.example}`);
    }
    expect(help.join('\n')).toContain('@Campaign Report usage 2026-10');
  });

  it('renders help, messages, subscriptions and unlinked tenants as text cards', async () => {
    const help = await renderTeamsAnswer(
      { kind: 'help', notUnderstood: { text: 'zz top', reason: { key: 'notACommand', value: 'zz' } } },
      settings,
    );
    expect(texts(help).slice(0, 2)).toEqual([
      'I did not understand "zz top": "zz" is not a command, and a campaign is one word. Here is what I can do:',
      'Campaign Report: commands',
    ]);

    expect(texts(await renderTeamsAnswer({ kind: 'message', text: 'Subscribed.' }, settings))).toEqual(['Subscribed.']);

    // Teams people type `list` (mentioning the bot in a channel), never Slack's /campaign-report.
    for (const [said, vi] of [
      [{ key: 'noCampaignMatches', values: { text: 'zz' } }, false],
      [{ key: 'noCampaignInAccount', values: { campaign: 'cmp-9' } }, false],
      [{ key: 'noCampaignMatches', values: { text: 'zz' } }, true],
    ] as const) {
      const [line] = texts(
        await renderTeamsAnswer(
          { kind: 'message', text: 'English', said, ...(vi ? { locale: 'vi-VN' } : {}) },
          settings,
        ),
      );
      expect(line).not.toContain('/campaign-report');
      expect(line).toContain(vi ? '@Campaign Report danh sách' : '@Campaign Report list');
    }
    expect(
      texts(
        await renderTeamsAnswer(
          { kind: 'message', text: 'English', said: { key: 'noCampaignMatches', values: { text: 'zz' } } },
          settings,
        ),
      ),
    ).toEqual(['no campaign matches "zz"; list the campaigns with: @Campaign Report list']);

    const unlinked = texts(
      await renderTeamsAnswer(
        { kind: 'unlinked', workspaceId: 't-1', howToLink: 'npm run cli -- link teams t-1 <account_id>' },
        settings,
      ),
    );
    expect(unlinked).toEqual([
      'This Microsoft Teams tenant (t-1) is not linked to an account yet.',
      'An operator links it with: npm run cli -- link teams t-1 <account_id>',
    ]);

    const subscriptions = await renderTeamsAnswer(
      {
        kind: 'subscriptions',
        subscriptions: [
          subscription({ digest: true }),
          subscription({
            id: 2,
            target: { kind: 'bot', id: 'bot-debt' },
            status: 'broken',
            brokenReason: 'bot_removed',
          }),
        ],
      },
      settings,
    );
    expect(texts(subscriptions)).toEqual([
      'Subscriptions of this conversation (2):',
      '• all campaigns: summaries and the monthly digest',
      '• bot bot-debt: summaries (paused: the bot is no longer in that conversation (it was removed, or the app uninstalled); subscribe again to resume)',
    ]);
    expect(describeSubscriptions([])).toBe('This conversation has no subscriptions. Type: subscribe all');
    expect(describeSubscriptions([subscription({ status: 'broken', brokenReason: 'bot_removed' })], 'vi-VN')).toBe(
      'Các đăng ký của cuộc trò chuyện này (1):\n' +
        '• mọi chiến dịch: tóm tắt (tạm dừng: bot không còn trong cuộc trò chuyện đó (bot đã bị gỡ, hoặc ứng dụng đã bị gỡ cài đặt); đăng ký lại để tiếp tục)',
    );
  });

  it('renders a campaign with QuickChart images, exactly as the renderer does', async () => {
    const report = sampleCampaignReport();
    const card = await renderTeamsAnswer({ kind: 'campaign', report }, settings, 'default');
    const images = await chartImagesFor(report.charts, {
      quickchartBaseUrl: settings.quickchartBaseUrl,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(images.map((image) => image.url.startsWith('https://quickchart.example.com/chart?'))).toEqual(
      report.charts.map(() => true),
    );
    expect(card).toEqual(renderCampaignCard(report, { chartImages: images }));

    const linked = {
      ...settings,
      fullReportUrlFor: (accountId: string, campaignId: string) =>
        accountId === 'none' ? null : `https://r.example/${accountId}/${campaignId}`,
    };
    const withLink = await renderTeamsAnswer({ kind: 'campaign', report }, linked, 'acme');
    expect(withLink.actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Open full report',
      url: 'https://r.example/acme/cmp-1-000',
    });
    expect((await renderTeamsAnswer({ kind: 'campaign', report }, linked, 'none')).actions).toHaveLength(1);
    expect((await renderTeamsAnswer({ kind: 'campaign', report }, linked)).actions).toHaveLength(1);
  });

  it('draws charts here when Teams cannot reach the QuickChart (QUICKCHART_PUBLIC=false)', async () => {
    const report = sampleCampaignReport();
    const images = await chartImagesFor(report.charts, {
      quickchartBaseUrl: 'https://charts.internal.example',
      quickchartPublic: false,
      timeZone: 'UTC',
    });
    expect(images).toHaveLength(report.charts.length);
    for (const image of images) expect(image.url).toMatch(/^data:image\/(png|jpeg);base64,/);
  });

  it('draws charts here when QuickChart is off, within the card budget; a base URL that is not one is refused, not hidden', async () => {
    await expect(
      chartImagesFor(sampleCampaignReport().charts, { quickchartBaseUrl: 'not a url', timeZone: 'UTC' }),
    ).rejects.toThrow(/QUICKCHART_BASE_URL must be an http\(s\) URL or "off"/);
    for (const quickchartBaseUrl of ['off']) {
      const report = sampleCampaignReport();
      const images = await chartImagesFor(report.charts, { quickchartBaseUrl, timeZone: 'Asia/Ho_Chi_Minh' });
      for (const image of images) expect(image.url).toMatch(/^data:image\/(png|jpeg);base64,/);
      const card = await renderTeamsAnswer({ kind: 'campaign', report }, { quickchartBaseUrl });
      expect(cardByteLength(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(JSON.stringify(card)).toContain('"type":"Image","url":"data:image/');
    }
    const usage = await renderTeamsAnswer({ kind: 'usage', report: sampleUsageReport() }, { quickchartBaseUrl: 'off' });
    expect(cardByteLength(usage)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('wraps a card into a message activity with a plain summary for notifications', () => {
    const card = renderTextCard('Subscribed here to *summaries*.');
    expect(cardActivity(card)).toEqual({
      type: 'message',
      summary: 'Subscribed here to *summaries*.',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    const long = renderTextCard(`${'x'.repeat(300)}\nsecond`);
    expect(cardSummary(long)).toHaveLength(200);
    expect(cardSummary({ ...card, body: [] })).toBe('');
  });
});
