import { messagesFor } from '../../../../src/render/i18n/messages';
const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');
import { CampaignListReport } from '../../../../src/domain/report-model';
import { renderCallsCard } from '../../../../src/render/teams/calls';
import { renderCampaignCard } from '../../../../src/render/teams/campaign';
import { ADAPTIVE_CARD_SCHEMA, AdaptiveCard, CardElement, ChartImage, MAX_CARD_BYTES, cardByteLength, escapeCardMarkdown } from '../../../../src/render/teams/card';
import { renderHelpCard } from '../../../../src/render/teams/help';
import { renderCampaignListCard } from '../../../../src/render/teams/list';
import { renderTextCard } from '../../../../src/render/teams/text';
import { renderUsageCard } from '../../../../src/render/teams/usage';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  TIME_ZONE,
  manyCallRows,
  sampleCallsReport,
  sampleCampaignReport,
  sampleUsageReport,
} from '../fixtures-cmp-1-000';

const CHARTS: ChartImage[] = [
  { chartId: 'call-status', url: 'https://charts.example.com/c1.png', altText: 'Calls by status: 18 successful' },
  { chartId: 'result-codes', url: 'data:image/png;base64,iVBORw0KGgo=', altText: 'Result codes: NA 12' },
];

/** Every element of a card, depth first. */
function elements(card: AdaptiveCard): CardElement[] {
  const out: CardElement[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') out.push(record as CardElement);
      for (const key of ['body', 'items', 'rows', 'cells', 'columns']) if (key in record) visit(record[key]);
    }
  };
  visit(card.body);
  return out;
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const texts = (card: AdaptiveCard) => elements(card).filter((e) => e.type === 'TextBlock').map((e) => e.text as string);
const facts = (card: AdaptiveCard) =>
  elements(card)
    .filter((e) => e.type === 'FactSet')
    .flatMap((e) => (e.facts as { title: string; value: string }[]).map((fact) => [unescape(fact.title), unescape(fact.value)]));
const tableRows = (card: AdaptiveCard) =>
  elements(card)
    .filter((e) => e.type === 'TableRow')
    .map((row) => (row.cells as CardElement[]).map((cell) => (cell.items as CardElement[]).map((item) => unescape(item.text as string)).join(' / ')));

const MARKDOWN_SPECIALS = new Set([...'*_[]()`#><']);
function hasUnescapedSpecial(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (MARKDOWN_SPECIALS.has(text[i])) return true;
  }
  return false;
}

function expectCardShape(card: AdaptiveCard): void {
  expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(card.$schema).toBe(ADAPTIVE_CARD_SCHEMA);
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(cardByteLength(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
}

describe('escapeCardMarkdown', () => {
  it('backslash-escapes markdown and tag characters', () => {
    expect(escapeCardMarkdown('[x](https://e.example) **b** _i_ `c` # h > q <at>me</at>')).toBe(
      '\\[x\\]\\(https://e.example\\) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\# h \\> q \\<at\\>me\\</at\\>',
    );
    expect(escapeCardMarkdown('a\\b')).toBe('a\\\\b');
    expect(escapeCardMarkdown('- item')).toBe('\\- item');
    expect(escapeCardMarkdown('1. item')).toBe('1\\. item');
    expect(escapeCardMarkdown('Đợt 0, vòng 1 - 41.9%')).toBe('Đợt 0, vòng 1 - 41.9%');
  });
});

describe('renderCampaignCard', () => {
  const card = renderCampaignCard(sampleCampaignReport(), { chartImages: CHARTS, fullReportUrl: 'https://report.example.com/full/1' });
  const factList = facts(card);

  it('is an Adaptive Card 1.5 under the size limit', () => {
    expectCardShape(card);
    expect(MAX_CARD_BYTES).toBe(28 * 1024);
  });

  it('has every figure of the overview as a fact', () => {
    for (const [label, value] of EXPECTED_FIGURES) expect(factList).toContainEqual([label, value]);
  });

  it('puts each rate formula with numerator / denominator under the facts', () => {
    const all = texts(card).map(unescape);
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(all).toContain(`${label} = ${detail}`);
  });

  it('lists the result codes in order with count, share and meaning', () => {
    const codes = factList.filter(([title]) => EXPECTED_RESULT_CODES.some(([code]) => code === title));
    expect(codes).toEqual(EXPECTED_RESULT_CODES.map(([code, meaning, count, share]) => [code, `${count} · ${share} · ${meaning}`]));
  });

  it('has the name, status, identity and footnotes', () => {
    const all = texts(card).map(unescape);
    expect(all).toContain(CAMPAIGN_NAME);
    expect(all).toContain('Complete, final');
    expect(factList).toContainEqual(['Campaign', 'cmp-1-000']);
    expect(factList).toContainEqual(['First call', '2026-10-30 22:36:02']);
    expect(factList).toContainEqual(['Time zone', TIME_ZONE]);
    expect(all.some((text) => text.startsWith('1. Call duration counts answered time only'))).toBe(true);
  });

  it('shows the charts as images with alt text', () => {
    const images = elements(card).filter((e) => e.type === 'Image');
    expect(images).toEqual([
      { type: 'Image', url: CHARTS[0].url, altText: CHARTS[0].altText, size: 'Stretch' },
      { type: 'Image', url: CHARTS[1].url, altText: CHARTS[1].altText, size: 'Stretch' },
    ]);
  });

  it('has a Calls button and an Open full report link', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp-1-000' } },
      { type: 'Action.OpenUrl', title: 'Open full report', url: 'https://report.example.com/full/1' },
    ]);
    const noUrl = renderCampaignCard(sampleCampaignReport(), { chartImages: [], fullReportUrl: 'javascript:alert(1)' });
    expect(noUrl.actions).toHaveLength(1);
  });

  it('marks preliminary and updated reports', () => {
    const preliminary = renderCampaignCard(sampleCampaignReport({ final: false, state: 'running' }, true), { chartImages: [] });
    const all = texts(preliminary).map(unescape);
    expect(all).toContain('Campaign report (updated)');
    expect(all).toContain('Running, preliminary, updated');
    expect(all.some((text) => text.includes('Preliminary: the campaign is still running'))).toBe(true);
  });

  it('escapes hostile names so they cannot format, link or mention', () => {
    const report = sampleCampaignReport({ name: HOSTILE_NAME, id: 'cmp_[x](y)' });
    report.overview.resultCodes = [{ code: '[CLICK](HTTPS://EVIL.EXAMPLE)', count: 43 }];
    const hostile = renderCampaignCard(report, { chartImages: [{ chartId: 'x', url: 'javascript:alert(1)', altText: '**alt**' }] });
    for (const text of texts(hostile)) expect(hasUnescapedSpecial(text)).toBe(false);
    for (const [title, value] of elements(hostile).filter((e) => e.type === 'FactSet').flatMap((e) => (e.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]))) {
      expect(hasUnescapedSpecial(value)).toBe(false);
      if (title.includes('CLICK')) expect(hasUnescapedSpecial(title)).toBe(false);
    }
    expect(texts(hostile).map(unescape)).toContain('<script>alert(1)</script> <!channel> [x](https://evil.example) **b** _i_ `c` # h line2 [31m');
    expect(elements(hostile).filter((e) => e.type === 'Image')).toHaveLength(0);
    expect(JSON.stringify(hostile)).not.toContain('javascript:');
    expect(hostile.actions?.[0]).toEqual({ type: 'Action.Submit', title: 'Calls', data: { command: 'calls cmp_[x](y)' } });
  });

  it('replaces inline charts by their caption when they would pass 28 KB, keeping every figure', () => {
    const big = (n: number) => `data:image/png;base64,${'A'.repeat(n)}`;
    const heavy = renderCampaignCard(sampleCampaignReport(), {
      chartImages: [
        { chartId: 'call-status', url: big(9_000), altText: 'small chart' },
        { chartId: 'result-codes', url: big(40_000), altText: 'huge chart' },
      ],
    });
    expectCardShape(heavy);
    const images = elements(heavy).filter((e) => e.type === 'Image');
    expect(images.map((image) => image.altText)).toEqual(['small chart']);
    expect(texts(heavy)).toContain('Result codes');
    expect(texts(heavy)).toContain('NA 12, CU 9, BS 4, CALLBACK\\_LATER 4, PAID 4, PROMISE\\_TO\\_PAY 3, WRONG\\_PERSON 3, AGREE 2, REFUSE 2.');
    expect(texts(heavy).join('\n')).not.toContain('Result codes: ');
    for (const [label, value] of EXPECTED_FIGURES) expect(facts(heavy)).toContainEqual([label, value]);
  });

  it('trims result codes (never totals) when there are too many for 28 KB', () => {
    const report = sampleCampaignReport();
    report.overview.resultCodes = Array.from({ length: 3000 }, (_, i) => ({ code: `CODE_NUMBER_${i}`, count: 1 }));
    const trimmed = renderCampaignCard(report, { chartImages: CHARTS });
    expectCardShape(trimmed);
    const shown = facts(trimmed).filter(([title]) => title.startsWith('CODE_NUMBER_')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(3000);
    expect(texts(trimmed)).toContain(`Showing ${shown} of 3,000 result codes; the totals above cover all calls.`);
    for (const [label, value] of EXPECTED_FIGURES) expect(facts(trimmed)).toContainEqual([label, value]);
  });
});

describe('renderCallsCard', () => {
  it('shows the calls in a table with masked phones and listen links', () => {
    const card = renderCallsCard(sampleCallsReport());
    expectCardShape(card);
    const rows = tableRows(card);
    expect(rows[0]).toEqual(['Started at', 'Call ID', 'Customer', 'Phone', 'Attempt', 'Status', 'Code', 'Call time', 'Recording']);
    expect(rows[1]).toEqual(['2026-10-30 22:36:02', 'call-1-0000001', 'cus-0-00000', '+8494****631', '1', 'Error', 'CU', '0:00:00', '–']);
    expect(rows[3]).toEqual(['2026-10-30 22:37:05', 'call-1-0000003', 'cus-0-00001', '+8493****778', '1', 'Successful', 'WRONG_PERSON', '0:03:38', '▶ Listen']);
    const listen = elements(card).filter((e) => e.type === 'TableCell' && e.selectAction);
    expect(listen[0].selectAction).toEqual({ type: 'Action.OpenUrl', title: 'Listen', url: 'https://report.example.com/r/tok-call-1-0000003' });
    expect(JSON.stringify(card)).not.toContain('+84936083778');
    expect(facts(card)).toContainEqual(['Matching calls', '43']);
    expect(facts(card)).toContainEqual(['Filter', 'all calls']);
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-1-000' } }]);
  });

  it('uses the listenUrl option when given', () => {
    const card = renderCallsCard(sampleCallsReport(), { listenUrl: (id) => (id === 'call-1-0000003' ? `https://t.example/l/${id}` : null) });
    const listen = elements(card).filter((e) => e.type === 'TableCell' && e.selectAction);
    expect(listen).toHaveLength(1);
    expect(listen[0].selectAction).toMatchObject({ url: 'https://t.example/l/call-1-0000003' });
  });

  it('stays under 28 KB with 5,000 calls, keeps the totals and says how many it shows', () => {
    const report = sampleCallsReport(manyCallRows(5000));
    report.filter = { status: 'successful', resultCode: 'PROMISE_TO_PAY' };
    const card = renderCallsCard(report);
    expectCardShape(card);
    const shown = tableRows(card).length - 1;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(5000);
    expect(facts(card)).toContainEqual(['Matching calls', '5,000']);
    expect(facts(card)).toContainEqual(['Filter', 'status Successful, code PROMISE_TO_PAY']);
    expect(texts(card)).toContain(`Showing ${shown} of 5,000 calls. Phones are masked.`);
    // As many rows as fit: one more would not.
    expect(cardByteLength(card)).toBeGreaterThan(MAX_CARD_BYTES - 1000);
  });

  it('counts bytes, not characters', () => {
    const rows = manyCallRows(400).map((row) => ({ ...row, customerId: 'Nguyễn Thị Ánh Tuyết Đặng' }));
    const card = renderCallsCard(sampleCallsReport(rows));
    expect(cardByteLength(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardByteLength(card)).toBeGreaterThan(JSON.stringify(card).length);
  });

  it('says when no call matches and escapes hostile customer ids', () => {
    expect(texts(renderCallsCard(sampleCallsReport([], 0)))).toContain('No calls match.');
    const rows = manyCallRows(1).map((row) => ({ ...row, customerId: '[x](https://evil.example)' }));
    const card = renderCallsCard(sampleCallsReport(rows));
    for (const text of texts(card)) expect(hasUnescapedSpecial(text)).toBe(false);
  });
});

describe('renderUsageCard', () => {
  const card = renderUsageCard(sampleUsageReport());

  it('has facts per bot, the total with its change, and the footnote', () => {
    expectCardShape(card);
    const all = texts(card).map(unescape);
    expect(all).toContain('Nhắc nợ "Tháng", vòng 1 (bot-debt)');
    expect(all).toContain('Khảo sát (bot-survey)');
    const list = facts(card);
    expect(list.slice(0, 6)).toEqual([['Calls', '43'], ['Sessions', '18'], ['Messages', '226'], ['Blocks', '80'], ['Call time', '0:54:38'], ['Dialing time', '0:11:20']]);
    expect(list).toContainEqual(['Calls', '79 (+29, +58.0% vs 2026-09)']);
    expect(list).toContainEqual(['Dialing time', '0:20:52 (+0:10:52, +108.6% vs 2026-09)']);
    expect(all.some((text) => text.includes(USAGE_FOOTNOTE))).toBe(true);
  });

  it('shows plain totals without a previous month, and charts when given', () => {
    const plain = renderUsageCard(sampleUsageReport(false), { chartImages: [{ chartId: 'usage-per-bot', url: 'https://c.example/u.png', altText: 'usage' }] });
    expect(facts(plain)).toContainEqual(['Calls', '79']);
    expect(elements(plain).filter((e) => e.type === 'Image')).toHaveLength(1);
  });

  it('trims bots, never the total, past 28 KB', () => {
    const report = sampleUsageReport();
    const bot = report.usage.bots[0];
    report.usage.bots = Array.from({ length: 600 }, (_, i) => ({ ...bot, botId: `bot-${String(i).padStart(4, '0')}` }));
    const trimmed = renderUsageCard(report);
    expectCardShape(trimmed);
    const shown = texts(trimmed).map(unescape).filter((text) => /\(bot-\d{4}\)$/.test(text)).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(600);
    expect(texts(trimmed)).toContain(`Showing ${shown} of 600 voicebots; the total covers all.`);
    expect(facts(trimmed)).toContainEqual(['Calls', '79 (+29, +58.0% vs 2026-09)']);
  });
});

describe('renderCampaignListCard', () => {
  const report: CampaignListReport = {
    kind: 'campaign-list',
    filter: 'running',
    timeZone: TIME_ZONE,
    locale: 'en-US',
    campaigns: [
      { id: 'cmp-1-000', name: CAMPAIGN_NAME, botId: 'bot-debt', state: 'running', totalCalls: 43, answerRate: 18 / 43, lastCallAt: '2026-10-30T15:55:21Z' },
      { id: 'cmp-2', name: HOSTILE_NAME, botId: 'bot-debt', state: 'running', totalCalls: 0, answerRate: null, lastCallAt: null },
    ],
  };

  it('lists the campaigns with state, calls, answer rate and a report action', () => {
    const card = renderCampaignListCard(report);
    expectCardShape(card);
    const rows = tableRows(card);
    expect(rows[0]).toEqual(['Campaign', 'State', 'Calls', 'Answer rate', 'Last call']);
    expect(rows[1]).toEqual([`${CAMPAIGN_NAME} / cmp-1-000`, 'Running', '43', '41.9%', '2026-10-30 22:55:21']);
    expect(rows[2].slice(1)).toEqual(['Running', '0', '–', '–']);
    const actions = elements(card).filter((e) => e.selectAction).map((e) => e.selectAction);
    expect(actions[0]).toEqual({ type: 'Action.Submit', title: 'Report', data: { command: 'cmp-1-000' } });
    for (const text of texts(card)) expect(hasUnescapedSpecial(text)).toBe(false);
  });

  it('trims a long list under 28 KB and says so; says when empty', () => {
    const many = { ...report, campaigns: Array.from({ length: 2000 }, (_, i) => ({ ...report.campaigns[0], id: `cmp-${i}` })) };
    const card = renderCampaignListCard(many);
    expectCardShape(card);
    const shown = tableRows(card).length - 1;
    expect(texts(card)).toContain(`Showing ${shown} of 2,000 campaigns.`);
    expect(texts(renderCampaignListCard({ ...report, campaigns: [] }))).toContain('No campaigns in state Running.');
  });
});

describe('renderHelpCard and renderTextCard', () => {
  it('shows the grammar line by line, escaped, an example under each command', () => {
    const card = renderHelpCard();
    expectCardShape(card);
    const lines = elements(card).filter((e) => e.fontType === 'Monospace').map((e) => unescape(e.text as string));
    expect(lines.slice(0, 4)).toEqual([
      "<campaign>: a campaign's overview with charts (id, or the start of its id or name)",
      'e.g. cmp-1-000',
      'list [running | complete]: the latest campaigns with state and answer rate',
      'e.g. list running',
    ]);
    const blocks = elements(card).filter((e) => e.fontType === 'Monospace');
    expect(blocks.map((e) => e.spacing).slice(0, 2)).toEqual(['Medium', 'None']);
    for (const line of blocks) expect(hasUnescapedSpecial(line.text as string)).toBe(false);
  });

  it('shows a message escaped', () => {
    const card = renderTextCard('Unknown campaign "*x*".\nTry `list`.');
    expectCardShape(card);
    expect(texts(card)).toEqual(['Unknown campaign "\\*x\\*".', 'Try \\`list\\`.']);
  });
});
