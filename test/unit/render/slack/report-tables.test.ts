import { renderSlackCallsReport } from '../../../../src/render/slack/calls';
import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { DEFAULT_SLACK_LOOK } from '../../../../src/render/slack/look';
import {
  CALLS_TABLE_PAGE_SIZE,
  callsDataTable,
  resultCodesTable,
  usageTable,
} from '../../../../src/render/slack/report-tables';
import { DataTableBlock, TableBlock } from '../../../../src/render/slack/tables';
import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { blockProblems } from '../../../support/fakes/fake-slack-rules';
import { botUsage, callRow, callsReport, sampleCampaignReport, usageReport } from '../slack-test-support';

const texts = (table: TableBlock | DataTableBlock | null | undefined) =>
  (table?.rows ?? []).map((row) => row.map((cell) => ('text' in cell ? cell.text : cell.elements[0].elements[0].text)));

describe("result codes in Slack's table block", () => {
  it('has code, meaning, calls and share, the total last, numbers aligned right', () => {
    const table = resultCodesTable(sampleCampaignReport());
    const rows = texts(table);
    expect(rows[0]).toEqual(['Code', 'Meaning', 'Calls', 'Share']);
    expect(rows[1]).toEqual(['NA', 'no answer', '12', '27.9%']);
    expect(rows.at(-1)).toEqual(['Total', '–', '43', '100.0%']);
    expect(table?.column_settings).toEqual([null, null, { align: 'right' }, { align: 'right' }]);
  });

  it('replaces the section of codes in every campaign report with tables, one table a message', () => {
    const message = renderSlackCampaignReport(sampleCampaignReport(), { look: DEFAULT_SLACK_LOOK });
    expect(message.blocks.filter((block) => block.type === 'table')).toHaveLength(1);
    expect(
      message.blocks.some(
        (block) => block.type === 'section' && block.text?.text.startsWith('*Result codes*\nNA 12 · '),
      ),
    ).toBe(false);
    expect(blockProblems(message.blocks)).toEqual([]);
  });

  it('escapes a hostile code', () => {
    const report = sampleCampaignReport();
    report.overview.resultCodes = [{ code: '<!channel>', count: 1 }];
    expect(texts(resultCodesTable(report))[1][0]).toBe('&lt;!channel&gt;');
  });
});

describe("usage in Slack's table block", () => {
  it('has a row per voicebot with the change from the month before, and the total', () => {
    const report = usageReport([botUsage('bot-a', 'A'), botUsage('bot-b', 'B', 2)], [botUsage('bot-a', 'A')]);
    const rows = texts(usageTable(report));
    expect(rows[0]).toEqual(['Voicebot', 'Calls', 'Sessions', 'Messages', 'Blocks', 'Call time', 'Dialing duration']);
    expect(rows[1].slice(0, 2)).toEqual(['A (bot-a)', '43 (0)']);
    expect(rows[2].slice(0, 2)).toEqual(['B (bot-b)', '86 (+86)']);
    expect(rows[3][0]).toBe('Total');
    const message = renderSlackUsageReport(report, { look: DEFAULT_SLACK_LOOK });
    expect(message.blocks.filter((block) => block.type === 'table')).toHaveLength(1);
    expect(blockProblems(message.blocks)).toEqual([]);
  });
});

describe("calls in Slack's data_table block", () => {
  it('has a row per call, sortable numbers, a masked phone and a Listen link where there is a recording', () => {
    const table = callsDataTable(callsReport(3));
    expect(table?.block.page_size).toBe(CALLS_TABLE_PAGE_SIZE);
    const [header, first, second] = table?.block.rows ?? [];
    expect(header.map((cell) => ('text' in cell ? cell.text : ''))).toEqual([
      'Started at',
      'Status',
      'Code',
      'Call time',
      'Dialing',
      'Customer',
      'Phone',
      'Attempt',
      'Call ID',
      'Recording',
    ]);
    expect(first[3]).toEqual({ type: 'raw_number', value: 218, text: '0:03:38' });
    expect(first[6]).toEqual({ type: 'raw_text', text: '+8494****631' });
    expect(first[9]).toEqual({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [{ type: 'link', url: 'https://bot.example.com/r/token-0', text: 'Listen' }],
        },
      ],
    });
    expect(second[9]).toEqual({ type: 'raw_text', text: '–' });
  });

  it('shows up to 100 calls in one message, then the CSV', () => {
    const report = callsReport(100, { totalRows: 250 });
    const message = renderSlackCallsReport(report, { tables: true });
    const table = message.blocks.find((block): block is DataTableBlock => block.type === 'data_table');
    expect(table?.rows).toHaveLength(101);
    expect(JSON.stringify(message.blocks)).toContain('Showing 100 of 250 calls.');
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'download_calls_csv' }] });
    expect(blockProblems(message.blocks)).toEqual([]);
  });

  it('without tables keeps a section per call (a workspace that refused them)', () => {
    const message = renderSlackCallsReport(callsReport(3, { rows: [callRow(0)] }), { tables: false });
    expect(message.blocks.some((block) => block.type === 'data_table')).toBe(false);
  });
});
