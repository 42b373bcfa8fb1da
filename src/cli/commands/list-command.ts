import { InvalidInput } from '../../domain/errors';
import { loadCampaignList } from '../../reports/campaign-list';
import { renderCampaignListTable } from '../../render/cli/list';
import { parseCommandArgs, printJson } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '[running or settling or complete] [--account A] [--json]';

/** `list`: the latest campaigns with their state and answer rate. */
export async function listCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'list',
    argv,
    { account: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const filter = positionals[0] ?? 'all';
  if (!['all', 'running', 'settling', 'complete'].includes(filter)) {
    throw new InvalidInput(`list takes running, settling or complete, not "${filter}"`);
  }
  const report = await loadCampaignList(ctx.deps, values.account ?? 'default', filter as 'all');
  if (values.json) printJson(ctx.out, report.campaigns);
  else ctx.out(renderCampaignListTable(report));
  return 0;
}
