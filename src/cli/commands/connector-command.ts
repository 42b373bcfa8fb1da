import { InvalidInput } from '../../domain/errors';
import { encryptSecret } from '../../domain/secret-box';
import { CONNECTOR_PLATFORMS, findConnector } from '../../ingest/connectors/connector-registry';
import { requireAccount } from '../../reports/report-context';
import { connectorIsSet, saveConnectorSettings } from '../../storage/connectors';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE =
  '<retell or vapi or twilio> [--account A] [--outcome-field F] [--no-outcome-field]  (the secret on standard input)';
const FIELD_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * `connector`: sets an account's platform secret (read from standard input, never from an argument, stored
 * sealed like the ingest secret) and the analysis field holding an answered call's business outcome.
 */
export async function connectorCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'connector',
    argv,
    { account: { type: 'string' }, 'outcome-field': { type: 'string' }, 'no-outcome-field': { type: 'boolean' } },
    USAGE,
  );
  const platform = requirePositional(positionals, 0, 'a platform', 'connector', USAGE);
  const connector = findConnector(platform);
  if (!connector)
    throw new InvalidInput(`no connector for "${platform}"; the platforms are ${CONNECTOR_PLATFORMS.join(', ')}`);
  const accountId = values.account ?? 'default';
  await requireAccount(ctx.db, accountId);
  const outcomeField = values['no-outcome-field'] ? null : values['outcome-field'];
  if (typeof outcomeField === 'string' && !FIELD_NAME.test(outcomeField)) {
    throw new InvalidInput(
      `--outcome-field is the name of one analysis field, such as call_outcome, not "${outcomeField}"`,
    );
  }
  const secret = (await ctx.readInput()).trim();
  let secretSealed: string | undefined;
  if (secret !== '') {
    if (!ctx.config.encryptionKey) {
      throw new InvalidInput(
        'set APP_ENCRYPTION_KEY (32 bytes, base64: openssl rand -base64 32) before storing a connector secret',
      );
    }
    secretSealed = encryptSecret(secret, ctx.config.encryptionKey);
  } else if (!(await connectorIsSet(ctx.db, accountId, platform))) {
    throw new InvalidInput(
      `give ${connector.secretName} on standard input, e.g.: npm run cli -- connector ${platform} --account ${accountId} < secret.txt`,
    );
  }
  await saveConnectorSettings(ctx.db, accountId, platform, { secretSealed, outcomeField });
  const url = `${ctx.config.publicBaseUrl}/v1/connectors/${platform}/${encodeURIComponent(accountId)}`;
  ctx.out(
    `${platform} connector of account ${accountId} ${secretSealed ? 'has a new secret' : 'updated'}; point the platform at ${url}`,
  );
  return 0;
}
