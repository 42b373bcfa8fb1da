import { InvalidInput } from '../../domain/errors';
import { RECORDING_LINKS_OFF } from '../../domain/report-model';
import { campaignCallPages, loadCallsReport, recordingLinksAreOff } from '../../reports/calls-report';
import { requireAccount } from '../../reports/report-context';
import { resolveCampaign } from '../../reports/resolve-campaign';
import { renderCallsCsvPages } from '../../render/csv/calls';
import { renderCallsTable } from '../../render/cli/calls';
import { parseCommandArgs, printJson, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '<campaign_id> [--account A] [--json or --csv]';

/** `calls`: the detailed report, as a table, JSON, or CSV streamed page by page. */
export async function callsCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'calls',
    argv,
    { account: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } },
    USAGE,
  );
  if (values.json && values.csv)
    throw new InvalidInput(`choose one of --json and --csv. Usage: npm run cli -- calls ${USAGE}`);
  const campaignRef = requirePositional(positionals, 0, 'a campaign id', 'calls', USAGE);
  const accountId = values.account ?? 'default';
  if (values.csv) {
    const account = await requireAccount(ctx.db, accountId);
    const campaign = await resolveCampaign(ctx.db, accountId, campaignRef);
    if (await recordingLinksAreOff(ctx.deps, accountId, campaign.id)) ctx.err(RECORDING_LINKS_OFF);
    for await (const { csv } of renderCallsCsvPages(campaignCallPages(ctx.deps, accountId, campaign.id, {}), account)) {
      process.stdout.write(csv);
    }
    return 0;
  }
  const report = await loadCallsReport(ctx.deps, accountId, campaignRef);
  if (report.recordingLinksOff) ctx.err(RECORDING_LINKS_OFF);
  if (values.json)
    printJson(ctx.out, {
      campaign: report.campaign,
      timeZone: report.timeZone,
      total: report.totalRows,
      calls: report.rows,
    });
  else ctx.out(renderCallsTable(report));
  return 0;
}
