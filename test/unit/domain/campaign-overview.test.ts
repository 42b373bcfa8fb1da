import {
  CampaignAggregates,
  CampaignIdentity,
  campaignOverviewJson,
  computeCampaignOverview,
  sortResultCodes,
} from '../../../src/domain/campaign-overview';

const identity: CampaignIdentity = {
  id: 'cmp',
  name: 'Campaign',
  botId: 'bot',
  state: 'complete',
  final: true,
  firstCallAt: null,
  lastCallAt: null,
  timeZone: 'Asia/Ho_Chi_Minh',
};

function aggregates(overrides: Partial<CampaignAggregates> = {}): CampaignAggregates {
  return {
    total: 10,
    callbacks: 3,
    successful: 4,
    unsuccessful: 5,
    error: 1,
    busy: 2,
    noAnswer: 3,
    callDurationMs: 10_001,
    dialingDurationMs: 500,
    blocks: 8,
    costSum: 1_234_565_000n,
    costUnknown: 0,
    messages: 40,
    customersCalled: 6,
    customersApproached: 4,
    resultCodes: [],
    ...overrides,
  };
}

describe('campaign overview (docs/metrics.md "Campaign overview report")', () => {
  it('customers.total is the larger of the declared list and the customers called', () => {
    expect(computeCampaignOverview(identity, aggregates(), 27, 'VND').customers).toEqual({
      total: 27,
      approached: 4,
      notApproached: 23,
    });
    expect(computeCampaignOverview(identity, aggregates(), 2, 'VND').customers.total).toBe(6);
    expect(computeCampaignOverview(identity, aggregates(), null, 'VND').customers.total).toBe(6);
  });

  it('rates are per attempt and per customer', () => {
    const { rates } = computeCampaignOverview(identity, aggregates(), 8, 'VND');
    expect(rates.answerRate).toBe(0.4);
    expect(rates.contactRate).toBe(0.5);
  });

  it('average call duration rounds half up and is null with no successful call', () => {
    expect(computeCampaignOverview(identity, aggregates(), null, 'VND').costs.averageCallDurationMs).toBe(2500);
    expect(
      computeCampaignOverview(identity, aggregates({ successful: 0 }), null, 'VND').costs.averageCallDurationMs,
    ).toBeNull();
    // 10,002 ms over 4 calls is 2,500.5 ms: half up is 2,501 (flooring would say 2,500); 10,003 / 4 = 2,500.75 → 2,501.
    expect(
      computeCampaignOverview(identity, aggregates({ callDurationMs: 10_002 }), null, 'VND').costs
        .averageCallDurationMs,
    ).toBe(2501);
    expect(
      computeCampaignOverview(identity, aggregates({ callDurationMs: 10_003 }), null, 'VND').costs
        .averageCallDurationMs,
    ).toBe(2501);
    expect(
      computeCampaignOverview(identity, aggregates({ callDurationMs: 2, successful: 3 }), null, 'VND').costs
        .averageCallDurationMs,
    ).toBe(1);
  });

  it('total cost is rounded to 2 decimals, and null when any call’s cost is unknown', () => {
    expect(computeCampaignOverview(identity, aggregates(), null, 'VND').costs.totalCost).toBe('1234.57');
    expect(computeCampaignOverview(identity, aggregates({ costUnknown: 1 }), null, 'VND').costs.totalCost).toBeNull();
  });

  it('total cost stays exact text to the renderer; JSON gets the number of that text, rounded to the cent', () => {
    // 12,345,678,901,234,567.885 as a float sum would already be 12345678901234568.
    const huge = computeCampaignOverview(
      identity,
      aggregates({ costSum: 12_345_678_901_234_567_885_000n }),
      null,
      'VND',
    );
    expect(huge.costs.totalCost).toBe('12345678901234567.89');
    const json = campaignOverviewJson(
      computeCampaignOverview(identity, aggregates({ costSum: 128_138_475_000n }), null, 'VND'),
    );
    expect(json.costs.totalCost).toBe(128138.48);
    expect(JSON.stringify(json.costs)).toContain('"totalCost":128138.48,');
    expect(
      campaignOverviewJson(computeCampaignOverview(identity, aggregates({ costUnknown: 2 }), null, 'VND')).costs
        .totalCost,
    ).toBeNull();
  });

  it('an empty campaign has null rates, not NaN', () => {
    const empty = aggregates({ total: 0, successful: 0, customersCalled: 0, customersApproached: 0, costSum: 0n });
    const overview = computeCampaignOverview(identity, empty, null, 'VND');
    expect(overview.rates).toEqual({ answerRate: null, contactRate: null });
    expect(overview.costs.totalCost).toBe('0');
  });

  it('result codes: count descending, then code ascending; zero counts dropped', () => {
    expect(
      sortResultCodes([
        { code: 'PAID', count: 4 },
        { code: 'BS', count: 4 },
        { code: 'NA', count: 12 },
        { code: 'GONE', count: 0 },
        { code: 'AGREE', count: 2 },
      ]),
    ).toEqual([
      { code: 'NA', count: 12 },
      { code: 'BS', count: 4 },
      { code: 'PAID', count: 4 },
      { code: 'AGREE', count: 2 },
    ]);
  });
});

describe('campaign charts', () => {
  const { campaignCharts } = jest.requireActual(
    '../../../src/domain/report-builders',
  ) as typeof import('../../../src/domain/report-builders');
  const overview = computeCampaignOverview(
    identity,
    aggregates({ resultCodes: [{ code: 'PAID', count: 4 }] }),
    null,
    'VND',
  );

  it('draws calls over time only when there are at least two hours to compare', () => {
    expect(
      campaignCharts(overview, [{ at: '2026-10-30T15:00:00.000Z', total: 10, successful: 4 }]).map((c) => c.id),
    ).toEqual(['call-status', 'result-codes']);
    const twoHours = [
      { at: '2026-10-30T15:00:00.000Z', total: 6, successful: 2 },
      { at: '2026-10-30T16:00:00.000Z', total: 4, successful: 2 },
    ];
    expect(campaignCharts(overview, twoHours).map((c) => c.id)).toEqual([
      'call-status',
      'result-codes',
      'calls-over-time',
    ]);
  });
});
