import { Db } from './connection';
import { toDate } from './sql-values';

/** Which install a row is: a workspace (team id), or an org-wide Enterprise Grid install (team id ''). */
export interface SlackInstallationKey {
  enterpriseId: string;
  teamId: string;
}

export interface StoredSlackInstallation extends SlackInstallationKey {
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string | null;
  botTokenExpiresAt: Date | null;
  /** The whole installation, tokens included, sealed by the caller (domain/secret-box). */
  installationSealed: string;
}

interface DbSlackInstallationRow {
  enterprise_id: string;
  team_id: string;
  is_enterprise_install: boolean;
  app_id: string | null;
  bot_id: string | null;
  bot_user_id: string | null;
  bot_token_expires_at: Date | string | null;
  installation_enc: string;
}

function toStored(row: DbSlackInstallationRow): StoredSlackInstallation {
  return {
    enterpriseId: row.enterprise_id,
    teamId: row.team_id,
    isEnterpriseInstall: row.is_enterprise_install,
    appId: row.app_id,
    botId: row.bot_id,
    botUserId: row.bot_user_id,
    botTokenExpiresAt: toDate(row.bot_token_expires_at),
    installationSealed: row.installation_enc,
  };
}

/** Inserts the install or replaces it (a re-install, or refreshed tokens). */
export async function saveSlackInstallation(db: Db, install: StoredSlackInstallation): Promise<void> {
  const row = {
    enterprise_id: install.enterpriseId,
    team_id: install.teamId,
    is_enterprise_install: install.isEnterpriseInstall,
    app_id: install.appId,
    bot_id: install.botId,
    bot_user_id: install.botUserId,
    bot_token_expires_at: install.botTokenExpiresAt?.toISOString() ?? null,
    installation_enc: install.installationSealed,
  };
  await db('slack_installations')
    .insert(row)
    .onConflict(['enterprise_id', 'team_id'])
    .merge({ ...row, updated_at: db.fn.now() });
}

export async function findSlackInstallation(
  db: Db,
  key: SlackInstallationKey,
): Promise<StoredSlackInstallation | null> {
  const row = await db<DbSlackInstallationRow>('slack_installations')
    .where({ enterprise_id: key.enterpriseId, team_id: key.teamId })
    .first();
  return row ? toStored(row) : null;
}

export async function deleteSlackInstallation(db: Db, key: SlackInstallationKey): Promise<boolean> {
  const removed = await db('slack_installations')
    .where({ enterprise_id: key.enterpriseId, team_id: key.teamId })
    .delete();
  return removed > 0;
}
