import fc from 'fast-check';
import { buildCampaignReport } from '../../../../src/domain/report-builders';
import { renderSlackCallsReport } from '../../../../src/render/slack/calls';
import { renderSlackCampaignReport } from '../../../../src/render/slack/campaign';
import { renderSlackHelp } from '../../../../src/render/slack/help';
import { renderSlackCampaignList } from '../../../../src/render/slack/list';
import { renderSlackText } from '../../../../src/render/slack/text';
import { renderSlackUsageReport } from '../../../../src/render/slack/usage';
import { SlackMessage } from '../../../../src/render/slack/block-kit';
import {
  BARE_AMPERSAND,
  botUsage,
  callRow,
  callsReport,
  limitViolations,
  listReport,
  sampleOverview,
  SAMPLE_TIMELINE,
  textsOf,
  usageReport,
} from '../slack-test-support';

/** Strings that lean on what breaks chat text: mentions, tags, entities, newlines, astral characters. */
const nasty = fc.oneof(
  fc.string({ maxLength: 500, unit: 'grapheme' }),
  fc.string({ maxLength: 5000 }),
  fc
    .array(
      fc.constantFrom('<', '>', '&', 'amp;', 'lt;', '<!channel>', '<@U1>', '*', '`', '```', '\n', '😀', 'Đợt', ' '),
      {
        maxLength: 400,
      },
    )
    .map((parts) => parts.join('')),
);

function expectSafe(message: SlackMessage): void {
  expect(limitViolations(message)).toEqual([]);
  for (const { where, text } of textsOf(message)) {
    if (text.includes('<') || text.includes('>') || BARE_AMPERSAND.test(text)) {
      throw new Error(`unescaped text at ${where}: ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
}

describe('Slack renderers on arbitrary user text', () => {
  it('campaign names, ids, bots and result codes never leave an unescaped < or break a limit', () => {
    fc.assert(
      fc.property(nasty, nasty, fc.array(nasty, { maxLength: 60 }), fc.boolean(), (name, botId, codes, updated) => {
        const overview = sampleOverview({ name, botId });
        overview.resultCodes = codes.map((code, i) => ({ code, count: 100 - i }));
        const report = buildCampaignReport(overview, SAMPLE_TIMELINE, 'en-US', updated);
        expectSafe(renderSlackCampaignReport(report, { shareable: true, fullReportUrl: 'https://example.com/r/1' }));
      }),
      { numRuns: 150 },
    );
  });

  it('call rows and filters', () => {
    fc.assert(
      fc.property(nasty, fc.array(fc.tuple(nasty, nasty, nasty), { maxLength: 30 }), nasty, (name, rows, code) => {
        const report = callsReport(0, { filter: { resultCode: code } });
        report.campaign.name = name;
        report.rows = rows.map(([callId, customerId, resultCode], i) => callRow(i, { callId, customerId, resultCode }));
        report.totalRows = rows.length;
        expectSafe(renderSlackCallsReport(report));
      }),
      { numRuns: 100 },
    );
  });

  it('voicebot names and ids in usage, campaign names in lists', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty), { maxLength: 30 }), (bots) => {
        expectSafe(renderSlackUsageReport(usageReport(bots.map(([id, name]) => botUsage(id, name)))));
        expectSafe(renderSlackCampaignList(listReport(bots.length, (i) => bots[i][1])));
      }),
      { numRuns: 100 },
    );
  });

  it('free text and help', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        expectSafe(renderSlackText(text));
        expectSafe(renderSlackHelp({ notUnderstood: { text, reason: { key: 'notAFilter', value: text } } }));
      }),
      { numRuns: 150 },
    );
  });
});
