import { NotFound } from '../../domain/errors';
import { findCustomerCalls } from '../../reports/customer-lookup';
import { requireAccount } from '../../reports/report-context';
import { loadCustomerRecords } from '../../storage/personal-data-erasure';
import { parseCommandArgs, printJson, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '<customer_id or phone> [--account A]';

/** `export-customer`: everything stored about one customer, as JSON, for an access request (docs/security.md). */
export async function exportCustomerCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('export-customer', argv, { account: { type: 'string' } }, USAGE);
  const identifier = requirePositional(positionals, 0, 'a customer id or phone', 'export-customer', USAGE);
  const accountId = values.account ?? 'default';
  const account = await requireAccount(ctx.db, accountId);
  const found = await findCustomerCalls(ctx.db, accountId, account.timeZone, identifier);
  if (found.calls.length === 0 && found.phoneOnlyCalls.length === 0) {
    throw new NotFound(
      `no call of account ${accountId} has customer id or phone "${identifier}" (a forgotten customer has nothing left to export)`,
    );
  }
  const callIds = [...found.calls, ...found.phoneOnlyCalls].map((call) => call.callId);
  const records = await loadCustomerRecords(ctx.db, accountId, callIds);
  printJson(ctx.out, {
    account: accountId,
    query: identifier,
    customerIds: found.customerIds,
    phones: found.phones,
    exportedAt: new Date().toISOString(),
    calls: records.calls,
    platformRecords: records.platformRecords,
    campaignCustomers: records.campaignCustomers,
  });
  return 0;
}
