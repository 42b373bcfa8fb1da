import { CompletionWindows, DEFAULT_COMPLETION_WINDOWS, ReadingAt } from '../domain/campaign-state';
import { NotFound, Said } from '../domain/errors';
import { Account, findAccount } from '../storage/accounts';
import { Db } from '../storage/connection';
import { CampaignRead } from '../storage/workspace-links';

/** What every report loader needs: the database, and how to link a call's recording (null: no links). */
export interface ReportDeps {
  db: Db;
  recordingLinkFor?: (accountId: string, callId: string) => string;
  /** The completion windows of the configuration (default: docs/metrics.md's), to tell a campaign's state when read. */
  completion?: CompletionWindows;
  now?: () => Date;
  /** The account already read with what asks for the report (a workspace's link, a batch of deliveries): not read again. */
  account?: Account;
  /** The campaign a command named, already read by its exact id with the workspace's link: not read again. */
  campaignRead?: CampaignRead & { accountId: string };
}

/** The deps with an account already read (a workspace's link, a batch's accounts), so reports do not read it again. */
export function withAccountRead(deps: ReportDeps, account: Account | null | undefined): ReportDeps {
  return account ? { ...deps, account } : deps;
}

/** The deps with the campaign a workspace's link read for `accountId` (storage/workspace-links.ts), if it read one. */
export function withCampaignRead(deps: ReportDeps, accountId: string, read: CampaignRead | undefined): ReportDeps {
  return read ? { ...deps, campaignRead: { ...read, accountId } } : deps;
}

/** The instant a report is read at (the deps' clock), and the configured completion windows. */
export function readingAt(deps: ReportDeps): ReadingAt {
  return { now: deps.now?.() ?? new Date(), windows: deps.completion ?? DEFAULT_COMPLETION_WINDOWS };
}

/** The account of a report: the one the answer already read, else from the database (missing: NotFound). */
export function accountOf(deps: ReportDeps, accountId: string): Promise<Account> {
  return deps.account?.id === accountId ? Promise.resolve(deps.account) : requireAccount(deps.db, accountId);
}

export async function requireAccount(db: Db, accountId: string): Promise<Account> {
  const account = await findAccount(db, accountId);
  if (!account) {
    const said: Said = { key: 'noAccount', values: { account: accountId } };
    throw new NotFound(`no account "${accountId}"; create it with: npm run cli -- account ${accountId}`, said);
  }
  return account;
}
