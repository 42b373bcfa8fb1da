import { TURN_ERROR_MESSAGE } from '../../../src/adapters/teams/turn-error';
import { ingestRequest } from '../../../src/ingest/ingest-request';
import { MAX_CARD_BYTES } from '../../../src/render/teams/card';
import {
  asShown,
  parseAdaptiveCard,
  parsedActions,
  parsedFacts,
  parsedImageUrls,
  parsedTables,
  parsedTexts,
  problemsWithoutFallback,
} from '../../support/adaptive-card-parser';
import { startFakeBotConnector, FakeBotConnector, StoredActivity } from '../../support/fakes/fake-bot-connector';
import { loadSample } from '../../support/sample-data';
import { createTestDb, TestDb } from '../../support/test-db';
import { EXPECTED_FIGURES, EXPECTED_RESULT_CODES, HOSTILE_NAME } from '../../unit/render/fixtures-cmp-1-000';
import {
  TeamsHarness,
  cardFacts,
  cardOf,
  cardTexts,
  linkTenant,
  startTeamsHarness,
  teamsMessage,
} from './support/teams-harness';

const QUICKCHART = 'https://quickchart.example.com';

function callEvent(i: number, fields: Record<string, unknown>): Record<string, unknown> {
  const started = new Date(Date.UTC(2026, 9, 5, 2, 0, 0) + i * 60_000);
  return {
    type: 'call.completed',
    call_id: `call-x-${fields.campaign_id as string}-${i}`,
    bot_id: 'bot-x',
    customer_id: `cus-${i}`,
    phone: '+84900000001',
    attempt: 1,
    started_at: started.toISOString(),
    answered_at: new Date(started.getTime() + 5_000).toISOString(),
    ended_at: new Date(started.getTime() + 65_000).toISOString(),
    messages: 3,
    blocks: 1,
    ...fields,
  };
}

async function ingest(t: TestDb, events: Record<string, unknown>[]): Promise<void> {
  await ingestRequest(t.db, 'default', Buffer.from(JSON.stringify(events)), 'application/json');
}

/** Every TextBlock's text as sent: what Teams reads as Markdown. */
function markdownTexts(card: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(card.body);
  return out;
}

/** The rows of each Table, each cell's texts as shown, joined by a space. */
function cardTables(card: Record<string, unknown>): string[][][] {
  return (card.body as Record<string, unknown>[])
    .filter((e) => e.type === 'Table')
    .map((table) =>
      (table.rows as { cells: Record<string, unknown>[] }[]).map((row) =>
        row.cells.map((cell) => cardTexts({ body: cell.items }).join(' ')),
      ),
    );
}

describe('Teams bot: report cards inside real replies', () => {
  let t: TestDb;
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  let inline: TeamsHarness;

  beforeAll(async () => {
    t = await createTestDb();
    await loadSample(t.db);
    await linkTenant(t.db);
    await ingest(t, [
      ...[0, 1, 2].map((i) =>
        callEvent(i, {
          campaign_id: 'cmp-hostile',
          campaign_name: HOSTILE_NAME,
          bot_name: '<at>everyone</at>',
          customer_id: `<at>cus</at>**${i}**`,
          result_code: i === 0 ? 'PAID' : '[X](HTTPS://EVIL.EXAMPLE)',
        }),
      ),
      // 2,500 distinct result codes: far more than 28 KB of facts.
      ...Array.from({ length: 2500 }, (_, i) =>
        callEvent(i, {
          campaign_id: 'cmp-big',
          campaign_name: 'Big',
          result_code: `CODE_${String(i).padStart(4, '0')}_WITH_A_LONG_NAME`,
        }),
      ),
    ]);
    connector = await startFakeBotConnector();
    harness = await startTeamsHarness(t.db, { env: { QUICKCHART_BASE_URL: QUICKCHART } });
    inline = await startTeamsHarness(t.db, { env: { QUICKCHART_BASE_URL: 'off' } });
  });
  afterAll(async () => {
    await harness?.close();
    await inline?.close();
    await connector?.close();
    await t?.drop();
  });
  beforeEach(() => connector.reset());

  async function ask(on: TeamsHarness, text: string): Promise<StoredActivity> {
    const response = await on.post(teamsMessage(connector, text));
    expect(response.status).toBe(200);
    const [reply] = connector.activities();
    expect(reply).toBeDefined();
    return reply;
  }

  it("posts the sample campaign's figures as Microsoft's Adaptive Cards parser reads them", async () => {
    const card = cardOf((await ask(harness, '<at>Campaign Report</at> cmp-1-000')).activity);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    });
    const parsed = parseAdaptiveCard(card);
    // Chart.Donut and Chart.VerticalBar are Teams' own: the parser does not know them, and uses their fallback.
    expect(parsed.problems).toEqual([
      'Unknown element type "Chart.Donut". Fallback will be used if present.',
      'Unknown element type "Chart.VerticalBar". Fallback will be used if present.',
    ]);
    expect(problemsWithoutFallback(card, parsed)).toEqual([]);

    const facts = parsedFacts(parsed).map(([title, value]) => [asShown(title), asShown(value)]);
    for (const figure of EXPECTED_FIGURES) expect(facts).toContainEqual(figure);
    expect(facts).toContainEqual(['Total cost', '128,138 ₫']);
    const [codes] = parsedTables(parsed);
    expect(codes).toEqual([
      ['Code', 'Calls', 'Share'],
      ...EXPECTED_RESULT_CODES.map(([code, meaning, count, share]) => [`${code} ${meaning}`, count, share]),
    ]);
    expect(cardFacts(card)).toContainEqual(['Campaign', 'cmp-1-000']);
    expect(cardFacts(card)).toContainEqual(['Time zone', 'Asia/Ho_Chi_Minh']);
    const texts = parsedTexts(parsed);
    expect(texts.slice(0, 2)).toEqual(['Campaign report', 'Đợt 0, "Nhắc nợ "Tháng", vòng 1"']);
    expect(texts).toContain('Answer rate = successful calls / all calls (per attempt, callbacks included) = 18 / 43');
    expect(parsedActions(parsed)).toEqual([
      { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } },
    ]);
    const charts = parsedImageUrls(parsed);
    expect(charts.length).toBeGreaterThan(0);
    for (const url of charts) expect(url.startsWith(`${QUICKCHART}/chart?`)).toBe(true);
  });

  it('shows locally drawn charts as data: URIs when QuickChart is off (PNG, or JPEG when a PNG is too heavy)', async () => {
    const reply = await ask(inline, 'cmp-1-000');
    const card = cardOf(reply.activity);
    const images = [...JSON.stringify(card).matchAll(/"type":"Image","url":"([^"]+)","altText":"([^"]*)"/g)];
    expect(images.length).toBeGreaterThan(0);
    for (const [, url, alt] of images) {
      const [, format, data] = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(url) ?? [];
      const bytes = Buffer.from(data, 'base64');
      if (format === 'png') expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      else expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(alt.length).toBeGreaterThan(0);
    }
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('escapes hostile campaign, bot, customer and result code text', async () => {
    for (const text of ['cmp-hostile', 'calls cmp-hostile', 'usage 2026-10 bot-x']) {
      connector.reset();
      const reply = await ask(harness, text);
      const card = cardOf(reply.activity);
      const parsed = parseAdaptiveCard(card);
      expect(problemsWithoutFallback(card, parsed)).toEqual([]);
      // Hostile text is shown, as typed, in TextRuns (never read as Markdown)...
      const shown = [...cardTexts(card), ...cardFacts(card).flat()];
      expect(
        shown.some((text) => text.includes('<at>everyone</at>') || text.includes('[X](HTTPS://EVIL.EXAMPLE)')),
      ).toBe(true);
      // ...and no tag, link or emphasis survives unescaped in any text Teams reads as Markdown.
      const markdown = [...markdownTexts(card), ...parsedFacts(parsed).flat()];
      for (const inner of markdown) {
        expect(inner).not.toMatch(/(^|[^\\])<at>/);
        expect(inner).not.toMatch(/(^|[^\\])\[x\]\(/i);
        expect(inner).not.toMatch(/(^|[^\\])\*\*/);
      }
      expect(reply.activity.entities).toBeUndefined();
    }
    connector.reset();
    const card = cardOf((await ask(harness, 'cmp-hostile')).activity);
    const name = (card.body as { type: string; inlines?: { text: string }[] }[])[1];
    expect(name.type).toBe('RichTextBlock');
    expect(name.inlines?.[0].text).toBe(
      HOSTILE_NAME.replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  });

  it('keeps a reply under 28 KB by dropping rows, never totals', async () => {
    for (const on of [harness, inline]) {
      connector.reset();
      const reply = await ask(on, 'cmp-big');
      const card = cardOf(reply.activity);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const facts = cardFacts(card);
      expect(facts).toContainEqual(['Total calls', '2,500']);
      expect(
        cardTexts(card).some((text) =>
          /^Showing \d+ of 2,500 result codes; the totals above cover all calls\.$/.test(text),
        ),
      ).toBe(true);
      const codes = (cardTables(card)[0] ?? []).filter(([code]) => code.startsWith('CODE_'));
      expect(codes.length).toBeGreaterThan(10);
      expect(codes.length).toBeLessThan(2500);
    }
  });

  it("links 'Open full report' from the campaign and the calls cards for the tenant's account when the server signs report pages", async () => {
    const linked = await startTeamsHarness(t.db, {
      env: { QUICKCHART_BASE_URL: QUICKCHART },
      surface: {
        fullReportUrlFor: (accountId, campaignId) => `https://reports.example.com/reports/${accountId}/${campaignId}`,
      },
    });
    try {
      const reply = await ask(linked, 'cmp-1-000');
      expect(cardOf(reply.activity).actions).toEqual([
        { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } },
        {
          type: 'Action.OpenUrl',
          title: 'Open full report',
          url: 'https://reports.example.com/reports/default/cmp-1-000',
        },
      ]);
      // The calls card shows the first rows; the full report has every call and its CSV.
      connector.reset();
      const calls = cardOf((await ask(linked, 'calls cmp-1-000')).activity);
      expect(calls.actions).toEqual([
        { type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-1-000' } },
        {
          type: 'Action.OpenUrl',
          title: 'Open full report',
          url: 'https://reports.example.com/reports/default/cmp-1-000',
        },
      ]);
      expect(cardTexts(calls).join('\n')).toContain('The CSV has every call, phones in full.');
    } finally {
      await linked.close();
    }
  });

  it('logs a failed turn and answers politely', async () => {
    const failing = await startTeamsHarness(t.db, {
      env: { QUICKCHART_BASE_URL: QUICKCHART },
      surface: {
        reportDeps: {
          db: t.db,
          recordingLinkFor: () => {
            throw new Error('link signer broke');
          },
        },
      },
    });
    try {
      const response = await failing.post(teamsMessage(connector, 'calls cmp-1-000 successful'));
      expect(response.status).toBe(200);
      const [reply] = connector.activities();
      expect(cardTexts(cardOf(reply.activity))).toEqual([TURN_ERROR_MESSAGE]);
      const logged = failing.logs.find((line) => line.msg === 'teams turn failed');
      expect(logged).toMatchObject({ level: 50, err: { message: 'link signer broke' }, activityType: 'message' });
      expect(JSON.stringify(failing.logs)).not.toContain('calls cmp-1-000 successful');
    } finally {
      await failing.close();
    }
  });
});
