import { Installation } from '@slack/oauth';
import { PostgresInstallationStore } from '../../../src/adapters/slack/installation-store';
import { findSlackInstallation } from '../../../src/storage/slack-installations';
import { TestDb, createTestDb } from '../../support/test-db';

const KEY = Buffer.alloc(32, 3);

function installation(teamId: string, token: string, over: Partial<Installation> = {}): Installation {
  return {
    team: { id: teamId, name: 'Team' },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: 'U0INSTALLER' },
    bot: {
      token,
      scopes: ['commands', 'chat:write'],
      id: 'B1',
      userId: 'U1',
      refreshToken: 'xoxe-1-r',
      expiresAt: 1_900_000_000,
    },
    appId: 'A1',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
    ...over,
  } as Installation;
}

describe('PostgresInstallationStore', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('stores an installation sealed, reads it back, replaces it on re-install and deletes it', async () => {
    const changed: string[] = [];
    const store = new PostgresInstallationStore(t.db, KEY, (key) => changed.push(key.teamId));
    await store.storeInstallation(installation('T1', 'xoxb-first'));
    const raw = await t.db('slack_installations').where({ team_id: 'T1' }).first();
    expect(raw.installation_enc).not.toContain('xoxb');
    expect(raw.installation_enc).not.toContain('xoxe');
    expect(await findSlackInstallation(t.db, { enterpriseId: '', teamId: 'T1' })).toMatchObject({
      botId: 'B1',
      botUserId: 'U1',
      appId: 'A1',
      botTokenExpiresAt: new Date(1_900_000_000_000),
    });
    const query = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false as const };
    expect((await store.fetchInstallation(query)).bot?.token).toBe('xoxb-first');
    await store.storeInstallation(installation('T1', 'xoxb-second'));
    expect((await store.fetchInstallation(query)).bot?.token).toBe('xoxb-second');
    expect(await t.db('slack_installations').count<{ count: number }[]>('* as count')).toEqual([{ count: 1 }]);
    await store.deleteInstallation(query);
    await expect(store.fetchInstallation(query)).rejects.toThrow(/no Slack installation/);
    expect(changed).toEqual(['T1', 'T1', 'T1']);
  });

  it('cannot be read with another key', async () => {
    await new PostgresInstallationStore(t.db, KEY).storeInstallation(installation('T2', 'xoxb-2'));
    const other = new PostgresInstallationStore(t.db, Buffer.alloc(32, 4));
    await expect(
      other.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow();
  });

  it('finds an org-wide install for a workspace of the org', async () => {
    const store = new PostgresInstallationStore(t.db, KEY);
    await store.storeInstallation(
      installation('', 'xoxb-org', {
        team: undefined,
        enterprise: { id: 'E1', name: 'Org' },
        isEnterpriseInstall: true,
      } as Partial<Installation>),
    );
    expect(
      (await store.fetchInstallation({ teamId: 'T-in-org', enterpriseId: 'E1', isEnterpriseInstall: false })).bot
        ?.token,
    ).toBe('xoxb-org');
    expect(
      (await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).bot?.token,
    ).toBe('xoxb-org');
  });

  it('migrates down and up again', async () => {
    await t.db.migrate.down({ name: '20261126000300_slack_installations' });
    expect(await t.db.schema.hasTable('slack_installations')).toBe(false);
    await t.db.migrate.latest();
    expect(await t.db.schema.hasTable('slack_installations')).toBe(true);
  });
});
