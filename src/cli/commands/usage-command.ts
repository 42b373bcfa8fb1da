import { InvalidInput, NotFound } from '../../domain/errors';
import { findVoicebot, listVoicebotIds } from '../../storage/voicebots';
import { parseMonth } from '../../domain/time-zone';
import { loadUsageReport } from '../../reports/usage-report';
import { renderUsageTable } from '../../render/cli/usage';
import { parseCommandArgs, printJson } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '[--month YYYY-MM] [--bot B] [--account A] [--json]';

/** `usage`: monthly usage per voicebot, by default for the last full month in the account's zone. */
export async function usageCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    'usage',
    argv,
    { month: { type: 'string' }, bot: { type: 'string' }, account: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.month !== undefined && !parseMonth(values.month)) {
    throw new InvalidInput(`--month must look like 2026-10, not "${values.month}"`);
  }
  const accountId = values.account ?? 'default';
  if (values.bot !== undefined) await requireBot(ctx, accountId, values.bot);
  const report = await loadUsageReport(ctx.deps, accountId, {
    month: values.month,
    botId: values.bot,
    withPrevious: !values.json,
  });
  if (values.json) printJson(ctx.out, report.usage);
  else ctx.out(renderUsageTable(report));
  return 0;
}

async function requireBot(ctx: CliContext, accountId: string, botId: string): Promise<void> {
  if (await findVoicebot(ctx.db, accountId, botId)) return;
  const known = await listVoicebotIds(ctx.db, accountId);
  const choice =
    known.length > 0
      ? `the bots are ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`
      : 'no bot has calls yet';
  throw new NotFound(`no bot "${botId}" in account ${accountId}; ${choice} (or leave --bot out for all)`);
}
