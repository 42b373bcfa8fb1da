import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { writeDemoEmail, writeDemoReportPage } from '../../../src/adapters/email/demo-files';
import { writeDemoTeamsCards } from '../../../src/adapters/teams/demo-cards';
import { loadCallsReport } from '../../../src/reports/calls-report';
import { loadCampaignReport } from '../../../src/reports/campaign-report';
import { loadUsageReport } from '../../../src/reports/usage-report';
import { renderCallsCard } from '../../../src/render/teams/calls';
import { makeRecordingLinker } from '../../../src/reports/recording-links';
import { TestDb, createTestDb } from '../../support/test-db';
import { loadSample } from '../../support/sample-data';

/** The demo's files: the campaign email as an .eml any mail client opens, and the full report page. */
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  await loadSample(t.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-files-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

const deps = () => ({
  db: t.db,
  recordingLinkFor: makeRecordingLinker({ publicBaseUrl: 'http://localhost:3000', secret: 'demo', ttlSeconds: 86400 }),
});

describe('demo files', () => {
  it('writes the campaign email as .eml: HTML and text parts, CID charts, the CSV, a fixed Message-ID', async () => {
    const file = await writeDemoEmail({
      deps: deps(),
      accountId: 'default',
      campaignId: 'cmp-1-000',
      outDir: dir,
      publicBaseUrl: 'http://localhost:3000',
      linkSecret: 'demo',
    });
    expect(path.basename(file)).toBe('report-cmp-1-000.eml');
    const raw = fs.readFileSync(file);
    expect(raw.toString('latin1')).toContain('\r\n');
    const mail = await simpleParser(raw, { keepCidLinks: true });
    expect(mail.subject).toMatch(/^Campaign report: .+ answer rate 41\.9%/);
    expect(mail.text).toContain('Total calls');
    const html = String(mail.html);
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(html).toContain(`cid:${image.cid}`);
    expect(html).toContain('http://localhost:3000/reports/');
    const csv = mail.attachments.find((a) => a.filename === 'calls-cmp-1-000.csv');
    expect(csv?.content.toString('utf8').split('\r\n')[0]).toMatch(
      /^Started at \(.+\),Call ID,.*,started_at,status,call_duration_ms,dialing_duration_ms$/,
    );
    expect(mail.messageId).toMatch(/^<c-default-cmp-1-000-email-[0-9a-f]{10}@localhost>$/);
    expect(
      (await writeDemoEmail({ deps: deps(), accountId: 'default', campaignId: 'cmp-1-000', outDir: dir })) === file,
    ).toBe(true);
  });

  it('writes the full report page with data: charts and audio players through /r/ links', async () => {
    const file = await writeDemoReportPage({
      deps: deps(),
      accountId: 'default',
      campaignId: 'cmp-1-000',
      outDir: dir,
    });
    const html = fs.readFileSync(file, 'utf8');
    expect(path.basename(file)).toBe('report-cmp-1-000.html');
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(html).toMatch(/<audio controls[^>]+src="http:\/\/localhost:3000\/r\//);
  });

  it('writes the Teams cards as JSON, each the card itself as the Adaptive Card Designer takes it', async () => {
    const campaign = await loadCampaignReport(deps(), 'default', 'cmp-1-000');
    const calls = await loadCallsReport(deps(), 'default', 'cmp-1-000', {}, 10);
    const usage = await loadUsageReport(deps(), 'default', { month: '2026-10', withPrevious: true });
    const teamsDir = path.join(dir, 'teams');
    const files = await writeDemoTeamsCards({
      campaign,
      calls,
      usage,
      outDir: teamsDir,
      quickchartBaseUrl: 'off',
      fullReportUrl: 'http://localhost:3000/reports/x',
    });
    expect(files.map((file) => path.basename(file))).toEqual([
      'campaign-cmp-1-000.json',
      'calls-cmp-1-000.json',
      'usage-2026-10.json',
    ]);
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(teamsDir, name), 'utf8'));
    for (const name of files.map((file) => path.basename(file))) {
      expect(read(name)).toMatchObject({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: expect.any(String),
      });
    }
    expect(read('calls-cmp-1-000.json')).toEqual(renderCallsCard(calls));
    const card = read('campaign-cmp-1-000.json');
    expect(card.actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Open full report',
      url: 'http://localhost:3000/reports/x',
    });
    const images = JSON.stringify(card).match(/"url":"data:image\/(png|jpeg);base64,/g) ?? [];
    expect(images.length).toBeGreaterThanOrEqual(1); // drawn here, inline: as many as the card's 28 KB hold
  });
});
