import fc from 'fast-check';
import { CallContribution, HOUR_MS, RollupDelta, USAGE_BUCKET_MS } from '../../../src/domain/rollup-delta';

/**
 * The rollups are sums of per-call contributions: adding calls (+1) and taking corrections back (−1)
 * must leave exactly what a GROUP BY over the remaining calls gives. The oracle below is that GROUP BY,
 * written plainly over the list.
 */
const T0 = Date.UTC(2026, 9, 30, 15, 0, 0);

const callArbitrary: fc.Arbitrary<CallContribution> = fc.record({
  campaignId: fc.constantFrom('cmp-a', 'cmp-b'),
  botId: fc.constantFrom('bot-1', 'bot-2'),
  customerId: fc.constantFrom('cus-1', 'cus-2', 'cus-3'),
  attempt: fc.integer({ min: 1, max: 3 }),
  startedAt: fc.integer({ min: 0, max: 3 * HOUR_MS }).map((offset) => new Date(T0 + offset)),
  resultCode: fc.constantFrom('PAID', 'BS', 'NA', 'CU'),
  status: fc.constantFrom('successful' as const, 'unsuccessful' as const, 'error' as const),
  callDurationMs: fc.integer({ min: 0, max: 600_000 }),
  dialingDurationMs: fc.integer({ min: 0, max: 60_000 }),
  blocks: fc.integer({ min: 0, max: 20 }),
  cost: fc.option(fc.bigInt({ min: 0n, max: 10_000_000_000n }), { nil: null }),
  messages: fc.integer({ min: 0, max: 40 }),
});

const sum = (calls: CallContribution[], pick: (call: CallContribution) => number) =>
  calls.reduce((total, call) => total + pick(call), 0);
const groups = (calls: CallContribution[], key: (call: CallContribution) => string) => {
  const out = new Map<string, CallContribution[]>();
  for (const call of calls) out.set(key(call), [...(out.get(key(call)) ?? []), call]);
  return out;
};

function expectedCampaign(calls: CallContribution[]) {
  return {
    total: calls.length,
    callbacks: calls.filter((c) => c.attempt > 1).length,
    successful: successfulIn(calls),
    unsuccessful: calls.filter((c) => c.status === 'unsuccessful').length,
    error: calls.filter((c) => c.status === 'error').length,
    busy: calls.filter((c) => c.resultCode === 'BS').length,
    noAnswer: calls.filter((c) => c.resultCode === 'NA').length,
    callDurationMs: sum(calls, (c) => c.callDurationMs),
    dialingDurationMs: sum(calls, (c) => c.dialingDurationMs),
    blocks: sum(calls, (c) => c.blocks),
    costSum: calls.reduce((total, c) => total + (c.cost ?? 0n), 0n),
    costUnknown: calls.filter((c) => c.cost === null).length,
    messages: sum(calls, (c) => c.messages),
  };
}

/** The delta's rows with calls (a row whose calls all went away is as good as absent) are exactly `expected`. */
function expectSameRows<T extends { calls: number }>(actual: Iterable<T>, expected: T[]): void {
  const present = [...actual].filter((row) => row.calls !== 0);
  expect(present).toEqual(expect.arrayContaining(expected));
  expect(present).toHaveLength(expected.length);
}

/** The GROUP BY: one expected row per group of the remaining calls. */
const rowsBy = <T>(
  calls: CallContribution[],
  key: (call: CallContribution) => string,
  row: (group: CallContribution[]) => T,
): T[] => [...groups(calls, key).values()].map(row);

const successfulIn = (calls: CallContribution[]) => calls.filter((c) => c.status === 'successful').length;
const hourOf = (call: CallContribution) => Math.floor(call.startedAt.getTime() / HOUR_MS) * HOUR_MS;
const bucketOf = (call: CallContribution) => Math.floor(call.startedAt.getTime() / USAGE_BUCKET_MS) * USAGE_BUCKET_MS;

function checkAgainstGroupBy(delta: RollupDelta, remaining: CallContribution[]): void {
  for (const [campaignId, calls] of groups(remaining, (c) => c.campaignId))
    expect(delta.campaigns.get(campaignId)).toEqual(expectedCampaign(calls));
  for (const [campaignId, counters] of delta.campaigns)
    if (!remaining.some((c) => c.campaignId === campaignId)) expect(counters).toEqual(expectedCampaign([]));
  expectSameRows(
    delta.resultCodes.values(),
    rowsBy(
      remaining,
      (c) => `${c.campaignId}/${c.resultCode}`,
      (calls) => ({ campaignId: calls[0].campaignId, code: calls[0].resultCode, calls: calls.length }),
    ),
  );
  expectSameRows(
    delta.customers.values(),
    rowsBy(
      remaining,
      (c) => `${c.campaignId}/${c.customerId}`,
      (calls) => ({
        campaignId: calls[0].campaignId,
        customerId: calls[0].customerId,
        calls: calls.length,
        successful: successfulIn(calls),
      }),
    ),
  );
  expectSameRows(
    delta.hourly.values(),
    rowsBy(
      remaining,
      (c) => `${c.campaignId}/${hourOf(c)}`,
      (calls) => ({
        campaignId: calls[0].campaignId,
        hourMs: hourOf(calls[0]),
        calls: calls.length,
        successful: successfulIn(calls),
      }),
    ),
  );
  expectSameRows(
    delta.usage.values(),
    rowsBy(
      remaining,
      (c) => `${c.botId}/${bucketOf(c)}`,
      (calls) => ({
        botId: calls[0].botId,
        bucketStartMs: bucketOf(calls[0]),
        sessions: successfulIn(calls),
        messages: sum(calls, (c) => c.messages),
        blocks: sum(calls, (c) => c.blocks),
        dialingDurationMs: sum(calls, (c) => c.dialingDurationMs),
        callDurationMs: sum(calls, (c) => c.callDurationMs),
        calls: calls.length,
      }),
    ),
  );
}

describe('rollup deltas', () => {
  it('equal a GROUP BY over the calls after any adds and corrections (property)', () => {
    fc.assert(
      fc.property(
        fc.array(callArbitrary, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        (calls, corrected) => {
          const delta = new RollupDelta();
          for (const call of calls) delta.add(call, 1);
          const remaining = calls.filter((_, i) => !corrected[i]);
          calls.forEach((call, i) => corrected[i] && delta.add(call, -1));
          checkAgainstGroupBy(delta, remaining);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('buckets by the UTC hour and quarter hour of the start, and counts a successful call as one session', () => {
    const delta = new RollupDelta();
    const call: CallContribution = {
      campaignId: 'cmp',
      botId: 'bot',
      customerId: 'cus',
      attempt: 2,
      startedAt: new Date('2026-10-30T15:44:59.999Z'),
      resultCode: 'PAID',
      status: 'successful',
      callDurationMs: 61_000,
      dialingDurationMs: 9_000,
      blocks: 2,
      cost: 2_401_000_000n,
      messages: 7,
    };
    delta.add(call, 1);
    expect(delta.isEmpty()).toBe(false);
    expect([...delta.hourly.values()]).toEqual([
      { campaignId: 'cmp', hourMs: Date.parse('2026-10-30T15:00:00Z'), calls: 1, successful: 1 },
    ]);
    expect([...delta.usage.values()]).toEqual([
      {
        botId: 'bot',
        bucketStartMs: Date.parse('2026-10-30T15:30:00Z'),
        sessions: 1,
        messages: 7,
        blocks: 2,
        dialingDurationMs: 9_000,
        callDurationMs: 61_000,
        calls: 1,
      },
    ]);
    expect(delta.campaigns.get('cmp')).toMatchObject({
      callbacks: 1,
      successful: 1,
      costSum: 2_401_000_000n,
      costUnknown: 0,
    });
    expect(new RollupDelta().isEmpty()).toBe(true);
  });
});
