import { CallRecord, computeCallMetrics, DEFAULT_TARIFF } from '../../../src/domain/call-record';
import { classifyResultCode, normalizeResultCode } from '../../../src/domain/call-status';
import { formatDecimal } from '../../../src/domain/decimal';

function call(overrides: Partial<CallRecord>): CallRecord {
  return {
    callId: 'c1',
    campaignId: 'cmp',
    campaignName: null,
    botId: 'bot',
    botName: null,
    customerId: 'cus',
    phone: null,
    attempt: 1,
    startedAt: new Date('2026-10-30T15:00:00.000Z'),
    answeredAt: new Date('2026-10-30T15:00:10.000Z'),
    endedAt: new Date('2026-10-30T15:01:10.001Z'),
    resultCode: 'PAID',
    messages: null,
    blocks: null,
    cost: null,
    recordingUrl: null,
    ...overrides,
  };
}

describe('call status (docs/metrics.md "Result codes and call status")', () => {
  it.each([
    ['BS', 'unsuccessful'],
    ['NA', 'unsuccessful'],
    ['CU', 'error'],
    ['PAID', 'successful'],
    ['CALLBACK_LATER', 'successful'],
  ])('%s is %s', (code, status) => expect(classifyResultCode(code)).toBe(status));

  it('trims and upper-cases codes on ingest', () => expect(normalizeResultCode('  na ')).toBe('NA'));
});

describe('per-call figures (docs/metrics.md "Per call")', () => {
  const priced = { blockSeconds: 60, pricePerBlock: '1200.50', currency: 'VND' };

  it('call duration is ended − answered for a successful call, in integer milliseconds', () => {
    expect(computeCallMetrics(call({}), DEFAULT_TARIFF).callDurationMs).toBe(60_001);
  });

  it('call duration is 0 for an unanswered call, dialing runs to the end', () => {
    const m = computeCallMetrics(call({ resultCode: 'NA', answeredAt: null }), DEFAULT_TARIFF);
    expect(m).toMatchObject({ status: 'unsuccessful', callDurationMs: 0, dialingDurationMs: 70_001, blocks: 0 });
  });

  it('dialing duration runs from start to answer for an answered call', () => {
    expect(computeCallMetrics(call({}), DEFAULT_TARIFF).dialingDurationMs).toBe(10_000);
  });

  it('blocks are ceil(call duration / block length) with the tariff: 60.001 s is 2 blocks of 60 s', () => {
    expect(computeCallMetrics(call({}), DEFAULT_TARIFF).blocks).toBe(2);
    expect(computeCallMetrics(call({ endedAt: new Date('2026-10-30T15:01:10.000Z') }), DEFAULT_TARIFF).blocks).toBe(1);
  });

  it('the record’s own blocks and cost win over the tariff', () => {
    const m = computeCallMetrics(call({ blocks: 7, cost: '3488.56' }), priced);
    expect(m.blocks).toBe(7);
    expect(formatDecimal(m.cost as bigint)).toBe('3488.56');
  });

  it('cost is blocks × price per block, exactly', () => {
    expect(formatDecimal(computeCallMetrics(call({}), priced).cost as bigint)).toBe('2401');
  });

  it('cost is blocks × price per block at any count of blocks, not only at 2', () => {
    const endedAfter = (seconds: number) => new Date(new Date('2026-10-30T15:00:10.000Z').getTime() + seconds * 1000);
    const costAt = (seconds: number, price: string) => {
      const m = computeCallMetrics(call({ endedAt: endedAfter(seconds) }), {
        blockSeconds: 60,
        pricePerBlock: price,
        currency: 'VND',
      });
      return [m.blocks, formatDecimal(m.cost as bigint)];
    };
    expect(costAt(0, '1200.50')).toEqual([0, '0']);
    expect(costAt(1, '1200.50')).toEqual([1, '1200.5']);
    expect(costAt(121, '1200.50')).toEqual([3, '3601.5']);
    expect(costAt(420, '0.0001')).toEqual([7, '0.0007']);
    // 2^52 + 1 blocks: a float product would lose the last digits.
    expect(
      formatDecimal(
        computeCallMetrics(call({ blocks: 4_503_599_627_370_497 }), {
          blockSeconds: 60,
          pricePerBlock: '1200.5',
          currency: 'VND',
        }).cost as bigint,
      ),
    ).toBe('5406571352658281648.5');
  });

  it('cost is unknown without a cost and without a price', () => {
    expect(computeCallMetrics(call({}), DEFAULT_TARIFF).cost).toBeNull();
  });

  it('messages default to 0', () => {
    expect(computeCallMetrics(call({}), DEFAULT_TARIFF).messages).toBe(0);
    expect(computeCallMetrics(call({ messages: 18 }), DEFAULT_TARIFF).messages).toBe(18);
  });
});
