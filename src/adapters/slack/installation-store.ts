import { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { decryptSecret, encryptSecret } from '../../domain/secret-box';
import { Db } from '../../storage/connection';
import {
  SlackInstallationKey,
  deleteSlackInstallation,
  findSlackInstallation,
  saveSlackInstallation,
} from '../../storage/slack-installations';

export function installationKey(installation: Installation): SlackInstallationKey {
  const enterpriseId = installation.enterprise?.id ?? '';
  return { enterpriseId, teamId: installation.isEnterpriseInstall ? '' : (installation.team?.id ?? '') };
}

export function queryKey(query: InstallationQuery<boolean>): SlackInstallationKey {
  return { enterpriseId: query.enterpriseId ?? '', teamId: query.isEnterpriseInstall ? '' : (query.teamId ?? '') };
}

/** Bolt's InstallationStore on PostgreSQL: each installation sealed with AES-256-GCM (tokens never stored in clear). */
export class PostgresInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly encryptionKey: Buffer,
    private readonly onChange: (key: SlackInstallationKey) => void = () => undefined,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey(installation);
    await saveSlackInstallation(this.db, {
      ...key,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      appId: installation.appId ?? null,
      botId: installation.bot?.id ?? null,
      botUserId: installation.bot?.userId ?? null,
      botTokenExpiresAt: installation.bot?.expiresAt ? new Date(installation.bot.expiresAt * 1000) : null,
      installationSealed: encryptSecret(JSON.stringify(installation), this.encryptionKey),
    });
    this.onChange(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = queryKey(query);
    // A workspace of an Enterprise Grid org may be covered by the org-wide install.
    const stored =
      (await findSlackInstallation(this.db, key)) ??
      (key.enterpriseId && key.teamId
        ? await findSlackInstallation(this.db, { enterpriseId: key.enterpriseId, teamId: '' })
        : null);
    if (!stored) throw new Error(`no Slack installation for team "${key.teamId}" enterprise "${key.enterpriseId}"`);
    return JSON.parse(decryptSecret(stored.installationSealed, this.encryptionKey)) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = queryKey(query);
    await deleteSlackInstallation(this.db, key);
    this.onChange(key);
  }
}
