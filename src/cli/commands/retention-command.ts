import os from 'node:os';
import { runRetention } from '../../jobs/retention';
import { requireAccount } from '../../reports/report-context';
import { parseCommandArgs } from '../args';
import { CliContext } from '../cli-context';
import { openErasureRedis } from '../erasure-redis';

const USAGE = '[--account A]';

/** `retention`: runs the personal-data retention once, now; prints how many calls it changed. */
export async function retentionCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('retention', argv, { account: { type: 'string' } }, USAGE);
  if (values.account !== undefined) await requireAccount(ctx.db, values.account);
  const redis = await openErasureRedis(ctx.config.redisUrl, 'retention');
  const result = await runRetention(ctx.db, {
    accountId: values.account,
    requestedBy: os.userInfo().username,
    redis: { client: redis, prefix: ctx.config.queuePrefix },
  }).finally(() => redis.disconnect());
  if (result.accounts.length === 0) {
    ctx.out(
      `${values.account ? `account ${values.account} keeps` : 'every account keeps'} personal data (set a period with: npm run cli -- account <id> --retain-personal-days N); 0 calls changed`,
    );
    return 0;
  }
  for (const account of result.accounts) {
    ctx.out(
      `account ${account.accountId} (${account.days} days): ${account.calls} call(s) changed; ` +
        `job data rewritten in Redis: ${account.redisValues}; temporary files deleted: ${account.tempFiles}`,
    );
  }
  ctx.out(`retention: ${result.calls} call(s) changed`);
  return 0;
}
