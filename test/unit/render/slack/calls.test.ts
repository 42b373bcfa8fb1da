import { callsCsvActionValue, parseCallsCsvActionValue } from '../../../../src/render/slack/actions';
import { renderSlackCallsReport } from '../../../../src/render/slack/calls';
import { MAX_BLOCKS } from '../../../../src/render/slack/limits';
import { callRow, callsReport, limitViolations, sectionTexts, textsOf } from '../slack-test-support';

describe('renderSlackCallsReport', () => {
  it('shows a row per call with masked phone, times in the zone and durations', () => {
    const message = renderSlackCallsReport(callsReport(1));
    expect(sectionTexts(message)[0]).toBe(
      '*call-0000000* · customer cus-0 · +8494****631 · attempt 1\n' +
        '2026-10-30 22:36:02 · Successful · PAID · call 0:03:38 · dialing 0:00:12',
    );
    expect(JSON.stringify(message)).not.toContain('+84941777631');
  });

  it('puts a Listen button on each row with a recording, and only there', () => {
    const message = renderSlackCallsReport(callsReport(4));
    const rows = message.blocks.filter((block) => block.type === 'section');
    expect(rows.map((row) => row.type === 'section' && row.accessory?.value)).toEqual([
      'call-0000000',
      undefined,
      'call-0000002',
      undefined,
    ]);
    const first = rows[0];
    expect(first.type === 'section' && first.accessory).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Listen', emoji: true },
      action_id: 'listen_recording',
      value: 'call-0000000',
      url: 'https://bot.example.com/r/token-0',
    });
  });

  it('says how many of how many it shows and offers the CSV', () => {
    const message = renderSlackCallsReport(callsReport(40, { filter: { status: 'unsuccessful', resultCode: 'NA' } }));
    const texts = textsOf(message).map((entry) => entry.text);
    expect(texts).toContain('Showing 15 of 40 calls. Phones are masked. The CSV has every call, phones in full.');
    expect(message.text).toBe(
      'Calls of Đợt 0, "Nhắc nợ "Tháng", vòng 1" (status Unsuccessful, code NA): Showing 15 of 40 calls.',
    );
    const actions = message.blocks[message.blocks.length - 1];
    expect(actions.type === 'actions' && actions.elements[0].action_id).toBe('download_calls_csv');
    const first = actions.type === 'actions' ? actions.elements[0] : null;
    const value = first?.type === 'button' ? (first.value ?? '') : '';
    expect(parseCallsCsvActionValue(value)).toEqual({
      campaignId: 'cmp-1-000',
      filter: { status: 'unsuccessful', resultCode: 'NA' },
    });
  });

  it('counts all matching rows even when the model holds only the first', () => {
    const report = callsReport(15);
    const message = renderSlackCallsReport({ ...report, totalRows: 1234 });
    expect(message.text).toContain('Showing 15 of 1,234 calls');
  });

  it(`MAX_BLOCKS (${MAX_BLOCKS}): 500 rows stay within the block limit, even when asked for all`, () => {
    const report = callsReport(500);
    for (const maxRows of [undefined, 500]) {
      const message = renderSlackCallsReport(report, { maxRows });
      expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      expect(limitViolations(message)).toEqual([]);
    }
    expect(renderSlackCallsReport(report, { maxRows: 500 }).text).toContain('Showing 46 of 500 calls');
  });

  it('escapes ids and codes and keeps the button values as they are', () => {
    const row = callRow(0, { callId: 'c<!here>', customerId: '<b>x</b>', resultCode: 'A&B' });
    const message = renderSlackCallsReport({ ...callsReport(0), rows: [row], totalRows: 1 });
    for (const { text } of textsOf(message)) expect(text).not.toMatch(/[<>]/);
    expect(sectionTexts(message)[0]).toContain('*c&lt;!here&gt;* · customer &lt;b&gt;x&lt;/b&gt;');
    expect(sectionTexts(message)[0]).toContain('A&amp;B');
    const section = message.blocks.find((block) => block.type === 'section');
    expect(section?.type === 'section' && section.accessory?.value).toBe('c<!here>');
  });

  it('says so when nothing matches', () => {
    const message = renderSlackCallsReport(callsReport(0, { filter: { resultCode: 'PAID' } }));
    expect(sectionTexts(message)).toEqual(['No calls match (code PAID).']);
    expect(message.text).toContain('Showing 0 of 0 calls');
  });

  it('round-trips the CSV button value and rejects junk', () => {
    expect(parseCallsCsvActionValue(callsCsvActionValue('c1', {}))).toEqual({ campaignId: 'c1', filter: {} });
    expect(parseCallsCsvActionValue('not json')).toBeNull();
    expect(parseCallsCsvActionValue('{"campaignId":3}')).toBeNull();
  });
});
