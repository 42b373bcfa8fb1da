import fs from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { chartImagesFor } from '../../../src/adapters/teams/chart-images';
import { chartsOf } from '../../../src/render/chart-words';
import { messagesFor } from '../../../src/render/i18n/messages';
import { renderCallsCard } from '../../../src/render/teams/calls';
import { renderCampaignChoice, renderCampaignSummary } from '../../../src/render/teams/campaign-preview';
import { renderCampaignCard } from '../../../src/render/teams/campaign';
import { AdaptiveCard } from '../../../src/render/teams/card';
import { renderUsageCard } from '../../../src/render/teams/usage';
import {
  TIME_ZONE,
  sampleCallsReport,
  sampleCampaignReport,
  sampleUsageReport,
} from '../../unit/render/fixtures-cmp-1-000';
import { drawCard, forWidth } from './support/adaptive-card-page';
import { Browser, launchChromium } from './support/chromium';

/**
 * The Teams cards drawn by Microsoft's `adaptivecards` renderer in Chromium, at a phone's width (390 px, a
 * narrow card) and a desktop chat's (1000 px, wide), the way the defects were seen: no word may break
 * inside itself in the calls card on the phone, and no value may show a Markdown backslash anywhere. The
 * renderer draws no Chart.* element, so charts show their fallback (the image), as on Teams mobile.
 * A screenshot of each card at 390 px is written to out/screenshots/.
 */
const SCREENSHOTS = path.resolve(__dirname, '../../../out/screenshots');
const PHONE = 390;
const DESKTOP = 1000;

async function cards(locale: string): Promise<Record<string, AdaptiveCard>> {
  const campaign = { ...sampleCampaignReport(), locale };
  const usage = { ...sampleUsageReport(), locale };
  const settings = { quickchartBaseUrl: 'off', timeZone: TIME_ZONE, locale };
  return {
    campaign: renderCampaignCard(campaign, {
      chartImages: await chartImagesFor(chartsOf(campaign), settings),
      fullReportUrl: 'https://reports.example.com/reports/tok',
    }),
    calls: renderCallsCard({ ...sampleCallsReport(), locale }, { fullReportUrl: 'https://reports.example.com/r' }),
    usage: renderUsageCard(usage, { chartImages: await chartImagesFor(chartsOf(usage), settings) }),
    // The message extension's: a campaign the search found, and a report link unfurled.
    search: renderCampaignChoice(
      { id: 'cmp-1-000', name: campaign.overview.campaign.name, botId: 'bot-debt', state: 'running' },
      messagesFor(locale),
    ).card,
    unfurl: renderCampaignSummary(campaign, 'https://reports.example.com/reports/tok').card,
  };
}

describe('Teams responsive layout (targetWidth) as a Teams client of a width applies it', () => {
  it('keeps a phone (narrow) to the compact calls table and a desktop (wide) to the full one', () => {
    const card = renderCallsCard(sampleCallsReport());
    const tablesAt = (px: number) =>
      (
        (forWidth(card, px) as AdaptiveCard).body.filter((e) => e.type === 'Table') as unknown as {
          columns: unknown[];
        }[]
      ).map((table) => table.columns.length);
    expect(tablesAt(PHONE)).toEqual([4]);
    expect(tablesAt(DESKTOP)).toEqual([9]);
  });
});

describe('Teams cards drawn by the adaptivecards renderer in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.context.newPage();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const [lang, locale] of [
    ['en', 'en-US'],
    ['vi', 'vi-VN'],
  ] as const) {
    it(`draws the calls card on a ${PHONE} px phone with every word whole (${lang})`, async () => {
      const { calls } = await cards(locale);
      const layout = await drawCard(page, calls, PHONE);
      expect(layout.brokenWords).toEqual([]);
      expect(layout.overflowing).toEqual([]);
      expect(layout.shownText).not.toContain('\\');
      // The values the defects showed escaped are drawn as they are.
      expect(layout.shownText).toContain('Asia/Ho_Chi_Minh');
      expect(layout.shownText).toContain('WRONG_PERSON');
      await page.screenshot({ path: path.join(SCREENSHOTS, `teams-calls-${lang}-${PHONE}.png`), fullPage: true });
    }, 60_000);

    it(`draws the campaign, usage, search and unfurl cards without a backslash, at ${PHONE} px and on a desktop (${lang})`, async () => {
      const all = await cards(locale);
      for (const [name, card] of Object.entries(all)) {
        for (const px of [PHONE, DESKTOP]) {
          const layout = await drawCard(page, card, px);
          expect({ name, px, backslash: layout.shownText.includes('\\') }).toEqual({ name, px, backslash: false });
          expect({ name, px, overflowing: layout.overflowing }).toEqual({ name, px, overflowing: [] });
          if (px === PHONE && name !== 'calls')
            await page.screenshot({ path: path.join(SCREENSHOTS, `teams-${name}-${lang}-${px}.png`), fullPage: true });
        }
      }
      // The desktop gets the full table, phones masked as typed (the defect showed +8494\*\*\*\*631).
      const desktop = await drawCard(page, all.calls, DESKTOP);
      expect(desktop.shownText).toContain('+8494****631');
      expect(desktop.brokenWords).toEqual([]);
      const campaign = await drawCard(page, all.campaign, PHONE);
      expect(campaign.shownText).toContain('CALLBACK_LATER');
      expect(campaign.shownText).toContain('Asia/Ho_Chi_Minh');
    }, 120_000);
  }
});
