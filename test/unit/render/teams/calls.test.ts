import { renderCallsCard } from '../../../../src/render/teams/calls';
import { MAX_CARD_BYTES, cardByteLength } from '../../../../src/render/teams/card';
import { manyCallRows, sampleCallsReport } from '../fixtures-cmp-1-000';
import { elements, texts, facts, tableRows, hasUnescapedSpecial, expectCardShape } from './card-test-support';

describe('renderCallsCard', () => {
  it('shows the calls in a table with masked phones and listen links', () => {
    const card = renderCallsCard(sampleCallsReport());
    expectCardShape(card);
    const rows = tableRows(card);
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
    expect(listen[0].selectAction).toEqual({
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
