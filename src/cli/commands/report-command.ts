import { campaignOverviewJson } from '../../domain/campaign-overview';
import { loadCampaignReport } from '../../reports/campaign-report';
import { renderCampaignTable } from '../../render/cli/campaign';
import { parseCommandArgs, printJson, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '<campaign_id> [--account A] [--json]';

/** `report`: the campaign overview; `--json` prints exactly the docs/metrics.md names. */
export async function reportCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'report',
    argv,
    { account: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const campaign = requirePositional(positionals, 0, 'a campaign id', 'report', USAGE);
  const report = await loadCampaignReport(ctx.deps, values.account ?? 'default', campaign);
  if (values.json) printJson(ctx.out, campaignOverviewJson(report.overview));
  else ctx.out(renderCampaignTable(report));
  return 0;
}
