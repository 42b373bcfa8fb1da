import os from 'node:os';
import { runRetention } from '../../jobs/retention';
import { requireAccount } from '../../reports/report-context';
import { parseCommandArgs } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '[--account A]';

/** `retention`: runs the personal-data retention once, now; prints how many calls it changed. */
export async function retentionCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('retention', argv, { account: { type: 'string' } }, USAGE);
  if (values.account !== undefined) await requireAccount(ctx.db, values.account);
  const result = await runRetention(ctx.db, { accountId: values.account, requestedBy: os.userInfo().username });
  if (result.accounts.length === 0) {
    ctx.out(
      `${values.account ? `account ${values.account} keeps` : 'every account keeps'} personal data (set a period with: npm run cli -- account <id> --retain-personal-days N); 0 calls changed`,
    );
    return 0;
  }
  for (const account of result.accounts) {
    ctx.out(`account ${account.accountId} (${account.days} days): ${account.calls} call(s) changed`);
  }
  ctx.out(`retention: ${result.calls} call(s) changed`);
  return 0;
}
