import {
  findPersonalTeamsConversation,
  findTeamsConversation,
  markTeamsBotRemoved,
  saveTeamsConversation,
} from '../../../src/storage/teams-conversations';
import { createTestDb, TestDb } from '../../support/test-db';

const MIGRATION = '20261126000500_teams_conversations';

function reference(conversationId: string, user = 'aad-lan'): Record<string, unknown> {
  return {
    bot: { id: '28:bot', name: 'Campaign Report' },
    user: { id: '29:lan', name: 'Lan', aadObjectId: user },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  };
}

describe('teams_conversations storage', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.drop());

  it('saves the latest reference per conversation, keeping a tenant and type it already knew', async () => {
    await saveTeamsConversation(t.db, {
      key: 'a:1',
      tenantId: 'tenant-1',
      channelId: 'msteams',
      serviceUrl: 'https://one/',
      conversationType: 'personal',
      reference: reference('a:1'),
    });
    await saveTeamsConversation(t.db, {
      key: 'a:1',
      tenantId: null,
      channelId: 'msteams',
      serviceUrl: 'https://two/',
      conversationType: null,
      reference: { ...reference('a:1'), serviceUrl: 'https://two/' },
    });
    const saved = await findTeamsConversation(t.db, 'a:1');
    expect(saved).toMatchObject({
      key: 'a:1',
      tenantId: 'tenant-1',
      conversationType: 'personal',
      serviceUrl: 'https://two/',
      botRemovedAt: null,
    });
    expect(saved?.reference).toMatchObject({ serviceUrl: 'https://two/', user: { aadObjectId: 'aad-lan' } });
    expect(saved?.updatedAt).toBeInstanceOf(Date);
    expect(await findTeamsConversation(t.db, 'a:none')).toBeNull();
  });

  it('marks the bot removed, and a new activity brings the conversation back', async () => {
    await markTeamsBotRemoved(t.db, 'a:1');
    expect((await findTeamsConversation(t.db, 'a:1'))?.botRemovedAt).toBeInstanceOf(Date);
    expect(await findPersonalTeamsConversation(t.db, 'tenant-1', 'aad-lan')).toBeNull();
    await saveTeamsConversation(t.db, {
      key: 'a:1',
      tenantId: 'tenant-1',
      channelId: 'msteams',
      serviceUrl: 'https://two/',
      conversationType: 'personal',
      reference: reference('a:1'),
    });
    expect((await findTeamsConversation(t.db, 'a:1'))?.botRemovedAt).toBeNull();
  });

  it("finds a user's personal chat with the bot in their tenant only", async () => {
    await saveTeamsConversation(t.db, {
      key: '19:channel@thread.tacv2',
      tenantId: 'tenant-1',
      channelId: 'msteams',
      serviceUrl: 'https://two/',
      conversationType: 'channel',
      reference: reference('19:channel@thread.tacv2'),
    });
    expect((await findPersonalTeamsConversation(t.db, 'tenant-1', 'aad-lan'))?.key).toBe('a:1');
    expect(await findPersonalTeamsConversation(t.db, 'tenant-2', 'aad-lan')).toBeNull();
    expect(await findPersonalTeamsConversation(t.db, 'tenant-1', 'aad-someone')).toBeNull();
  });

  it('has a migration that goes down and up again', async () => {
    await t.db.migrate.down({ name: MIGRATION });
    expect(await t.db.schema.hasTable('teams_conversations')).toBe(false);
    await t.db.migrate.up({ name: MIGRATION });
    expect(await t.db.schema.hasTable('teams_conversations')).toBe(true);
    expect(await findTeamsConversation(t.db, 'a:1')).toBeNull();
  });
});
