import { InvalidInput } from '../../domain/errors';
import { encryptSecret, newSecret } from '../../domain/secret-box';
import { isValidTimeZone } from '../../domain/time-zone';
import { SUPPORTED_LOCALES_HINT, isSupportedLocale } from '../../render/i18n/messages';
import { upsertAccount } from '../../storage/accounts';
import { saveAlertEmails } from '../../storage/alert-settings';
import { parseEmails } from '../../ingest/field-rules';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '<account_id> [--time-zone TZ] [--locale en|vi] [--new-ingest-secret] [--alert-emails a@x,b@y]';
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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
      'new-ingest-secret': { type: 'boolean' },
      'alert-emails': { type: 'string' },
    },
    USAGE,
  );
  const id = requirePositional(positionals, 0, 'an account id', 'account', USAGE);
  if (!ACCOUNT_ID.test(id))
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
  if (alertEmails) {
    await saveAlertEmails(ctx.db, account.id, alertEmails);
    ctx.err(`account ${account.id}: alerts are emailed to ${alertEmails.length ? alertEmails.join(', ') : 'nobody'}`);
  }
  if (secret) {
    ctx.out(secret);
    ctx.err(`account ${account.id}: new ingest secret printed above; it is not shown again`);
  } else {
    ctx.out(
      `account ${account.id} ${created ? 'created' : 'updated'}: time zone ${account.timeZone}, locale ${account.locale}`,
    );
  }
  return 0;
}
