import { compareCampaigns, costPerApproachedCustomer, rateChangePoints } from '../../../src/domain/campaign-comparison';
import { CampaignOverview } from '../../../src/domain/campaign-overview';

const rate = (numerator: number, denominator: number) => ({ numerator, denominator });

describe('rate changes in percentage points', () => {
  it('is 100 × (a/b − c/d), from the exact fractions', () => {
    expect(rateChangePoints(rate(15, 32), rate(18, 43))).toBe(6900 / 1376); // 100 × (645 − 576) / 1376
    expect(rateChangePoints(rate(1, 2), rate(2, 5))).toBe(10); // 0.5 − 0.4: exactly 10, not 9.999999999999998
    expect(rateChangePoints(rate(2, 5), rate(1, 2))).toBe(-10);
    expect(rateChangePoints(rate(3, 6), rate(1, 2))).toBe(0);
  });

  it('is null when either rate has no denominator', () => {
    expect(rateChangePoints(rate(0, 0), rate(1, 2))).toBeNull();
    expect(rateChangePoints(rate(1, 2), rate(0, 0))).toBeNull();
  });
});

describe('cost per approached customer = totalCost / approached', () => {
  it('is exact decimal text rounded half up to 2 places', () => {
    expect(costPerApproachedCustomer('128138.48', 18)).toBe('7118.8'); // 7118.8044…
    expect(costPerApproachedCustomer('2000.01', 2)).toBe('1000.01'); // 1000.005 → half up
    expect(costPerApproachedCustomer('10', 3)).toBe('3.33');
    expect(costPerApproachedCustomer('20', 3)).toBe('6.67');
    expect(costPerApproachedCustomer('0.01', 2)).toBe('0.01'); // 0.005 → 0.01
  });

  it('is null when the cost is unknown or either figure is zero', () => {
    expect(costPerApproachedCustomer(null, 3)).toBeNull();
    expect(costPerApproachedCustomer('100', 0)).toBeNull();
    expect(costPerApproachedCustomer('0', 3)).toBeNull();
  });
});

function overview(figures: {
  calls: [number, number];
  customers: [number, number];
  average: number | null;
  cost: string | null;
}): CampaignOverview {
  const [successful, total] = figures.calls;
  const [approached, customers] = figures.customers;
  return {
    campaign: {
      id: 'now',
      name: 'Now',
      botId: 'bot',
      state: 'complete',
      final: true,
      firstCallAt: null,
      lastCallAt: null,
      timeZone: 'UTC',
    },
    calls: { total, callbacks: 0, successful, unsuccessful: total - successful, error: 0, busy: 0, noAnswer: 0 },
    resultCodes: [],
    customers: { total: customers, approached, notApproached: customers - approached },
    costs: {
      totalCallDurationMs: 0,
      averageCallDurationMs: figures.average,
      blocks: 0,
      totalCost: figures.cost,
      currency: 'VND',
    },
    dialingDurationMs: 0,
    messages: 0,
    rates: { answerRate: total ? successful / total : null, contactRate: customers ? approached / customers : null },
  };
}

describe('compareCampaigns', () => {
  it('gives each change with the values it comes from', () => {
    const current = overview({ calls: [15, 32], customers: [15, 36], average: 281_086, cost: '145274.95' });
    const previous = overview({ calls: [18, 43], customers: [18, 27], average: 182_111, cost: '128138.48' });
    expect(
      compareCampaigns(current, {
        ...previous,
        id: 'cmp-1-000',
        name: 'Before',
        firstCallAt: '2026-10-30T15:36:02.000Z',
      }),
    ).toEqual({
      previousCampaignId: 'cmp-1-000',
      previousCampaignName: 'Before',
      previousFirstCallAt: '2026-10-30T15:36:02.000Z',
      answerRatePoints: 6900 / 1376,
      // 100 × (15 × 27 − 18 × 36) / (36 × 27) = 100 × (405 − 648) / 972
      contactRatePoints: -24300 / 972,
      previousAnswerRate: 18 / 43,
      previousContactRate: 18 / 27,
      averageCallDurationMs: { current: 281_086, previous: 182_111, change: 98_975 },
      // 145274.95 / 15 = 9684.9966… → 9685; 128138.48 / 18 = 7118.8044… → 7118.8
      costPerApproachedCustomer: { current: '9685', previous: '7118.8', change: '2566.2', currency: 'VND' },
    });
  });

  it('leaves a change null when either side is unknown', () => {
    const current = overview({ calls: [0, 0], customers: [0, 0], average: null, cost: null });
    const previous = overview({ calls: [1, 2], customers: [1, 2], average: 1000, cost: '5' });
    const c = compareCampaigns(current, { ...previous, id: 'p', name: 'p', firstCallAt: '2026-01-01T00:00:00.000Z' });
    expect([c.answerRatePoints, c.contactRatePoints]).toEqual([null, null]);
    expect(c.averageCallDurationMs).toEqual({ current: null, previous: 1000, change: null });
    expect(c.costPerApproachedCustomer).toEqual({ current: null, previous: '5', change: null, currency: 'VND' });
  });
});
