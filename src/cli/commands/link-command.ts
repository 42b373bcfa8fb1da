import { InvalidInput } from '../../domain/errors';
import { isChatPlatform } from '../../domain/platforms';
import { requireAccount } from '../../reports/report-context';
import { linkWorkspace } from '../../storage/workspace-links';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = 'slack <team_id> <account_id> | teams <tenant_id> <account_id>';

/** `link`: lets one Slack workspace or Teams tenant see one account. */
export async function linkCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs('link', argv, {}, USAGE);
  const platform = requirePositional(positionals, 0, 'slack or teams', 'link', USAGE);
  if (!isChatPlatform(platform))
    throw new InvalidInput(`link takes slack or teams, not "${platform}". Usage: npm run cli -- link ${USAGE}`);
  const externalId = requirePositional(
    positionals,
    1,
    platform === 'slack' ? 'a team id' : 'a tenant id',
    'link',
    USAGE,
  );
  const accountId = requirePositional(positionals, 2, 'an account id', 'link', USAGE);
  await requireAccount(ctx.db, accountId);
  await linkWorkspace(ctx.db, platform, externalId, accountId);
  ctx.out(`${platform} ${externalId} now sees account ${accountId}`);
  return 0;
}
