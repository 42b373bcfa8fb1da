import { ingestRequest } from '../../../../src/ingest/ingest-request';
import { upsertAccount } from '../../../../src/storage/accounts';
import { Db } from '../../../../src/storage/connection';
import { linkWorkspace } from '../../../../src/storage/workspace-links';
import { loadSample } from '../../../support/sample-data';

export const TEAM_A = 'T0SAMPLEA';
export const TEAM_B = 'T0SECRETB';
export const TEAM_UNLINKED = 'T0NOBODY';
export const ACCOUNT_B = 'acme-secret';
export const SECRET_CAMPAIGN = 'zeta-secret-campaign';
export const SECRET_BOT = 'bot-zeta';
export const SECRET_CALL = 'zeta-call-1';

/** The sample data in `default` (seen by TEAM_A) and one small campaign in account B (seen by TEAM_B). */
export async function seedTwoAccounts(db: Db): Promise<void> {
  await loadSample(db);
  // As the completion job would: cmp-1-000 and cmp-1-002 are done, cmp-1-001 is still settling.
  await db('campaigns')
    .where('account_id', 'default')
    .whereIn('campaign_id', ['cmp-1-000', 'cmp-1-002'])
    .update({ state: 'complete', completed_at: '2026-11-02T00:00:00Z' });
  await upsertAccount(db, ACCOUNT_B, { timeZone: 'Europe/Berlin' }, 'Asia/Ho_Chi_Minh');
  const events = [
    {
      type: 'call.completed',
      call_id: SECRET_CALL,
      campaign_id: SECRET_CAMPAIGN,
      campaign_name: 'Zeta confidential',
      bot_id: SECRET_BOT,
      customer_id: 'z-cus-1',
      phone: '+4915112345678',
      started_at: '2026-10-05T08:00:00Z',
      answered_at: '2026-10-05T08:00:10Z',
      ended_at: '2026-10-05T08:02:10Z',
      result_code: 'PAID',
      messages: 4,
      recording_url: 'https://recordings.example.com/zeta-call-1.mp3',
    },
  ];
  await ingestRequest(
    db,
    ACCOUNT_B,
    Buffer.from(JSON.stringify(events)),
    'application/json',
    new Date('2026-10-05T09:00:00Z'),
  );
  await linkWorkspace(db, 'slack', TEAM_A, 'default');
  await linkWorkspace(db, 'slack', TEAM_B, ACCOUNT_B);
}
