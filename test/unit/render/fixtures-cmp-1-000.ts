import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { computeCallMetrics, CallRecord, Tariff } from '../../../src/domain/call-record';
import { CampaignIdentity, CampaignOverview, CampaignOverviewJson } from '../../../src/domain/campaign-overview';
import { buildCampaignReport, buildUsageReport } from '../../../src/domain/report-builders';
import { CallRow, CallsReport, CampaignReport, UsageReport } from '../../../src/domain/report-model';
import { buildMonthlyUsage } from '../../../src/domain/usage';

/** The sample campaign cmp-1-000 as report models, for renderer tests. */

const SAMPLE = path.join(__dirname, '../../fixtures/sample');
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const LOCALE = 'en-US';
export const CAMPAIGN_NAME = 'Đợt 0, "Nhắc nợ "Tháng", vòng 1"';

type Expected = Omit<CampaignOverview, 'campaign'>;
/** The expected `report --json` of the sample, as the overview holds it (money as its decimal text). */
const expectedJson: Omit<CampaignOverviewJson, 'campaign'> = JSON.parse(
  fs.readFileSync(path.join(SAMPLE, 'expected/report-cmp-1-000.json'), 'utf8'),
);
export const expected: Expected = {
  ...expectedJson,
  // cmp-1-000 is the only campaign of bot-debt in the sample: nothing to compare with.
  comparison: null,
  costs: {
    ...expectedJson.costs,
    totalCost: expectedJson.costs.totalCost === null ? null : String(expectedJson.costs.totalCost),
  },
};

export function sampleIdentity(overrides: Partial<CampaignIdentity> = {}): CampaignIdentity {
  return {
    id: 'cmp-1-000',
    name: CAMPAIGN_NAME,
    botId: 'bot-debt',
    state: 'complete',
    final: true,
    firstCallAt: '2026-10-30T15:36:02Z',
    lastCallAt: '2026-10-30T15:55:21Z',
    timeZone: TIME_ZONE,
    ...overrides,
  };
}

export function sampleCampaignReport(overrides: Partial<CampaignIdentity> = {}, updated = false): CampaignReport {
  const overview: CampaignOverview = { campaign: sampleIdentity(overrides), ...structuredClone(expected) };
  const timeline = [
    { at: '2026-10-30T15:00:00Z', total: 30, successful: 12 },
    { at: '2026-10-30T16:00:00Z', total: 13, successful: 6 },
  ];
  return buildCampaignReport(overview, timeline, LOCALE, updated);
}

const DEBT_TARIFF: Tariff = { blockSeconds: 60, pricePerBlock: '1200.50', currency: 'VND' };

function sampleRecords(): CallRecord[] {
  const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(SAMPLE, 'calls.csv')), {
    columns: true,
    bom: true,
  });
  const optionalInt = (text: string) => (text === '' ? null : Number(text));
  return rows
    .filter((row) => row.campaign_id === 'cmp-1-000')
    .map((row) => ({
      callId: row.call_id,
      campaignId: row.campaign_id,
      campaignName: row.campaign_name || null,
      botId: row.bot_id,
      botName: row.bot_name || null,
      customerId: row.customer_id,
      phone: row.phone || null,
      attempt: Number(row.attempt || 1),
      startedAt: new Date(row.started_at),
      answeredAt: row.answered_at ? new Date(row.answered_at) : null,
      endedAt: new Date(row.ended_at),
      resultCode: row.result_code.trim().toUpperCase(),
      messages: optionalInt(row.messages),
      blocks: optionalInt(row.blocks),
      cost: row.cost || null,
      recordingUrl: row.recording_url || null,
    }));
}

export function sampleCallRows(): CallRow[] {
  return sampleRecords()
    .map((record): CallRow => {
      const metrics = computeCallMetrics(record, DEBT_TARIFF);
      return {
        callId: record.callId,
        customerId: record.customerId,
        phone: record.phone,
        attempt: record.attempt,
        startedAt: record.startedAt.toISOString(),
        status: metrics.status,
        resultCode: record.resultCode,
        callDurationMs: metrics.callDurationMs,
        dialingDurationMs: metrics.dialingDurationMs,
        recordingLink: record.recordingUrl ? `https://report.example.com/r/tok-${record.callId}` : null,
      };
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.callId.localeCompare(b.callId));
}

export function sampleCallsReport(rows: CallRow[] = sampleCallRows(), totalRows = rows.length): CallsReport {
  return {
    kind: 'calls',
    campaign: { id: 'cmp-1-000', name: CAMPAIGN_NAME, botId: 'bot-debt', state: 'complete' },
    timeZone: TIME_ZONE,
    locale: LOCALE,
    filter: {},
    rows,
    totalRows,
  };
}

/** Many synthetic rows with long values, for size bounds. */
export function manyCallRows(count: number): CallRow[] {
  return Array.from({ length: count }, (_, i) => ({
    callId: `call-${String(i).padStart(7, '0')}`,
    customerId: `customer-with-a-long-identifier-${i}`,
    phone: `+8490${String(1000000 + i)}`,
    attempt: 1 + (i % 3),
    startedAt: new Date(Date.UTC(2026, 9, 30, 15, 0, 0) + i * 1000).toISOString(),
    status: 'successful' as const,
    resultCode: 'PROMISE_TO_PAY',
    callDurationMs: 61_000 + i,
    dialingDurationMs: 9_000,
    recordingLink: `https://report.example.com/r/${'t'.repeat(60)}${i}`,
  }));
}

export function sampleUsageReport(withPrevious = true): UsageReport {
  const october = buildMonthlyUsage('default', '2026-10', TIME_ZONE, [
    {
      botId: 'bot-survey',
      botName: 'Khảo sát',
      sessions: 7,
      messages: 95,
      blocks: 79,
      dialingDurationMs: 571721,
      callDurationMs: 1310487,
      totalCalls: 36,
    },
    {
      botId: 'bot-debt',
      botName: 'Nhắc nợ "Tháng", vòng 1',
      sessions: 18,
      messages: 226,
      blocks: 80,
      dialingDurationMs: 679799,
      callDurationMs: 3278254,
      totalCalls: 43,
    },
  ]);
  const september = buildMonthlyUsage('default', '2026-09', TIME_ZONE, [
    {
      botId: 'bot-debt',
      botName: 'Nhắc nợ',
      sessions: 20,
      messages: 200,
      blocks: 100,
      dialingDurationMs: 600000,
      callDurationMs: 3000000,
      totalCalls: 50,
    },
  ]);
  return buildUsageReport(october, withPrevious ? september : null, LOCALE);
}

/** Every figure of the cmp-1-000 overview as a reader should see it (en-US), label -> value. */
export const EXPECTED_FIGURES: readonly [string, string][] = [
  ['Total calls', '43'],
  ['Callbacks', '16'],
  ['Successful', '18'],
  ['Unsuccessful', '16'],
  ['Busy (BS)', '4'],
  ['No answer (NA)', '12'],
  ['Error (CU)', '9'],
  ['Answer rate', '41.9%'],
  ['Customers', '27'],
  ['Approached', '18'],
  ['Not approached', '9'],
  ['Contact rate', '66.7%'],
  ['Total call time', '0:54:38'],
  ['Average call duration', '0:03:02'],
  ['Blocks', '80'],
  ['Total cost', '128,138 ₫'],
  ['Dialing duration', '0:11:20'],
  ['Bot messages', '226'],
];

export const EXPECTED_RATE_DETAILS: readonly [string, string][] = [
  ['Answer rate', 'successful calls / all calls (per attempt, callbacks included) = 18 / 43'],
  ['Contact rate', 'customers with a successful call / customers in the campaign = 18 / 27'],
];

/** code, meaning, count, share: in the order docs/metrics.md requires. */
export const EXPECTED_RESULT_CODES: readonly [string, string, string, string][] = [
  ['NA', 'no answer', '12', '27.9%'],
  ['CU', 'connection error', '9', '20.9%'],
  ['BS', 'line busy', '4', '9.3%'],
  ['CALLBACK_LATER', 'answered', '4', '9.3%'],
  ['PAID', 'answered', '4', '9.3%'],
  ['PROMISE_TO_PAY', 'answered', '3', '7.0%'],
  ['WRONG_PERSON', 'answered', '3', '7.0%'],
  ['AGREE', 'answered', '2', '4.7%'],
  ['REFUSE', 'answered', '2', '4.7%'],
];

export const HOSTILE_NAME =
  '<script>alert(1)</script> <!channel> [x](https://evil.example) **b** _i_ `c` # h\r\nline2\u001b[31m';
