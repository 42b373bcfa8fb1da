import { messagesFor } from '../../../src/render/i18n/messages';
const USAGE_FOOTNOTE = messagesFor('en').t('footnote.usage');
import {
  EMAIL_DETAIL_ROW_LIMIT,
  EMAIL_HTML_MAX_BYTES,
  renderCampaignEmail,
  renderFullReportPage,
  renderUsageEmail,
} from '../../../src/render/email-html';
import { escapeHtml, safeUrlAttribute } from '../../../src/render/html-escape';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  manyCallRows,
  sampleCallRows,
  sampleCallsReport,
  sampleCampaignReport,
  sampleUsageReport,
} from './fixtures-cmp-1-000';

const CIDS = { 'call-status': 'call-status@campaign-report', 'result-codes': 'result-codes@campaign-report', 'calls-over-time': 'timeline@campaign-report' };
const FULL_URL = 'https://report.example.com/full/abc?token=1&x=2';

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Rows of every (innermost) table as cell texts; a detail line inside a cell follows " | ". */
function tableRows(html: string): string[][] {
  return html
    .split(/<tr[\s>]/)
    .slice(1)
    .map((chunk) =>
      [...chunk.split('</tr>')[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((match) =>
        decode(match[1].replace(/<div[^>]*>/g, ' | ').replace(/<[^>]+>/g, '')).trim(),
      ),
    );
}

function findRow(rows: string[][], first: string): string[] {
  const row = rows.find((cells) => cells[0]?.split(' | ')[0] === first);
  if (!row) throw new Error(`no row ${first}`);
  return row;
}

function expectBalanced(html: string): void {
  for (const tag of ['table', 'tr', 'td', 'th', 'a', 'h1', 'h2', 'p']) {
    const open = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
    const close = html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
    expect({ tag, count: open }).toEqual({ tag, count: close });
  }
}

function expectEmailSafe(html: string): void {
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link/i);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son\w+=/i);
  for (const match of html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) expect(match[1]).toMatch(/^cid:/);
  expect(html).not.toMatch(/src="https?:/i);
  expect(html).not.toMatch(/url\(/i);
}

describe('escapeHtml and safeUrlAttribute', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('accepts http(s) and root-relative URLs only, escaped', () => {
    expect(safeUrlAttribute('https://x.example/a?b=1&c="2"')).toBe('https://x.example/a?b=1&amp;c=&quot;2&quot;');
    expect(safeUrlAttribute('/r/token')).toBe('/r/token');
    expect(safeUrlAttribute('javascript:alert(1)')).toBeNull();
    expect(safeUrlAttribute(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrlAttribute('//evil.example/x')).toBeNull();
    expect(safeUrlAttribute('data:text/html,x')).toBeNull();
    expect(safeUrlAttribute('data:image/png;base64,AA', ['data:image/'])).toBe('data:image/png;base64,AA');
  });
});

describe('renderCampaignEmail', () => {
  const email = renderCampaignEmail(sampleCampaignReport(), { chartCids: CIDS, fullReportUrl: FULL_URL });
  const rows = tableRows(email.html);

  it('has a subject with name, answer rate and final or preliminary', () => {
    expect(email.subject).toBe(`Campaign report: ${CAMPAIGN_NAME} — answer rate 41.9% (final)`);
    const preliminary = renderCampaignEmail(sampleCampaignReport({ final: false, state: 'settling' }, true), { chartCids: {} });
    expect(preliminary.subject).toBe(`Campaign report: ${CAMPAIGN_NAME} — answer rate 41.9% (preliminary, updated)`);
  });

  it('keeps the subject on one line whatever the name holds', () => {
    const subject = renderCampaignEmail(sampleCampaignReport({ name: 'a\r\nBcc: x@evil.example\nb' }), { chartCids: {} }).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('a Bcc: x@evil.example b');
    const long = renderCampaignEmail(sampleCampaignReport({ name: 'x'.repeat(1000) }), { chartCids: {} }).subject;
    expect(long.length).toBeLessThan(200);
  });

  it('has both parts', () => {
    expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(email.html.endsWith('</html>')).toBe(true);
    expect(email.text.length).toBeGreaterThan(500);
    expect(email.text).not.toMatch(/</);
  });

  it('uses only inline styles, tables and cid: images', () => {
    expectEmailSafe(email.html);
    expectBalanced(email.html);
    expect(email.html).toContain('role="presentation"');
    for (const cid of Object.values(CIDS)) expect(email.html).toContain(`src="cid:${cid}"`);
  });

  it('describes a chart that has no image in words instead', () => {
    const html = renderCampaignEmail(sampleCampaignReport(), { chartCids: { 'call-status': 'cs@x' } }).html;
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('Result codes: NA 12, CU 9, BS 4');
  });

  it('shows every figure of the overview', () => {
    for (const [label, value] of EXPECTED_FIGURES) expect(findRow(rows, label)[1]).toBe(value);
  });

  it('shows each rate with its formula and numerator / denominator', () => {
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(findRow(rows, label)[0]).toBe(`${label} | ${detail}`);
  });

  it('has the result codes table in order, with a total', () => {
    const start = rows.findIndex((cells) => cells.join('|') === 'Code|Meaning|Calls|Share');
    expect(start).toBeGreaterThan(0);
    EXPECTED_RESULT_CODES.forEach((expected, i) => expect(rows[start + 1 + i]).toEqual(expected));
    expect(rows[start + 1 + EXPECTED_RESULT_CODES.length]).toEqual(['Total', '', '43', '100.0%']);
  });

  it('has the identity, footnotes and the full report link', () => {
    expect(findRow(rows, 'Campaign')[1]).toBe('cmp-1-000');
    expect(findRow(rows, 'First call')[1]).toBe('2026-10-30 22:36:02');
    expect(findRow(rows, 'Time zone')[1]).toBe('Asia/Ho_Chi_Minh');
    expect(email.html).toContain('1. Call duration counts answered time only');
    expect(email.html).toContain(`href="https://report.example.com/full/abc?token=1&amp;x=2"`);
    expect(email.html).toContain('>Open full report</a>');
  });

  it('leaves out the link when there is none or it is not http(s)', () => {
    expect(renderCampaignEmail(sampleCampaignReport(), { chartCids: {} }).html).not.toContain('Open full report');
    const hostile = renderCampaignEmail(sampleCampaignReport(), { chartCids: {}, fullReportUrl: 'javascript:alert(1)' });
    expect(hostile.html).not.toContain('javascript:');
  });

  it('has the same figures in the plain-text part', () => {
    for (const [label, value] of EXPECTED_FIGURES) expect(email.text).toMatch(new RegExp(`^  ${label.replace(/[()]/g, '\\$&')} +${value.replace(/[.]/g, '\\.')}`, 'm'));
    for (const [, detail] of EXPECTED_RATE_DETAILS) expect(email.text).toContain(detail);
    for (const [code, , count, share] of EXPECTED_RESULT_CODES) expect(email.text).toMatch(new RegExp(`^  ${code} +\\S.* +${count} +${share.replace('.', '\\.')}$`, 'm'));
    expect(email.text).toContain(`Open full report: ${FULL_URL}`);
    expect(email.text).toContain('Calls by status: 18 successful, 4 busy, 12 no answer, 9 error, of 43.');
  });

  it('escapes hostile names and codes everywhere', () => {
    const report = sampleCampaignReport({ name: HOSTILE_NAME });
    report.overview.resultCodes = [{ code: '<IMG SRC=X ONERROR=ALERT(1)>', count: 43 }];
    const hostile = renderCampaignEmail(report, { chartCids: CIDS });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;');
    expect(hostile.html).not.toContain('<!channel>');
    expect(hostile.html).not.toMatch(/<img src=x/i);
    expect(hostile.html).toContain('&lt;IMG SRC=X ONERROR=ALERT(1)&gt;');
    expectEmailSafe(hostile.html);
    expectBalanced(hostile.html);
    expect(hostile.subject).toContain('<script>alert(1)</script>');
    expect(hostile.subject).not.toMatch(/[\r\n\u001b]/);
  });

  it('refuses cid values that would break out of the attribute', () => {
    const html = renderCampaignEmail(sampleCampaignReport(), { chartCids: { 'call-status': '<x"onload="alert(1)>' } }).html;
    expect(html).toContain('src="cid:x&quot;onload=&quot;alert(1)"');
    expectEmailSafe(html);
  });
});

describe('renderCampaignEmail with detail rows', () => {
  it('shows the calls with masked phones and listen links', () => {
    const calls = sampleCallsReport();
    const email = renderCampaignEmail(sampleCampaignReport(), { chartCids: CIDS, detailRows: calls });
    const rows = tableRows(email.html);
    expect(findRow(rows, 'Started at')).toEqual(['Started at', 'Customer', 'Phone', 'Attempt', 'Code', 'Call time', 'Listen']);
    expect(findRow(rows, '2026-10-30 22:37:05')).toEqual(['2026-10-30 22:37:05', 'cus-0-00001', '+8493****778', '1', 'WRONG_PERSON', '0:03:38', 'Listen']);
    expect(email.html).not.toContain('+84936083778');
    expect(email.html).toContain('href="https://report.example.com/r/tok-call-1-0000003"');
    expect(email.html).toContain('The attached CSV lists every call.');
    expect(email.text).toContain('call-1-0000043');
    expectEmailSafe(email.html);
    expectBalanced(email.html);
  });

  it('stays under the Gmail clipping size with 5,000 calls and says how many it shows', () => {
    const email = renderCampaignEmail(sampleCampaignReport(), {
      chartCids: CIDS,
      fullReportUrl: FULL_URL,
      detailRows: sampleCallsReport(manyCallRows(5000)),
    });
    expect(Buffer.byteLength(email.html)).toBeLessThanOrEqual(EMAIL_HTML_MAX_BYTES);
    const shown = (email.html.match(/>Listen<\/a>/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThanOrEqual(EMAIL_DETAIL_ROW_LIMIT);
    expect(email.html).toContain(`Showing ${shown} of 5,000 calls.`);
    for (const [label, value] of EXPECTED_FIGURES) expect(findRow(tableRows(email.html), label)[1]).toBe(value);
  });
});

describe('renderFullReportPage', () => {
  const calls = sampleCallsReport();
  const page = renderFullReportPage(sampleCampaignReport(), calls, {
    chartDataUris: { 'call-status': 'data:image/png;base64,iVBORw0KGgo=', 'result-codes': 'https://evil.example/x.png' },
  });

  it('is a complete document with the same overview as the email', () => {
    expect(page.startsWith('<!DOCTYPE html><html lang="en"><head>')).toBe(true);
    expect(page).toContain('charset=utf-8');
    expect(page).toContain(`<title>Campaign report: ${escapeHtml(CAMPAIGN_NAME)}</title>`);
    expect(page.endsWith('</body></html>')).toBe(true);
    expectBalanced(page);
    const rows = tableRows(page);
    for (const [label, value] of EXPECTED_FIGURES) expect(findRow(rows, label)[1]).toBe(value);
    for (const [label, detail] of EXPECTED_RATE_DETAILS) expect(findRow(rows, label)[0]).toBe(`${label} | ${detail}`);
    expect(page).toContain('1. Call duration counts answered time only');
  });

  it('shows charts as data: URIs only', () => {
    expect(page).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(page).not.toContain('evil.example');
    expect(page).not.toContain('cid:');
  });

  it('lists every call with an audio player for each recording', () => {
    const withRecording = calls.rows.filter((row) => row.recordingLink).length;
    expect(withRecording).toBeGreaterThan(0);
    expect(page.match(/<audio controls preload="none" src="https:\/\/report\.example\.com\/r\/tok-call-1-\d+">/g)).toHaveLength(withRecording);
    const rows = tableRows(page);
    expect(findRow(rows, 'Started at')).toEqual(['Started at', 'Call ID', 'Customer', 'Phone', 'Attempt', 'Status', 'Code', 'Call time', 'Dialing', 'Recording']);
    expect(findRow(rows, '2026-10-30 22:36:02')).toEqual(['2026-10-30 22:36:02', 'call-1-0000001', 'cus-0-00000', '+8494****631', '1', 'error', 'CU', '0:00:00', '0:00:22', '–']);
    expect(rows.filter((cells) => /^2026-10-30 \d\d:\d\d:\d\d$/.test(cells[0]))).toHaveLength(calls.rows.length);
  });

  it('escapes hostile text and refuses non-http recording links', () => {
    const hostileRows = sampleCallRows().slice(0, 2);
    hostileRows[0] = { ...hostileRows[0], customerId: '<script>alert(1)</script>', recordingLink: 'javascript:alert(1)' };
    hostileRows[1] = { ...hostileRows[1], recordingLink: '/r/tok"><script>' };
    const html = renderFullReportPage(sampleCampaignReport({ name: HOSTILE_NAME }), sampleCallsReport(hostileRows), { chartDataUris: {} });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('src="/r/tok&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('&lt;!channel&gt;');
  });
});

describe('renderUsageEmail', () => {
  const email = renderUsageEmail(sampleUsageReport(), { chartCids: { 'usage-per-bot': 'usage@campaign-report' } });
  const rows = tableRows(email.html);

  it('has a subject with month and totals', () => {
    expect(email.subject).toBe('Usage report 2026-10 (default): 79 calls, 25 sessions, 159 blocks');
  });

  it('has a row per bot and a total row', () => {
    expect(findRow(rows, 'Voicebot')).toEqual(['Voicebot', 'Calls', 'Sessions', 'Messages', 'Blocks', 'Call time', 'Dialing time']);
    expect(findRow(rows, 'Nhắc nợ "Tháng", vòng 1 (bot-debt)')).toEqual(['Nhắc nợ "Tháng", vòng 1 (bot-debt)', '43', '18', '226', '80', '0:54:38', '0:11:20']);
    expect(findRow(rows, 'Khảo sát (bot-survey)')).toEqual(['Khảo sát (bot-survey)', '36', '7', '95', '79', '0:21:50', '0:09:32']);
    expect(findRow(rows, 'Total')).toEqual(['Total', '79', '25', '321', '159', '1:16:29', '0:20:52']);
  });

  it('shows the change against the previous month', () => {
    expect(findRow(rows, 'Figure')).toEqual(['Figure', '2026-10', '2026-09', 'Change', 'Change %']);
    expect(findRow(rows, 'Calls')).toEqual(['Calls', '79', '50', '+29', '+58.0%']);
    expect(findRow(rows, 'Dialing time')).toEqual(['Dialing time', '0:20:52', '0:10:00', '+0:10:52', '+108.6%']);
    const without = renderUsageEmail(sampleUsageReport(false), { chartCids: {} });
    expect(without.html).not.toContain('Change vs');
    expect(without.text).not.toContain('Change vs');
  });

  it('has the footnote, a cid chart, and both parts', () => {
    expect(email.html).toContain(escapeHtml(USAGE_FOOTNOTE));
    expect(email.text).toContain(USAGE_FOOTNOTE);
    expect(email.html).toContain('src="cid:usage@campaign-report"');
    expect(email.text).toMatch(/^Total +79 +25 +321 +159 +1:16:29 +0:20:52$/m);
    expectEmailSafe(email.html);
    expectBalanced(email.html);
  });

  it('escapes hostile bot names', () => {
    const report = sampleUsageReport();
    report.usage.bots[0] = { ...report.usage.bots[0], botName: '<b>x</b>\n<!channel>' };
    const html = renderUsageEmail(report, { chartCids: {} }).html;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &lt;!channel&gt;');
    expect(html).not.toContain('<b>x');
  });
});
