import pino from 'pino';
import * as drawing from '../../../../src/adapters/charts/render-chart-png';
import { drawnCharts } from '../../../../src/adapters/charts/cached-chart-png';
import { createSlackClientSource } from '../../../../src/adapters/slack/delivery/slack-delivery-client';
import { createSlackDeliveryChannel } from '../../../../src/adapters/slack/delivery/slack-delivery-channel';
import { uploadedCharts } from '../../../../src/adapters/slack/uploaded-charts';
import { DeliverableReport, DeliveryAttempt } from '../../../../src/domain/delivery';
import { FakeSlack, startFakeSlack } from '../../../support/fakes/fake-slack';
import { sampleCampaignReport } from '../../../unit/render/fixtures-cmp-1-000';

/**
 * Delivered summaries and their edits with charts drawn here (QUICKCHART_BASE_URL=off) over real HTTP to
 * the fake Slack: a chart is drawn once and uploaded once per workspace, and shown again by its file.
 */
describe('delivered summaries reuse the charts they drew and uploaded', () => {
  let fake: FakeSlack;
  let draw: jest.SpyInstance;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    uploadedCharts.clear();
    drawnCharts.clear();
    draw = jest.spyOn(drawing, 'renderChartPng');
  });
  afterEach(() => draw.mockRestore());

  const channel = (token: string) =>
    createSlackDeliveryChannel({
      clients: createSlackClientSource(fake.apiUrl, async () => token, 5_000),
      quickchartBaseUrl: 'off',
      logger: pino({ level: 'silent' }),
    });
  const report: DeliverableReport = {
    kind: 'campaign',
    subject: { kind: 'campaign', accountId: 'default', ref: 'cmp-1-000' },
    report: sampleCampaignReport(),
    fullReportUrl: null,
  };
  const attempt = (id: string, workspaceId: string, destination: string): DeliveryAttempt => ({
    deliveryId: id,
    target: { kind: 'slack', workspaceId, destination },
    since: new Date(),
    ref: null,
    beforeIrreversible: async () => undefined,
  });
  const imagesIn = (channelId: string) =>
    fake
      .messages(channelId)
      .flatMap((m) => (m.blocks ?? []) as { type: string; slack_file?: { id: string } }[])
      .filter((b) => b.type === 'image')
      .map((b) => b.slack_file?.id);
  const uploadsBy = (token: string) =>
    ['files.getUploadURLExternal', 'files.completeUploadExternal'].map(
      (method) => fake.calls.filter((c) => c.method === method && c.token === token).length,
    );

  it('a summary, its edit and a second channel of one workspace: drawn once, uploaded once', async () => {
    const slack = channel('xoxb-workspace-a');
    const ref = await slack.post(report, attempt('d-1', 'T0A', 'C0ONE'));
    const charts = imagesIn('C0ONE');
    expect(charts.length).toBeGreaterThanOrEqual(2);
    await slack.update(report, attempt('d-1', 'T0A', 'C0ONE'), ref);
    await slack.post(report, attempt('d-2', 'T0A', 'C0TWO'));
    expect(imagesIn('C0ONE')).toEqual(charts);
    expect(imagesIn('C0TWO')).toEqual(charts);
    expect(draw).toHaveBeenCalledTimes(charts.length);
    expect(uploadsBy('xoxb-workspace-a')).toEqual([charts.length, charts.length]);
  });

  it('another workspace (another bot token) gets its own upload of the same chart, drawn no more', async () => {
    await channel('xoxb-workspace-a').post(report, attempt('d-a', 'T0A', 'C0A'));
    await channel('xoxb-workspace-b').post(report, attempt('d-b', 'T0B', 'C0B'));
    const [a, b] = [imagesIn('C0A'), imagesIn('C0B')];
    expect(b).toHaveLength(a.length);
    expect(b.some((id) => a.includes(id))).toBe(false);
    expect(uploadsBy('xoxb-workspace-a')).toEqual([a.length, a.length]);
    expect(uploadsBy('xoxb-workspace-b')).toEqual([b.length, b.length]);
    expect(draw).toHaveBeenCalledTimes(a.length);
  });

  it('an edit whose files were deleted in Slack uploads them anew once and keeps its images', async () => {
    const slack = channel('xoxb-workspace-a');
    const ref = await slack.post(report, attempt('d-del', 'T0A', 'C0DEL'));
    const charts = imagesIn('C0DEL');
    for (const file of charts) {
      const res = await fetch(`${fake.url}/api/files.delete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-workspace-a' },
        body: JSON.stringify({ file }),
      });
      expect(await res.json()).toMatchObject({ ok: true });
    }
    await slack.update(report, attempt('d-del', 'T0A', 'C0DEL'), ref);
    const updates = fake.calls.filter((c) => c.method === 'chat.update');
    expect(updates.map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
    const fresh = imagesIn('C0DEL');
    expect(fresh).toHaveLength(charts.length);
    expect(fresh.some((id) => charts.includes(id))).toBe(false);
    expect(fake.files().map((f) => f.id)).toEqual(fresh);
    expect(uploadsBy('xoxb-workspace-a')).toEqual([2 * charts.length, 2 * charts.length]);
  });
});
