import { Db } from './connection';

/** How an account's Slack messages draw charts: chart images (the default) or Slack's own charts. */
export type SlackCharts = 'images' | 'native';
export const SLACK_CHARTS: readonly SlackCharts[] = ['images', 'native'];

export async function accountSlackCharts(db: Db, accountId: string): Promise<SlackCharts> {
  const row = await db('accounts').where({ id: accountId }).first('slack_charts');
  return row?.slack_charts === 'native' ? 'native' : 'images';
}

export async function setAccountSlackCharts(db: Db, accountId: string, charts: SlackCharts): Promise<void> {
  await db('accounts').where({ id: accountId }).update({ slack_charts: charts });
}

/** Whether the workspace refused the newer block types (tables, charts) once, and the account's chart choice. */
export interface SlackLookRow {
  plain: boolean;
  charts: SlackCharts;
}

/** A look from its columns: 'images' without an account. */
export function slackLookOfRow(
  accountId: string | null,
  row: { plain: unknown; charts: unknown } | undefined,
): SlackLookRow {
  return { plain: Boolean(row?.plain), charts: accountId && row?.charts === 'native' ? 'native' : 'images' };
}

/** SQL: whether a workspace refused the newer blocks; `workspace` is SQL (a binding, or a column). */
export function plainSlackWorkspaceSql(workspace: string): string {
  return `exists (select 1 from slack_plain_workspaces where workspace_id = ${workspace})`;
}

/** How a Slack message looks, in one round trip (every message asks). */
export async function slackLookOf(db: Db, accountId: string | null, workspaceId: string): Promise<SlackLookRow> {
  const row = (await db
    .select(
      db.raw(`${plainSlackWorkspaceSql('?')} as plain`, [workspaceId]),
      db.raw('(select slack_charts from accounts where id = ?) as charts', [accountId ?? '']),
    )
    .first()) as { plain: boolean | number; charts: string | null } | undefined;
  return slackLookOfRow(accountId, row);
}

/** Remembers the refusal; the first one stays (several processes may record it at once). */
export async function rememberPlainSlackWorkspace(db: Db, workspaceId: string, reason: string): Promise<void> {
  await db('slack_plain_workspaces')
    .insert({ workspace_id: workspaceId, reason: reason.slice(0, 500) })
    .onConflict('workspace_id')
    .ignore();
}
