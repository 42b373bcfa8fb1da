import fs from 'node:fs';
import path from 'node:path';
import { CallsReport, CampaignReport, UsageReport } from '../../domain/report-model';
import { renderCallsCard } from '../../render/teams/calls';
import { renderTeamsCampaignCard, renderTeamsUsageCard } from './answer-card';

export interface DemoTeamsCardsOptions {
  campaign: CampaignReport;
  calls: CallsReport;
  usage: UsageReport;
  /** Folder to write into (created when missing). */
  outDir: string;
  /** QuickChart for the chart images ("off": drawn here, inline): the Designer shows either. */
  quickchartBaseUrl: string;
  fullReportUrl?: string | null;
}

/**
 * For `npm run demo`: the Teams Adaptive Cards as JSON, each the card itself, ready to paste into the
 * Adaptive Card Designer's card payload editor. Returns the files written.
 */
export async function writeDemoTeamsCards(options: DemoTeamsCardsOptions): Promise<string[]> {
  const settings = { quickchartBaseUrl: options.quickchartBaseUrl };
  const campaignId = options.campaign.overview.campaign.id;
  const cards = {
    [`campaign-${campaignId}.json`]: await renderTeamsCampaignCard(options.campaign, settings, {
      fullReportUrl: options.fullReportUrl,
    }),
    [`calls-${campaignId}.json`]: renderCallsCard(options.calls),
    [`usage-${options.usage.usage.month}.json`]: await renderTeamsUsageCard(options.usage, settings),
  };
  fs.mkdirSync(options.outDir, { recursive: true });
  return Object.entries(cards).map(([name, card]) => {
    const file = path.join(options.outDir, name.replace(/[^A-Za-z0-9._-]+/g, '_'));
    fs.writeFileSync(file, `${JSON.stringify(card, null, 2)}\n`);
    return file;
  });
}
