import { applyCodeMapping } from '../../ingest/connectors/apply-code-map';
import { requireAccount } from '../../reports/report-context';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';
import { erasureKeyFrom } from '../../domain/forgotten-identifiers';

const USAGE = '<platform> <reason> <RESULT_CODE> [--account A]';

/** `code-map`: maps a platform reason to a result code and re-derives the stored calls and every figure. */
export async function codeMapCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('code-map', argv, { account: { type: 'string' } }, USAGE);
  const platform = requirePositional(positionals, 0, 'a platform', 'code-map', USAGE);
  const reason = requirePositional(positionals, 1, "the platform's reason", 'code-map', USAGE);
  const code = requirePositional(positionals, 2, 'a result code', 'code-map', USAGE);
  const accountId = values.account ?? 'default';
  await requireAccount(ctx.db, accountId);
  const { resultCode, calls, counts } = await applyCodeMapping(
    ctx.db,
    accountId,
    platform,
    reason,
    code,
    new Date(),
    ctx.config.encryptionKey && erasureKeyFrom(ctx.config.encryptionKey),
  );
  ctx.out(
    `${platform} ${reason} → ${resultCode} for account ${accountId}: ${calls} stored call(s) re-derived, ${counts.updated} changed`,
  );
  return 0;
}
