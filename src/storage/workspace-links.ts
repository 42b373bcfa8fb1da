import { ChatPlatform } from '../domain/platforms';
import { Account, DbAccountRow, toAccount } from './accounts';
import { CAMPAIGN_COLUMNS, Campaign, DbCampaignRow, toCampaign } from './campaigns';
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
  /** When asked for a campaign id and an account is linked: that account's campaign of that id, or none. */
  campaignRead?: CampaignRead;
}

/** The campaign of the linked account whose id is exactly `id`, read with the link; null when it has none. */
export interface CampaignRead {
  id: string;
  campaign: Campaign | null;
}

const CAMPAIGN_PREFIX = 'campaign.';
const campaignColumnsSql = CAMPAIGN_COLUMNS.map((column) => `c.${column} as "${CAMPAIGN_PREFIX}${column}"`).join(', ');

/**
 * The account a workspace is linked to (none: null) and the workspace's Slack look, in one round trip; with
 * `campaignId` (the id a command names), also the linked account's campaign of exactly that id, so that
 * the answer does not ask for it again.
 */
export async function findLinkedWorkspace(
  db: Db,
  platform: ChatPlatform,
  externalId: string,
  campaignId?: string,
): Promise<LinkedWorkspace> {
  const withCampaign = campaignId !== undefined;
  const result = await db
    .raw(
      `select l.account_id, a.id, a.time_zone, a.locale, a.ingest_secret_enc, a.slack_charts as charts,
            ${plainSlackWorkspaceSql(':workspace')} as plain${withCampaign ? `, ${campaignColumnsSql}` : ''}
       from (select 1) as one
       left join workspace_links l on l.platform = :platform and l.external_id = :workspace
       left join accounts a on a.id = l.account_id${
         withCampaign
           ? '\n       left join campaigns c on c.account_id = l.account_id and c.campaign_id = :campaign'
           : ''
       }`,
      { platform, workspace: externalId, ...(withCampaign ? { campaign: campaignId } : {}) },
    )
    .options(preparedAs(withCampaign ? 'linked-workspace-campaign' : 'linked-workspace'));
  const row = result.rows[0] as Partial<DbAccountRow> & {
    account_id: string | null;
    charts: string | null;
    plain: unknown;
  } & Record<string, unknown>;
  const accountId = row.account_id ?? null;
  const account = row.id ? toAccount(row as DbAccountRow) : null;
  const linked: LinkedWorkspace = { accountId, account, look: slackLookOfRow(accountId, row) };
  if (withCampaign && accountId) linked.campaignRead = { id: campaignId, campaign: campaignOfRow(row) };
  return linked;
}

function campaignOfRow(row: Record<string, unknown>): Campaign | null {
  if (row[`${CAMPAIGN_PREFIX}campaign_id`] == null) return null;
  const campaign = Object.fromEntries(CAMPAIGN_COLUMNS.map((column) => [column, row[`${CAMPAIGN_PREFIX}${column}`]]));
  return toCampaign(campaign as unknown as DbCampaignRow);
}
