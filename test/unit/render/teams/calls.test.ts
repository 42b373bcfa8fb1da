import { renderCallsCard } from '../../../../src/render/teams/calls';
import { MAX_CARD_BYTES, cardByteLength } from '../../../../src/render/teams/card';
import { manyCallRows, sampleCallsReport } from '../fixtures-cmp-1-000';
import { CardElement } from '../../../../src/render/teams/card';
import {
  elements,
  texts,
  facts,
  tableRows,
  hasUnescapedSpecial,
  markdownTexts,
  expectCardShape,
} from './card-test-support';

const tables = (card: ReturnType<typeof renderCallsCard>) => elements(card).filter((e) => e.type === 'Table');

describe('renderCallsCard', () => {
  it('gives narrow cards a compact table (time, status and code, duration, Listen), the rest the full one', () => {
    const card = renderCallsCard(sampleCallsReport());
    const [compact, full] = tables(card);
    expect(compact.targetWidth).toBe('atMost:Narrow');
    expect(full.targetWidth).toBe('atLeast:Standard');
    const rows = tableRows(card, 0);
    expect(rows[0]).toEqual(['Started at', 'Status, code', 'Call time', 'Recording']);
    expect(rows[1]).toEqual(['2026-10-30 / 22:36:02', 'Error / CU', '0:00:00', '–']);
    expect(rows[3]).toEqual(['2026-10-30 / 22:37:05', 'Successful / WRONG_PERSON', '0:03:38', '▶ Listen']);
    // A client without Table support draws the compact one's fallback (one line per call), never both.
    expect(full.fallback).toBe('drop');
    const lines = (compact.fallback as CardElement).items as CardElement[];
    expect(lines).toHaveLength(rows.length - 1);
    expect((lines[2].inlines as { text: string }[]).map((run) => run.text)).toEqual([
      '2026-10-30 22:37:05 · Successful · WRONG_PERSON · 0:03:38',
      ' · ▶ Listen',
    ]);
    expect((lines[2].inlines as { selectAction?: unknown }[])[1].selectAction).toEqual({
      type: 'Action.OpenUrl',
      title: 'Listen',
      url: 'https://report.example.com/r/tok-call-1-0000003',
    });
  });

  it('shows the calls in a table with masked phones and listen links', () => {
    const card = renderCallsCard(sampleCallsReport());
    expectCardShape(card);
    const rows = tableRows(card, 1);
    expect(rows[0]).toEqual([
      'Started at',
      'Call ID',
      'Customer',
      'Phone',
      'Attempt',
      'Status',
      'Code',
      'Call time',
      'Recording',
    ]);
    expect(rows[1]).toEqual([
      '2026-10-30 22:36:02',
      'call-1-0000001',
      'cus-0-00000',
      '+8494****631',
      '1',
      'Error',
      'CU',
      '0:00:00',
      '–',
    ]);
    expect(rows[3]).toEqual([
      '2026-10-30 22:37:05',
      'call-1-0000003',
      'cus-0-00001',
      '+8493****778',
      '1',
      'Successful',
      'WRONG_PERSON',
      '0:03:38',
      '▶ Listen',
    ]);
    const listen = elements(card).filter((e) => e.type === 'TableCell' && e.selectAction);
    expect(listen).toHaveLength(10); // 5 recordings, in the compact table and the full one
    expect(listen[5].selectAction).toEqual({
      type: 'Action.OpenUrl',
      title: 'Listen',
      url: 'https://report.example.com/r/tok-call-1-0000003',
    });
    expect(JSON.stringify(card)).not.toContain('+84936083778');
    expect(facts(card)).toContainEqual(['Matching calls', '43']);
    expect(facts(card)).toContainEqual(['Filter', 'all calls']);
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Overview', data: { command: 'cmp-1-000' } }]);
  });

  it('uses the listenUrl option when given', () => {
    const card = renderCallsCard(sampleCallsReport(), {
      listenUrl: (id) => (id === 'call-1-0000003' ? `https://t.example/l/${id}` : null),
    });
    const listen = elements(card).filter((e) => e.type === 'TableCell' && e.selectAction);
    expect(listen).toHaveLength(2);
    for (const cell of listen) expect(cell.selectAction).toMatchObject({ url: 'https://t.example/l/call-1-0000003' });
  });

  it('stays under 28 KB with 5,000 calls, keeps the totals and says how many it shows', () => {
    const report = sampleCallsReport(manyCallRows(5000));
    report.filter = { status: 'successful', resultCode: 'PROMISE_TO_PAY' };
    const card = renderCallsCard(report);
    expectCardShape(card);
    const shown = tableRows(card, 1).length - 1;
    expect(tableRows(card, 0)).toHaveLength(shown + 1);
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(5000);
    expect(facts(card)).toContainEqual(['Matching calls', '5,000']);
    expect(facts(card)).toContainEqual(['Filter', 'status Successful, code PROMISE_TO_PAY']);
    expect(texts(card)).toContain(`Showing ${shown} of 5,000 calls. Phones are masked.`);
    // As many rows as fit: one more (in both tables and the fallback, ~1.3 KB) would not.
    expect(cardByteLength(card)).toBeGreaterThan(MAX_CARD_BYTES - 1400);
  });

  it('counts bytes, not characters', () => {
    const rows = manyCallRows(400).map((row) => ({ ...row, customerId: 'Nguyễn Thị Ánh Tuyết Đặng' }));
    const card = renderCallsCard(sampleCallsReport(rows));
    expect(cardByteLength(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardByteLength(card)).toBeGreaterThan(JSON.stringify(card).length);
  });

  it('says when no call matches, and shows hostile or Markdown-looking values literally, never as Markdown', () => {
    expect(texts(renderCallsCard(sampleCallsReport([], 0)))).toContain('No calls match.');
    const rows = manyCallRows(1).map((row) => ({
      ...row,
      customerId: '[x](https://evil.example)',
      resultCode: 'CALLBACK_LATER',
    }));
    const card = renderCallsCard(sampleCallsReport(rows));
    for (const text of markdownTexts(card)) expect(hasUnescapedSpecial(text)).toBe(false);
    const json = JSON.stringify(card);
    expect(json).not.toContain('\\\\');
    expect(tableRows(card, 1)[1]).toContain('[x](https://evil.example)');
    expect(tableRows(card, 1)[1]).toContain('CALLBACK_LATER');
    expect(facts(card)).toContainEqual(['Time zone', 'Asia/Ho_Chi_Minh']);
  });
});
