import { isAccountId } from '../../domain/account-id';
import { InvalidInput } from '../../domain/errors';
import { encryptSecret, newSecret } from '../../domain/secret-box';
import { isValidTimeZone } from '../../domain/time-zone';
import { SUPPORTED_LOCALES_HINT, isSupportedLocale } from '../../render/i18n/messages';
import { upsertAccount } from '../../storage/accounts';
import { SLACK_CHARTS, SlackCharts, accountSlackCharts, setAccountSlackCharts } from '../../storage/slack-look';
import { setRetention } from '../../storage/personal-data-erasure';
import { saveAlertEmails } from '../../storage/alert-settings';
import { parseEmails } from '../../ingest/field-rules';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE =
  '<account_id> [--time-zone TZ] [--locale en|vi] [--charts images|native] [--new-ingest-secret] [--retain-personal-days N|keep] [--alert-emails a@x,b@y]';

/** `--alert-emails a@x,b@y` (an empty value removes them all): checked as campaigns' report_emails are. */
function parseAlertEmails(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const parsed = parseEmails('--alert-emails', entries);
  if (!parsed.ok)
    throw new InvalidInput(`${parsed.message}; type for example: --alert-emails ops@example.com,lead@example.com`);
  return [...new Set(parsed.value ?? [])];
}

/** `account`: creates or changes an account; `--new-ingest-secret` prints the new secret once, alone on stdout. */
export async function accountCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'account',
    argv,
    {
      'time-zone': { type: 'string' },
      locale: { type: 'string' },
      charts: { type: 'string' },
      'new-ingest-secret': { type: 'boolean' },
      'retain-personal-days': { type: 'string' },
      'alert-emails': { type: 'string' },
    },
    USAGE,
  );
  const id = requirePositional(positionals, 0, 'an account id', 'account', USAGE);
  if (!isAccountId(id))
    throw new InvalidInput(`account ids are letters, digits, ".", "_" and "-" (at most 64), not "${id}"`);
  const timeZone = values['time-zone'];
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new InvalidInput(`"${timeZone}" is not an IANA time zone; use one like Asia/Ho_Chi_Minh or America/New_York`);
  }
  if (values.locale !== undefined && !isSupportedLocale(values.locale)) {
    throw new InvalidInput(
      `"${values.locale}" is not a language reports are written in; use ${SUPPORTED_LOCALES_HINT}`,
    );
  }
  const charts = values.charts;
  if (charts !== undefined && !SLACK_CHARTS.includes(charts as SlackCharts)) {
    throw new InvalidInput(
      `"${charts}" is not a way to draw Slack charts; use --charts native (Slack's own charts) or --charts images`,
    );
  }
  const retention = retentionDays(values['retain-personal-days']);
  const alertEmails = values['alert-emails'] === undefined ? undefined : parseAlertEmails(values['alert-emails']);
  let secret: string | undefined;
  if (values['new-ingest-secret']) {
    if (!ctx.config.encryptionKey) {
      throw new InvalidInput(
        'set APP_ENCRYPTION_KEY (32 bytes, base64: openssl rand -base64 32) before making an ingest secret',
      );
    }
    secret = newSecret();
  }
  const { account, created } = await upsertAccount(
    ctx.db,
    id,
    {
      timeZone,
      locale: values.locale,
      ingestSecretSealed:
        secret && ctx.config.encryptionKey ? encryptSecret(secret, ctx.config.encryptionKey) : undefined,
    },
    ctx.config.defaultTimeZone,
  );
  if (charts !== undefined) await setAccountSlackCharts(ctx.db, account.id, charts as SlackCharts);
  if (retention !== undefined) await setRetention(ctx.db, account.id, retention);
  if (alertEmails) {
    await saveAlertEmails(ctx.db, account.id, alertEmails);
    ctx.err(`account ${account.id}: alerts are emailed to ${alertEmails.length ? alertEmails.join(', ') : 'nobody'}`);
  }
  if (secret) {
    ctx.out(secret);
    ctx.err(`account ${account.id}: new ingest secret printed above; it is not shown again`);
  } else {
    ctx.out(
      `account ${account.id} ${created ? 'created' : 'updated'}: time zone ${account.timeZone}, locale ${account.locale}, ` +
        `Slack charts ${await accountSlackCharts(ctx.db, account.id)}` +
        (retention === undefined
          ? ''
          : retention === null
            ? ', personal data kept'
            : `, personal data removed ${retention} days after a call ends`),
    );
  }
  return 0;
}

/** `--retain-personal-days N|keep`: whole days from 1, or keep (no retention); undefined when not given. */
function retentionDays(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'keep') return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 36_500) {
    throw new InvalidInput(
      `--retain-personal-days takes a whole number of days from 1 to 36500, or keep; not "${value}"`,
    );
  }
  return Number(value);
}
