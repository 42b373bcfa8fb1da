import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { createDb, migrateLatest } from '../storage/connection';
import { ensureDefaultAccount } from '../storage/accounts';
import { saveTariff } from '../storage/voicebots';
import { applyTariffToCalls } from '../storage/rebuild-rollups';
import { importFile } from '../ingest/import-file';
import { loadCampaignReport } from '../reports/campaign-report';
import { loadCallsReport } from '../reports/calls-report';
import { loadUsageReport } from '../reports/usage-report';
import { loadCampaignList } from '../reports/campaign-list';
import { makeRecordingLinker } from '../reports/recording-links';
import { ReportDeps } from '../reports/report-context';
import { renderCallsTable } from '../render/cli/calls';
import { renderCampaignTable } from '../render/cli/campaign';
import { renderCampaignListTable } from '../render/cli/list';
import { renderUsageTable } from '../render/cli/usage';
import { renderSlackCallsReport } from '../render/slack/calls';
import { renderSlackCampaignReport } from '../render/slack/campaign';
import { renderSlackUsageReport } from '../render/slack/usage';
import { buildQuickChartUrl } from '../adapters/charts/quickchart-url';
import { renderChartPng } from '../adapters/charts/render-chart-png';
import { ChartSpec } from '../domain/report-model';
import { completeDueCampaigns } from '../storage/completion';
import { writeDemoEmail, writeDemoReportPage } from '../adapters/email/demo-files';
import { writeDemoTeamsCards } from '../adapters/teams/demo-cards';
import { reportPageUrl } from '../domain/report-page-token';
import { findCampaign } from '../storage/campaigns';
import { loadCampaignAggregates } from '../storage/rollups';
import { loadLiveProgress } from '../reports/live-progress';
import { renderSlackLiveMessage } from '../render/slack/live-progress';
import { renderTeamsLiveCard } from '../render/teams/live-progress';
import { CampaignReport } from '../domain/report-model';
import { LiveNote } from '../domain/delivery';
import { writeDemoAlert } from './demo-alert';

/**
 * `npm run demo`: no server needed. Loads the bundled sample campaigns into the embedded database the CLI
 * uses by default (./.data), prints the reports, and writes what each surface would receive under ./out.
 * Running it again changes nothing: the sample arrives as duplicates.
 */
const SAMPLE = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'sample');
const OUT = path.resolve('out');
const DEMO_BASE_URL = 'http://localhost:3000';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: '' });
  const db = createDb({ embeddedDataDir: config.embeddedDataDir });
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    say(`campaign-report demo: the embedded PostgreSQL (PGlite) in ./${config.embeddedDataDir}, no server needed.\n`);
    await migrateLatest(db);
    await ensureDefaultAccount(db, 'Asia/Ho_Chi_Minh');
    const tariffs = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'tariffs.json'), 'utf8')) as Record<
      string,
      { block_seconds: number; price: string; currency: string }
    >;
    for (const [botId, tariff] of Object.entries(tariffs)) {
      await db.transaction(async (trx) => {
        await saveTariff(trx, 'default', botId, {
          blockSeconds: tariff.block_seconds,
          pricePerBlock: tariff.price,
          currency: tariff.currency,
        });
        await applyTariffToCalls(trx, 'default', botId);
      });
    }
    for (const file of ['campaigns.ndjson', 'calls.csv']) {
      const result = await importFile(db, 'default', path.join(SAMPLE, file));
      say(
        `import ${file}: accepted ${result.accepted}, duplicates ${result.duplicates}, updated ${result.updated}, rejected ${result.rejected}`,
      );
    }
    // The completion job moves a campaign to complete once its settle window has passed with no new call.
    // The sample's campaigns all sent campaign.completed; the demo runs that check with a zero settle window.
    const completed = await completeDueCampaigns(db, new Date(), { settleMs: 0, idleTimeoutMs: 6 * 3600 * 1000 });
    say(`completion check (settle window 0 s for the demo): ${completed.length} campaign(s) complete\n`);

    const deps: ReportDeps = {
      db,
      recordingLinkFor: makeRecordingLinker({
        publicBaseUrl: DEMO_BASE_URL,
        secret: 'demo-only-secret',
        ttlSeconds: 86400,
      }),
    };
    say(renderCampaignListTable(await loadCampaignList(deps, 'default')));
    const campaign = await loadCampaignReport(deps, 'default', 'cmp-1-000');
    say(`\n${renderCampaignTable(campaign)}`);
    const calls = await loadCallsReport(deps, 'default', 'cmp-1-000', {}, 10);
    say(`\n${renderCallsTable(calls)}`);
    const usage = await loadUsageReport(deps, 'default', { month: '2026-10', withPrevious: true });
    say(`\n${renderUsageTable(usage)}`);

    fs.mkdirSync(path.join(OUT, 'slack'), { recursive: true });
    fs.mkdirSync(path.join(OUT, 'charts'), { recursive: true });
    const charts = [...campaign.charts, ...usage.charts];
    const images = await Promise.all(
      charts.map(async (spec: ChartSpec) => {
        const file = path.join(OUT, 'charts', `${spec.id}.png`);
        fs.writeFileSync(file, await renderChartPng(spec, { timeZone: campaign.overview.campaign.timeZone }));
        return { spec, file };
      }),
    );
    const chartImages = (ids: string[]) =>
      images
        .filter(({ spec }) => ids.includes(spec.id))
        .map(({ spec }) => ({
          chartId: spec.id,
          imageUrl:
            buildQuickChartUrl(spec, 'https://quickchart.io', { timeZone: campaign.overview.campaign.timeZone }) ??
            undefined,
          altText: spec.altText,
        }));
    const payloads: Record<string, unknown> = {
      'campaign-cmp-1-000.json': renderSlackCampaignReport(campaign, {
        charts: chartImages(campaign.charts.map((c) => c.id)),
        shareable: true,
      }),
      'calls-cmp-1-000.json': renderSlackCallsReport(calls),
      'usage-2026-10.json': renderSlackUsageReport(usage, { charts: chartImages(usage.charts.map((c) => c.id)) }),
    };
    // The live message a channel subscribed with `live` held just before the campaign completed (docs/live.md).
    const liveNote: LiveNote = { updateSeconds: config.liveUpdateSeconds, subscribedBy: 'U0DEMO' };
    const running = await liveSnapshot(deps, campaign);
    payloads['live-cmp-1-000.json'] = renderSlackLiveMessage(running, liveNote, null);
    fs.mkdirSync(path.join(OUT, 'teams'), { recursive: true });
    fs.writeFileSync(
      path.join(OUT, 'teams', 'live-cmp-1-000.json'),
      `${JSON.stringify(renderTeamsLiveCard(running, liveNote, null), null, 2)}\n`,
    );
    for (const [name, payload] of Object.entries(payloads)) {
      fs.writeFileSync(path.join(OUT, 'slack', name), `${JSON.stringify(payload, null, 2)}\n`);
    }
    const eml = await writeDemoEmail({
      deps,
      accountId: 'default',
      campaignId: 'cmp-1-000',
      outDir: path.join(OUT, 'email'),
      publicBaseUrl: DEMO_BASE_URL,
      linkSecret: 'demo-only-secret',
    });
    const teamsCards = await writeDemoTeamsCards({
      campaign,
      calls,
      usage,
      outDir: path.join(OUT, 'teams'),
      quickchartBaseUrl: 'https://quickchart.io',
      fullReportUrl: reportPageUrl(
        DEMO_BASE_URL,
        'default',
        'cmp-1-000',
        'demo-only-secret',
        Math.floor(Date.now() / 1000),
      ),
    });
    const page = await writeDemoReportPage({
      deps,
      accountId: 'default',
      campaignId: 'cmp-1-000',
      outDir: path.join(OUT, 'pages'),
    });
    const alertFiles = await writeDemoAlert(db, 'cmp-1-000', OUT);
    say('\nWritten under ./out:');
    say(
      `  ${path.relative(OUT, eml)}   the email report as a recipient receives it (HTML + text, inline charts, CSV attached)`,
    );
    say(`  ${path.relative(OUT, page)}   the full report page with an audio player per call`);
    say(
      `  slack/*.json   Block Kit payloads (paste the "blocks" into Block Kit Builder): ${Object.keys(payloads).join(', ')}`,
    );
    say(
      '  slack/live-cmp-1-000.json, teams/live-cmp-1-000.json   the live message as it looked just before the campaign completed',
    );
    say(
      `  teams/*.json   Adaptive Cards (paste one into the Adaptive Card Designer's card payload): ${teamsCards.map((file) => path.basename(file)).join(', ')}`,
    );
    say(
      `  ${alertFiles.map((file) => path.relative(OUT, file)).join(', ')}   the errors alert as cmp-1-000's channel would get it (docs/alerts.md)`,
    );
    say(`  charts/*.png   charts rendered locally: ${images.map(({ file }) => path.basename(file)).join(', ')}`);
    say('\nThe data stays in ./.data, where the CLI looks by default: go on with');
    say(
      '  npm run cli -- list\n  npm run cli -- report cmp-1-000\n  npm run cli -- calls cmp-1-000\n  npm run cli -- usage --month 2026-10',
    );
    if (loadConfig().databaseUrl)
      say(
        '(DATABASE_URL is set in this shell, so the CLI would read PostgreSQL instead: unset it to see the demo data.)',
      );
  } finally {
    await db.destroy();
  }
}

/** The sample campaign as its live message showed it at its last call, before it completed. */
async function liveSnapshot(deps: ReportDeps, report: CampaignReport): Promise<CampaignReport> {
  const { id } = report.overview.campaign;
  const stored = await findCampaign(deps.db, 'default', id);
  if (!stored) throw new Error(`the sample campaign ${id} is missing`);
  const running = structuredClone(report);
  running.overview.campaign = { ...running.overview.campaign, state: 'running', final: false };
  running.overview.progress = await loadLiveProgress(
    deps.db,
    stored,
    await loadCampaignAggregates(deps.db, 'default', id),
  );
  return running;
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
