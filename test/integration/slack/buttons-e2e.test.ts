import { useSeededSlackApp } from './support/seeded-slack-app';
import { verifyRecordingToken } from '../../../src/domain/recording-token';
import { SLACK_ACTION_IDS } from '../../../src/render/slack/actions';
import { REINSTALL_FOR_DMS } from '../../../src/adapters/slack/listeners/download-calls-csv-action';
import { SlackCall, directMessageId } from '../../support/fakes/fake-slack';
import { ACCOUNT_B, SECRET_CALL, SECRET_CAMPAIGN, TEAM_A, TEAM_B, TEAM_UNLINKED } from './support/two-accounts';

const RECORDING_SECRET = 'recording-secret-for-tests-32-characters';

describe('buttons end to end', () => {
  const app = useSeededSlackApp();

  async function click(
    actionId: string,
    value: string,
    teamId = TEAM_A,
    extra: { ephemeral?: boolean; channelId?: string } = {},
  ): Promise<SlackCall[]> {
    const ack = await app.h.click({ actionId, value, teamId, ...extra });
    expect(ack.status).toBe(200);
    await app.h.answerAt(ack.responseUrl);
    await app.h.surface.idle();
    return app.fake.responses(ack.responseUrl).map((r) => ({ method: 'response_url', body: r.body }) as SlackCall);
  }

  it('"Share in channel" posts the report for everyone, without a Share button, and removes the private copy', async () => {
    const [shared, removal] = await click(SLACK_ACTION_IDS.shareReport, 'cmp-1-000', TEAM_A, { ephemeral: true });
    expect(shared.body).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(JSON.stringify(shared.body.blocks)).not.toContain('share_report');
    expect(JSON.stringify(shared.body.blocks)).toContain('open_calls');
    expect(String(shared.body.text)).toContain('Nhắc nợ');
    expect(removal.body).toEqual({ delete_original: true });
  });

  it('"Calls" answers the detailed report to the clicker', async () => {
    const [answer] = await click(SLACK_ACTION_IDS.openCalls, 'cmp-1-001');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body.blocks)).toContain('download_calls_csv');
    expect(String(answer.body.text)).toMatch(/^Calls of/);
  });

  it('"Listen" makes a fresh signed link at click time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const [answer] = await click(SLACK_ACTION_IDS.listenRecording, 'call-1-0000003');
    expect(answer.body.response_type).toBe('ephemeral');
    const link = /https:\/\/reports\.example\.test\/r\/([\w-]+\.[\w-]+)/.exec(String(answer.body.text));
    expect(link).not.toBeNull();
    const check = verifyRecordingToken(link![1], RECORDING_SECRET, before);
    expect(check).toMatchObject({ ok: true, claim: { accountId: 'default', callId: 'call-1-0000003' } });
    if (check.ok) expect(check.claim.expiresAt).toBeGreaterThanOrEqual(before + 86400);
    expect(JSON.stringify(answer.body)).not.toContain('recordings.example.com');
    expect(String(answer.body.text)).toContain('works for 1 day');
  });

  it('"Listen" on a call without a recording says so', async () => {
    const [answer] = await click(SLACK_ACTION_IDS.listenRecording, 'call-1-0000001');
    expect(String(answer.body.text)).toContain('has no recording');
  });

  /** The clicker's direct message in the fake: conversations.open of U0ALICE. */
  const ALICE_DM = directMessageId('U0ALICE');

  it('"Download CSV" sends the whole list to the clicker alone, in a direct message, not into the channel', async () => {
    const value = JSON.stringify({ campaignId: 'cmp-1-000' });
    const [callsBefore, filesBefore] = [app.fake.calls.length, app.fake.files().length];
    const [answer] = await click(SLACK_ACTION_IDS.downloadCallsCsv, value, TEAM_A, { channelId: 'C0CSV' });
    const calls = app.fake.calls.slice(callsBefore);
    const files = app.fake.files().slice(filesBefore);
    expect(calls.filter((c) => c.method === 'conversations.open').map((c) => c.body.users)).toEqual(['U0ALICE']);
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.body.channel_id).toBe(ALICE_DM);
    expect(complete?.body.thread_ts).toBeUndefined();
    expect(files).toHaveLength(1);
    const file = files.find((f) => f.channelId === ALICE_DM);
    expect(file?.filename).toBe('calls-cmp-1-000.csv');
    const csv = file!.bytes!.toString('utf8');
    expect(file?.length).toBe(Buffer.byteLength(csv));
    const lines = csv.trimEnd().split('\r\n');
    const total = await app.t
      .db('calls')
      .where({ account_id: 'default', campaign_id: 'cmp-1-000' })
      .count<{ count: number }[]>('* as count');
    expect(lines.length - 1).toBe(Number(total[0].count));
    expect(lines[0]).toMatch(/^Started at \(.+\),Call ID,/);
    expect(csv).not.toContain('recordings.example.com');
    expect(String(complete?.body.initial_comment)).toContain(`All ${lines.length - 1} calls`);
    // Nothing reached the channel: no file, no message; the clicker is told where the file went.
    expect(app.fake.files().filter((f) => f.channelId === 'C0CSV')).toEqual([]);
    expect(app.fake.messages('C0CSV')).toEqual([]);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toBe(
      `I sent you calls-cmp-1-000.csv (${lines.length - 1} calls) in a direct message.`,
    );
  });

  it('"Download CSV" keeps the filter of the report', async () => {
    const value = JSON.stringify({ campaignId: 'cmp-1-000', status: 'unsuccessful' });
    const filesBefore = app.fake.files().length;
    await click(SLACK_ACTION_IDS.downloadCallsCsv, value, TEAM_A, { channelId: 'C0EPH', ephemeral: true });
    const [file] = app.fake.files().slice(filesBefore);
    expect(file.channelId).toBe(ALICE_DM);
    const csv = file.bytes!.toString('utf8');
    const statuses = new Set(
      csv
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').at(-3)),
    );
    expect([...statuses]).toEqual(['unsuccessful']);
  });

  it('"Download CSV" from an installation without im:write asks for a reinstall and uploads nothing', async () => {
    app.fake.failNext('conversations.open', { error: 'missing_scope' });
    const callsBefore = app.fake.calls.length;
    const [answer] = await click(
      SLACK_ACTION_IDS.downloadCallsCsv,
      JSON.stringify({ campaignId: 'cmp-1-000' }),
      TEAM_A,
      { channelId: 'C0CSV' },
    );
    expect(String(answer.body.text)).toBe(REINSTALL_FOR_DMS);
    expect(String(answer.body.text)).toContain('the im:write scope');
    expect(
      app.fake.calls.slice(callsBefore).filter((c) => c.method.startsWith('files.') || c.method === 'upload'),
    ).toEqual([]);
  });

  describe('isolation: workspace A reaches nothing of account B through a button', () => {
    it.each([
      [SLACK_ACTION_IDS.shareReport, SECRET_CAMPAIGN],
      [SLACK_ACTION_IDS.shareReport, 'zeta'],
      [SLACK_ACTION_IDS.openCalls, SECRET_CAMPAIGN],
      [SLACK_ACTION_IDS.listenRecording, SECRET_CALL],
      [SLACK_ACTION_IDS.downloadCallsCsv, JSON.stringify({ campaignId: SECRET_CAMPAIGN })],
    ])('%s with %s', async (actionId, value) => {
      const uploadsBefore = app.fake.files().length;
      const answers = await click(actionId, value, TEAM_A, { channelId: 'C0ISO' });
      expect(answers).toHaveLength(1);
      expect(answers[0].body.response_type).toBe('ephemeral');
      expect(JSON.stringify(answers[0].body)).not.toMatch(/Zeta confidential|zeta-call-1\b.*\/r\/|recordings\.example/);
      expect(String(answers[0].body.text)).toMatch(/no campaign|has no recording/);
      expect(app.fake.files().length).toBe(uploadsBefore);
    });

    it('while workspace B gets its own recording link', async () => {
      const [answer] = await click(SLACK_ACTION_IDS.listenRecording, SECRET_CALL, TEAM_B);
      const token = /\/r\/([\w-]+\.[\w-]+)/.exec(String(answer.body.text))![1];
      expect(verifyRecordingToken(token, RECORDING_SECRET, Math.floor(Date.now() / 1000))).toMatchObject({
        ok: true,
        claim: { accountId: ACCOUNT_B },
      });
    });

    it('an unlinked workspace is told how to link, even from a button', async () => {
      const [answer] = await click(SLACK_ACTION_IDS.openCalls, 'cmp-1-000', TEAM_UNLINKED);
      expect(String(answer.body.text)).toContain('npm run cli -- link slack');
    });
  });
});
