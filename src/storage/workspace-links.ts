import { ChatPlatform } from '../domain/platforms';
import { Account, DbAccountRow, toAccount } from './accounts';
import { Db, preparedAs } from './connection';
import { SlackLookRow, plainSlackWorkspaceSql, slackLookOfRow } from './slack-look';

export type { ChatPlatform };

/** A Slack team or Teams tenant sees exactly one account. */
export async function linkWorkspace(
  db: Db,
  platform: ChatPlatform,
  externalId: string,
  accountId: string,
): Promise<void> {
  await db('workspace_links')
    .insert({ platform, external_id: externalId, account_id: accountId })
    .onConflict(['platform', 'external_id'])
    .merge(['account_id']);
}

/** A workspace as one answer there sees it: its account, and what every answer asks next about both. */
export interface LinkedWorkspace {
  accountId: string | null;
  /** The linked account itself (its reports need no second read of it); null when none is linked or it is gone. */
  account: Account | null;
  /** How a Slack message looks there (storage/slack-look.ts). */
  look: SlackLookRow;
}

/** The account a workspace is linked to (none: null) and the workspace's Slack look, in one round trip. */
export async function findLinkedWorkspace(
  db: Db,
  platform: ChatPlatform,
  externalId: string,
): Promise<LinkedWorkspace> {
  const result = await db
    .raw(
      `select l.account_id, a.id, a.time_zone, a.locale, a.ingest_secret_enc, a.slack_charts as charts,
            ${plainSlackWorkspaceSql(':workspace')} as plain
       from (select 1) as one
       left join workspace_links l on l.platform = :platform and l.external_id = :workspace
       left join accounts a on a.id = l.account_id`,
      { platform, workspace: externalId },
    )
    .options(preparedAs('linked-workspace'));
  const row = result.rows[0] as Partial<DbAccountRow> & {
    account_id: string | null;
    charts: string | null;
    plain: unknown;
  };
  const accountId = row.account_id ?? null;
  const account = row.id ? toAccount(row as DbAccountRow) : null;
  return { accountId, account, look: slackLookOfRow(accountId, row) };
}
