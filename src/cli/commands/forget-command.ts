import os from 'node:os';
import { InvalidInput, NotFound } from '../../domain/errors';
import { forgetCustomer } from '../../jobs/forget-customer';
import { requireAccount } from '../../reports/report-context';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';
import { openErasureRedis } from '../erasure-redis';

const USAGE = '<customer_id or phone> [--account A] [--by NAME]';

/** `forget`: erases one customer's personal data in one account, keeping every figure (docs/security.md). */
export async function forgetCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'forget',
    argv,
    { account: { type: 'string' }, by: { type: 'string' } },
    USAGE,
  );
  const identifier = requirePositional(positionals, 0, 'a customer id or phone', 'forget', USAGE);
  if (identifier.trim() === '')
    throw new InvalidInput(`give a customer id or phone. Usage: npm run cli -- forget ${USAGE}`);
  const accountId = values.account ?? 'default';
  const account = await requireAccount(ctx.db, accountId);
  if (!ctx.config.encryptionKey) {
    throw new InvalidInput(
      'set APP_ENCRYPTION_KEY (32 bytes, base64: openssl rand -base64 32) before forget: it keys the hashes that keep forgotten data from coming back',
    );
  }
  const requestedBy = values.by?.trim() || os.userInfo().username;
  const redis = await openErasureRedis(ctx.config.redisUrl, 'forget');
  try {
    const result = await forgetCustomer(ctx.db, {
      accountId,
      timeZone: account.timeZone,
      identifier,
      requestedBy,
      encryptionKey: ctx.config.encryptionKey,
      redis: { client: redis, prefix: ctx.config.queuePrefix },
    });
    if (result.kind === 'nothing') {
      throw new NotFound(
        `no call of account ${accountId} has customer id or phone "${identifier}"; nothing changed (type the id as the calls CSV shows it, or the phone as +84…, 84… or 0…)`,
      );
    }
    if (result.kind === 'already') {
      ctx.out(`"${identifier}" was already forgotten in account ${accountId}; nothing changed`);
      return 0;
    }
    ctx.out(
      [
        `forgotten in account ${accountId} (by ${requestedBy}):`,
        `  calls changed: ${result.calls} (${result.customers} customer id(s) replaced by a pseudonym` +
          `${result.phoneOnlyCalls > 0 ? `, ${result.phoneOnlyCalls} call(s) of other ids that had the phone` : ''})`,
        `  phones removed: ${result.phones}; recordings unlinked: ${result.recordings}`,
        `  job data rewritten in Redis: ${result.redisValues}; temporary files deleted: ${result.tempFiles}`,
        '  every report figure is unchanged; copies already posted to Slack, Teams or mailboxes must be deleted there (docs/security.md)',
      ].join('\n'),
    );
    return 0;
  } finally {
    redis.disconnect();
  }
}
