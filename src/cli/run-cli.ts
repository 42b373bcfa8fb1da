import { ConfigError } from '../config';
import { InvalidInput, NotFound, Unreachable } from '../domain/errors';
import { CliContext, openCliContext } from './cli-context';
import { accountCommand } from './commands/account-command';
import { alertCommand, alertsCommand, budgetCommand } from './commands/alert-commands';
import { callsCommand } from './commands/calls-command';
import { codeMapCommand } from './commands/code-map-command';
import { codesCommand } from './commands/codes-command';
import { connectorCommand } from './commands/connector-command';
import { exportCustomerCommand } from './commands/export-customer-command';
import { forgetCommand } from './commands/forget-command';
import { importCommand } from './commands/import-command';
import { linkCommand } from './commands/link-command';
import { listCommand } from './commands/list-command';
import { migrateCommand } from './commands/migrate-command';
import { reportCommand } from './commands/report-command';
import { retentionCommand } from './commands/retention-command';
import { tariffCommand } from './commands/tariff-command';
import { usageCommand } from './commands/usage-command';

type Command = (ctx: CliContext, argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  import: importCommand,
  report: reportCommand,
  calls: callsCommand,
  usage: usageCommand,
  list: listCommand,
  account: accountCommand,
  tariff: tariffCommand,
  link: linkCommand,
  connector: connectorCommand,
  codes: codesCommand,
  'code-map': codeMapCommand,
  forget: forgetCommand,
  'export-customer': exportCustomerCommand,
  retention: retentionCommand,
  alerts: alertsCommand,
  alert: alertCommand,
  budget: budgetCommand,
};

export const CLI_HELP = `campaign-report: reports of AI voicebot calling campaigns

  npm run cli -- migrate
  npm run cli -- import <file.csv or file.ndjson> [--account A] [--skip-invalid] [--json]
  npm run cli -- report <campaign_id> [--account A] [--json]
  npm run cli -- calls <campaign_id> [--account A] [--json or --csv]
  npm run cli -- usage [--month YYYY-MM] [--bot B] [--account A] [--json]
  npm run cli -- list [running or settling or complete] [--account A] [--json]
  npm run cli -- account <account_id> [--time-zone TZ] [--locale en|vi] [--charts images|native] [--new-ingest-secret]
                  [--retain-personal-days N|keep] [--alert-emails a@x,b@y]
  npm run cli -- tariff <bot_id> [--account A] [--block-seconds N] [--price P] [--currency C]
  npm run cli -- link slack <team_id> <account_id> | link teams <tenant_id> <account_id>
  npm run cli -- connector <retell or vapi or twilio> [--account A] [--outcome-field F]  (secret on stdin)
  npm run cli -- codes [--account A] [--json]
  npm run cli -- code-map <platform> <reason> <RESULT_CODE> [--account A]
  npm run cli -- forget <customer_id or phone> [--account A] [--by NAME]
  npm run cli -- export-customer <customer_id or phone> [--account A]
  npm run cli -- retention [--account A]
  npm run cli -- alerts [--account A] [--json]
  npm run cli -- alert <errors or answer-rate or stalled> <value or off> [--account A]
  npm run cli -- budget <bot_id> <blocks or off> [--account A]

DATABASE_URL selects PostgreSQL; without it the embedded database in ./.data is used (npm run demo fills it).
A problem you can fix prints one line and exits 2. Everything about each command: docs/cli.md.`;

/** Runs one command; returns the exit code: 0 done, 2 a problem the user can fix (one line on stderr), 1 a fault. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${CLI_HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')} (npm run cli -- help)\n`,
    );
    return 2;
  }
  let ctx: CliContext | undefined;
  try {
    ctx = await openCliContext(env, input);
    return await command(ctx, rest);
  } catch (error) {
    if (error instanceof InvalidInput || error instanceof NotFound) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof Unreachable) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const detail = env.LOG_LEVEL === 'debug' ? ((error as Error).stack ?? String(error)) : firstLine(error);
    process.stderr.write(
      `campaign-report failed: ${detail}${env.LOG_LEVEL === 'debug' ? '' : ' (LOG_LEVEL=debug shows where)'}\n`,
    );
    return 1;
  } finally {
    await ctx?.db.destroy();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
