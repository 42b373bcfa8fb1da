import { findAccount } from '../../storage/accounts';
import { changeAlertRule, changeBudget, loadAlertsOverview } from '../../reports/alert-settings-service';
import { alertsOverviewLines } from '../../render/alerts-overview';
import { messagesFor } from '../../render/i18n/messages';
import { saidText } from '../../render/said';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

/** Who a CLI change is recorded as. */
const CLI_USER = 'the command line';

/** `alerts [--account A] [--json]`: the rules with their thresholds, budgets, and the alerts open now. */
export async function alertsCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const USAGE = '[--account A] [--json]';
  const { values } = parseCommandArgs(
    'alerts',
    argv,
    { account: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const accountId = values.account ?? 'default';
  const overview = await loadAlertsOverview(ctx.db, accountId);
  if (values.json) {
    ctx.out(JSON.stringify(overview, null, 2));
    return 0;
  }
  const account = await findAccount(ctx.db, accountId);
  ctx.out(alertsOverviewLines(overview, messagesFor('en'), account?.timeZone ?? 'UTC').join('\n'));
  return 0;
}

/** `alert <errors or answer-rate or stalled> <value or off> [--account A]`. */
export async function alertCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const USAGE = '<errors or answer-rate or stalled> <value or off> [--account A]';
  const { values, positionals } = parseCommandArgs('alert', argv, { account: { type: 'string' } }, USAGE);
  const rule = requirePositional(positionals, 0, 'a rule (errors, answer-rate or stalled)', 'alert', USAGE);
  const said = await changeAlertRule(ctx.db, values.account ?? 'default', rule, positionals[1], CLI_USER);
  ctx.out(saidText(said, messagesFor('en'), said.key));
  return 0;
}

/** `budget <bot_id> <blocks or off> [--account A]`. */
export async function budgetCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const USAGE = '<bot_id> <blocks or off> [--account A]';
  const { values, positionals } = parseCommandArgs('budget', argv, { account: { type: 'string' } }, USAGE);
  const bot = requirePositional(positionals, 0, 'a bot id', 'budget', USAGE);
  const said = await changeBudget(ctx.db, values.account ?? 'default', bot, positionals[1], CLI_USER);
  ctx.out(saidText(said, messagesFor('en'), said.key));
  return 0;
}
