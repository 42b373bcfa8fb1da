import fs from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { ChartSpec } from '../../../src/domain/report-model';
import { renderChartPng } from '../../../src/adapters/charts/render-chart-png';
import { renderCampaignEmail } from '../../../src/render/email/campaign';
import { renderUsageEmail } from '../../../src/render/email/usage';
import { renderFullReportPage } from '../../../src/render/page/campaign';
import { keyFigures } from '../../../src/render/key-figures';
import {
  sampleCallsReport,
  sampleCampaignReport,
  sampleUsageReport,
  TIME_ZONE,
} from '../../unit/render/fixtures-cmp-1-000';
import { Browser, launchChromium } from './support/chromium';
import { probeLayout } from './support/layout-probe';

/**
 * The email and the full report page in a real browser (Debian's chromium through playwright-core), at a
 * phone's width and a laptop's: nothing may stick out of the viewport but inside a table's own scroller,
 * every key figure tile is on screen, and dates, ids and numbers stay on one line. Screenshots of every
 * case are written to out/screenshots/ to look at.
 */
const SCREENSHOTS = path.resolve(__dirname, '../../../out/screenshots');
const WIDTHS = [390, 1280] as const;
/** English, and Vietnamese with its longer words; the locales accounts have. */
const LOCALES = { en: 'en-US', vi: 'vi-VN' } as const;
type Lang = keyof typeof LOCALES;

async function chartDataUris(charts: readonly ChartSpec[], locale: string): Promise<Record<string, string>> {
  const uris: Record<string, string> = {};
  for (const chart of charts) {
    const png = await renderChartPng(chart, { timeZone: TIME_ZONE, locale });
    uris[chart.id] = `data:image/png;base64,${png.toString('base64')}`;
  }
  return uris;
}

/** A mail client shows the cid: parts in place; the test puts the same PNGs in as data: URIs. */
function showInlineParts(html: string, cids: Record<string, string>, uris: Record<string, string>): string {
  let shown = html;
  for (const [chartId, cid] of Object.entries(cids))
    shown = shown.split(`src="cid:${cid}"`).join(`src="${uris[chartId]}"`);
  return shown;
}

interface Surface {
  name: string;
  lang: Lang;
  html: string;
  tiles: number;
}

async function surfaces(lang: Lang): Promise<Surface[]> {
  const locale = LOCALES[lang];
  const campaign = { ...sampleCampaignReport(), locale };
  const usage = { ...sampleUsageReport(), locale };
  const calls = { ...sampleCallsReport(), locale };
  const campaignUris = await chartDataUris(campaign.charts, locale);
  const usageUris = await chartDataUris(usage.charts, locale);
  const cids = (charts: readonly ChartSpec[]) =>
    Object.fromEntries(charts.map((chart) => [chart.id, `${chart.id}@campaign-report`]));
  const email = renderCampaignEmail(campaign, {
    chartCids: cids(campaign.charts),
    fullReportUrl: 'https://report.example.com/reports/token',
    detailRows: calls,
  });
  const usageEmail = renderUsageEmail(usage, { chartCids: cids(usage.charts) });
  const page = renderFullReportPage(campaign, calls, { chartDataUris: campaignUris, csvUrl: '/reports/token.csv' });
  const tiles = keyFigures(campaign).length;
  return [
    { name: 'email', lang, html: showInlineParts(email.html, cids(campaign.charts), campaignUris), tiles },
    { name: 'usage-email', lang, html: showInlineParts(usageEmail.html, cids(usage.charts), usageUris), tiles: 4 },
    { name: 'page', lang, html: page, tiles },
  ];
}

describe('reports in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let rendered: Surface[];

  beforeAll(async () => {
    rendered = [...(await surfaces('en')), ...(await surfaces('vi'))];
    browser = await launchChromium();
    page = await browser.context.newPage();
    // Nothing may load from anywhere: the email and the page carry everything they show.
    await page.route('**/*', (route) => route.abort());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const cases = (Object.keys(LOCALES) as Lang[]).flatMap((lang) =>
    ['email', 'usage-email', 'page'].flatMap((name) => WIDTHS.map((width) => [name, width, lang] as const)),
  );

  it.each(cases)('%s at %i px (%s): nothing cut off, nothing sticks out', async (name, width, lang) => {
    const surface = rendered.find((candidate) => candidate.name === name && candidate.lang === lang)!;
    await page.setViewportSize({ width, height: 900 });
    await page.setContent(surface.html, { waitUntil: 'load' });
    const layout = await probeLayout(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}-${lang}.png`), fullPage: true });

    expect(layout.viewportWidth).toBe(width);
    expect(layout.scrollWidth).toBeLessThanOrEqual(width);
    expect(layout.overflowing).toEqual([]);
    expect(layout.wideWrappers).toEqual([]);
    expect(layout.brokenCells).toEqual([]);
    // On a laptop the page's calls table fits: no scrolling sideways to read a call.
    if (name === 'page' && width === 1280) expect(layout.scrollingWrappers).toEqual([]);
    expect(layout.brokenWords).toEqual([]);
    expect(layout.brokenImages).toEqual([]);
    expect(layout.tiles).toHaveLength(surface.tiles);
    for (const tile of layout.tiles) {
      expect(tile.width).toBeGreaterThan(100);
      expect(tile.height).toBeGreaterThan(30);
      expect(tile.left).toBeGreaterThanOrEqual(0);
      expect(tile.right).toBeLessThanOrEqual(width);
      expect(tile.contentRight).toBeLessThanOrEqual(tile.right);
    }
  });
});
