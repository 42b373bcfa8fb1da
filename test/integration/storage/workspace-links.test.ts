import { upsertAccount } from '../../../src/storage/accounts';
import { rememberPlainSlackWorkspace, setAccountSlackCharts } from '../../../src/storage/slack-look';
import { findLinkedWorkspace, linkWorkspace } from '../../../src/storage/workspace-links';
import { TestDb, createTestDb } from '../../support/test-db';

/** What one answer reads about its workspace in one round trip: the link, the account itself, the look. */
describe('findLinkedWorkspace', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await upsertAccount(t.db, 'acc-vi', { locale: 'vi' }, 'Asia/Ho_Chi_Minh');
    await setAccountSlackCharts(t.db, 'acc-vi', 'native');
    await linkWorkspace(t.db, 'slack', 'T0VI', 'acc-vi');
    await linkWorkspace(t.db, 'slack', 'T0PLAIN', 'acc-vi');
    await rememberPlainSlackWorkspace(t.db, 'T0PLAIN', 'invalid_blocks');
    await rememberPlainSlackWorkspace(t.db, 'T0NOBODY', 'invalid_blocks');
  });
  afterAll(() => t?.drop());

  it("reads a linked workspace's account, its locale and chart choice, and the workspace's refusal", async () => {
    expect(await findLinkedWorkspace(t.db, 'slack', 'T0VI')).toEqual({
      accountId: 'acc-vi',
      account: { id: 'acc-vi', timeZone: 'Asia/Ho_Chi_Minh', locale: 'vi', ingestSecretSealed: null },
      look: { plain: false, charts: 'native' },
    });
    expect((await findLinkedWorkspace(t.db, 'slack', 'T0PLAIN')).look).toEqual({ plain: true, charts: 'native' });
  });

  it('reads no account for a workspace nobody linked, or linked on the other platform', async () => {
    expect(await findLinkedWorkspace(t.db, 'slack', 'T0NOBODY')).toEqual({
      accountId: null,
      account: null,
      look: { plain: true, charts: 'images' },
    });
    expect((await findLinkedWorkspace(t.db, 'teams', 'T0VI')).accountId).toBeNull();
  });
});
