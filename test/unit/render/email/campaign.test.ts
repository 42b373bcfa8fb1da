import {
  EMAIL_DETAIL_ROW_LIMIT,
  EMAIL_HTML_MAX_BYTES,
  renderCampaignEmail,
} from '../../../../src/render/email/campaign';
import {
  CAMPAIGN_NAME,
  EXPECTED_FIGURES,
  EXPECTED_RATE_DETAILS,
  EXPECTED_RESULT_CODES,
  HOSTILE_NAME,
  manyCallRows,
  sampleCallsReport,
  sampleCampaignReport,
} from '../fixtures-cmp-1-000';
import { expectBalanced, expectEmailSafe, findRow, tableRows, tileTexts } from '../html-test-support';

const CIDS = {
  'call-status': 'call-status@campaign-report',
  'result-codes': 'result-codes@campaign-report',
  'calls-over-time': 'timeline@campaign-report',
};
const FULL_URL = 'https://report.example.com/full/abc?token=1&x=2';

describe('renderCampaignEmail', () => {
  const email = renderCampaignEmail(sampleCampaignReport(), { chartCids: CIDS, fullReportUrl: FULL_URL });
  const rows = tableRows(email.html);

  it('has a subject with name, answer rate and final or preliminary', () => {
    expect(email.subject).toBe(`Campaign report: ${CAMPAIGN_NAME} — answer rate 41.9% (final)`);
    const preliminary = renderCampaignEmail(sampleCampaignReport({ final: false, state: 'settling' }, true), {
      chartCids: {},
    });
    expect(preliminary.subject).toBe(`Campaign report: ${CAMPAIGN_NAME} — answer rate 41.9% (preliminary, updated)`);
  });

  it('keeps the subject on one line whatever the name holds', () => {
    const subject = renderCampaignEmail(sampleCampaignReport({ name: 'a\r\nBcc: x@evil.example\nb' }), {
      chartCids: {},
    }).subject;
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
    expect(html).toMatch(/>Result codes<\/div><div[^>]*>NA 12, CU 9, BS 4, /);
    expect(html).not.toContain('Result codes: Result codes');
  });

  it('opens with the key figures as tiles, before the charts and the tables', () => {
    expect(tileTexts(email.html)).toEqual([
      ['Total calls', '43'],
      ['Answer rate', '41.9%'],
      ['Contact rate', '66.7%'],
      ['Total call time', '0:54:38'],
      ['Total cost', '128,138 ₫'],
    ]);
    const at = (text: string) => email.html.indexOf(text);
    expect(at('class="tile"')).toBeLessThan(at('<img '));
    expect(at('<img ')).toBeLessThan(at('>Calls performance</h2>'));
    expect(email.html).toContain('successful calls / all calls (per attempt, callbacks included) = 18 / 43');
  });

  it('names each chart once: the title as text, the figures as its caption', () => {
    expect(email.html).toMatch(
      />Calls by status<\/div><img [^>]*><div[^>]*>18 successful, 4 busy, 12 no answer, 9 error, of 43\.<\/div>/,
    );
    expect(email.text).not.toContain('Calls by status: Calls by status');
    expect(email.text.match(/Calls by status/g)).toHaveLength(1);
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
    const hostile = renderCampaignEmail(sampleCampaignReport(), {
      chartCids: {},
      fullReportUrl: 'javascript:alert(1)',
    });
    expect(hostile.html).not.toContain('javascript:');
  });

  it('has the same figures in the plain-text part', () => {
    for (const [label, value] of EXPECTED_FIGURES)
      expect(email.text).toMatch(
        new RegExp(`^  ${label.replace(/[()]/g, '\\$&')} +${value.replace(/[.]/g, '\\.')}`, 'm'),
      );
    for (const [, detail] of EXPECTED_RATE_DETAILS) expect(email.text).toContain(detail);
    for (const [code, , count, share] of EXPECTED_RESULT_CODES)
      expect(email.text).toMatch(new RegExp(`^  ${code} +\\S.* +${count} +${share.replace('.', '\\.')}$`, 'm'));
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
    const html = renderCampaignEmail(sampleCampaignReport(), {
      chartCids: { 'call-status': '<x"onload="alert(1)>' },
    }).html;
    expect(html).toContain('src="cid:x&quot;onload=&quot;alert(1)"');
    expectEmailSafe(html);
  });
});

describe('renderCampaignEmail with detail rows', () => {
  it('shows the calls with masked phones and listen links', () => {
    const calls = sampleCallsReport();
    const email = renderCampaignEmail(sampleCampaignReport(), { chartCids: CIDS, detailRows: calls });
    const rows = tableRows(email.html);
    expect(findRow(rows, 'Started at')).toEqual([
      'Started at',
      'Customer',
      'Phone',
      'Attempt',
      'Code',
      'Call time',
      'Listen',
    ]);
    expect(findRow(rows, '2026-10-30 22:37:05')).toEqual([
      '2026-10-30 22:37:05',
      'cus-0-00001',
      '+8493****778',
      '1',
      'WRONG_PERSON',
      '0:03:38',
      'Listen',
    ]);
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
