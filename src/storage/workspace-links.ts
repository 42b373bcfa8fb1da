import { ChatPlatform } from '../domain/platforms';
import { Db } from './connection';

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

export async function findLinkedAccount(db: Db, platform: ChatPlatform, externalId: string): Promise<string | null> {
  const row = await db('workspace_links').where({ platform, external_id: externalId }).first();
  return row ? (row.account_id as string) : null;
}
