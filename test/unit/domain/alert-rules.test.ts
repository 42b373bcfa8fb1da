import {
  DEFAULT_ALERT_SETTINGS,
  baselineOf,
  budgetLevelsToFire,
  decideAnswerRate,
  decideErrors,
  decideStalled,
  percentOf,
} from '../../../src/domain/alert-rules';
import { parseDecimal } from '../../../src/domain/decimal';

// Expected points written from the rules of docs/alerts.md, not from the code.
const ERRORS = DEFAULT_ALERT_SETTINGS.errors.threshold; // 20 %
const FACTOR = DEFAULT_ALERT_SETTINGS['answer-rate'].threshold; // 0.5
const STALLED = DEFAULT_ALERT_SETTINGS.stalled.threshold; // 15 min

describe('errors: ≥ 20 calls and CU ≥ 20 % of the last 50 fires; ≤ 10 % clears', () => {
  it('does not fire before the campaign has 20 calls, even when every call failed', () => {
    expect(decideErrors(false, { campaignCalls: 19, windowCalls: 19, windowErrors: 19 }, ERRORS)).toBeNull();
  });
  it('fires at the 20th call when 4 of the 20 are errors (exactly 20 %)', () => {
    expect(decideErrors(false, { campaignCalls: 20, windowCalls: 20, windowErrors: 4 }, ERRORS)).toBe('fire');
    expect(decideErrors(false, { campaignCalls: 20, windowCalls: 20, windowErrors: 3 }, ERRORS)).toBeNull();
  });
  it('over a full window: 10 of 50 fires, 9 of 50 does not', () => {
    expect(decideErrors(false, { campaignCalls: 400, windowCalls: 50, windowErrors: 10 }, ERRORS)).toBe('fire');
    expect(decideErrors(false, { campaignCalls: 400, windowCalls: 50, windowErrors: 9 }, ERRORS)).toBeNull();
  });
  it('an open episode never fires again; it clears at 5 of 50 (10 %) and not at 6', () => {
    expect(decideErrors(true, { campaignCalls: 400, windowCalls: 50, windowErrors: 50 }, ERRORS)).toBeNull();
    expect(decideErrors(true, { campaignCalls: 400, windowCalls: 50, windowErrors: 6 }, ERRORS)).toBeNull();
    expect(decideErrors(true, { campaignCalls: 400, windowCalls: 50, windowErrors: 5 }, ERRORS)).toBe('clear');
  });
  it('a changed threshold (25 %) fires at 13 of 50 (26 %) and not at 12 (24 %), clears at ≤ 12.5 %', () => {
    const t = parseDecimal('25');
    expect(decideErrors(false, { campaignCalls: 60, windowCalls: 50, windowErrors: 12 }, t)).toBeNull();
    expect(decideErrors(false, { campaignCalls: 60, windowCalls: 50, windowErrors: 13 }, t)).toBe('fire');
    expect(decideErrors(true, { campaignCalls: 60, windowCalls: 50, windowErrors: 7 }, t)).toBeNull(); // 14 %
    expect(decideErrors(true, { campaignCalls: 60, windowCalls: 50, windowErrors: 6 }, t)).toBe('clear'); // 12 %
  });
});

describe('baseline: median answer rate of the latest 10 complete campaigns with ≥ 50 calls, none below 3', () => {
  const c = (successful: number, total = 100) => ({ successful, total });
  it('is none with two eligible campaigns (a third with 49 calls does not count)', () => {
    expect(baselineOf([c(40), c(60), c(20, 49)])).toBeNull();
  });
  it('is the middle rate of three', () => {
    expect(baselineOf([c(40), c(60), c(50)])).toEqual({ num: 50n, den: 100n });
  });
  it('is the mean of the two middle rates of four (40 % and 50 % → 45 %)', () => {
    const b = baselineOf([c(40), c(60), c(50), c(10)]);
    expect(b && Number(b.num) / Number(b.den)).toBeCloseTo(0.45, 12);
  });
  it('reads only the latest 10 (the caller gives them newest first)', () => {
    const newest = Array.from({ length: 10 }, () => c(80));
    const b = baselineOf([...newest, c(0), c(0), c(0)]);
    expect(b && Number(b.num) / Number(b.den)).toBe(0.8);
  });
});

describe('answer-rate: with ≥ 50 calls, the last 100 calls below 0.5 × baseline fires, ≥ 0.75 × clears', () => {
  const baseline = { num: 60n, den: 100n }; // 60 %: fires below 30 %, clears at 45 % or more
  it('stays quiet without a baseline', () => {
    expect(
      decideAnswerRate(false, { campaignCalls: 500, windowCalls: 100, windowSuccessful: 0, baseline: null }, FACTOR),
    ).toBeNull();
  });
  it('does not fire before 50 calls', () => {
    expect(
      decideAnswerRate(false, { campaignCalls: 49, windowCalls: 49, windowSuccessful: 0, baseline }, FACTOR),
    ).toBeNull();
  });
  it('fires at 29 of 100 (29 % < 30 %) and not at 30 of 100 (30 % is not below)', () => {
    expect(
      decideAnswerRate(false, { campaignCalls: 300, windowCalls: 100, windowSuccessful: 29, baseline }, FACTOR),
    ).toBe('fire');
    expect(
      decideAnswerRate(false, { campaignCalls: 300, windowCalls: 100, windowSuccessful: 30, baseline }, FACTOR),
    ).toBeNull();
  });
  it('with 50 calls the window is those 50: 14 answered (28 %) fires', () => {
    expect(
      decideAnswerRate(false, { campaignCalls: 50, windowCalls: 50, windowSuccessful: 14, baseline }, FACTOR),
    ).toBe('fire');
    expect(
      decideAnswerRate(false, { campaignCalls: 50, windowCalls: 50, windowSuccessful: 15, baseline }, FACTOR),
    ).toBeNull();
  });
  it('clears at 45 of 100 and not at 44', () => {
    expect(
      decideAnswerRate(true, { campaignCalls: 300, windowCalls: 100, windowSuccessful: 44, baseline }, FACTOR),
    ).toBeNull();
    expect(
      decideAnswerRate(true, { campaignCalls: 300, windowCalls: 100, windowSuccessful: 45, baseline }, FACTOR),
    ).toBe('clear');
  });
});

describe('stalled: no completion event and no call for 15 minutes fires; a call or completion clears', () => {
  const last = new Date('2026-12-06T10:00:00Z');
  const at = (ms: number) => new Date(last.getTime() + ms);
  const running = { complete: false, hasCompletionEvent: false, lastReceivedAt: last };
  it('fires at exactly 15 minutes, not a millisecond before', () => {
    expect(decideStalled(running, at(15 * 60_000 - 1), STALLED)).toBeNull();
    expect(decideStalled(running, at(15 * 60_000), STALLED)).toBe('fire');
  });
  it('does not fire after a completion event, or for a complete campaign', () => {
    expect(decideStalled({ ...running, hasCompletionEvent: true }, at(3_600_000), STALLED)).toBeNull();
    expect(decideStalled({ ...running, complete: true }, at(3_600_000), STALLED)).toBeNull();
  });
  it('an open episode clears when a call arrives after its last call, or the campaign completes', () => {
    const openSince = last;
    expect(decideStalled({ ...running, openSince }, at(20 * 60_000), STALLED)).toBeNull();
    expect(decideStalled({ ...running, openSince, lastReceivedAt: at(1) }, at(16 * 60_000), STALLED)).toBe('clear');
    expect(decideStalled({ ...running, openSince, complete: true }, at(20 * 60_000), STALLED)).toBe('clear');
  });
});

describe('budget: 80 %, then 100 % of the monthly blocks, each once a month', () => {
  it('fires 80 at 800 of 1000 blocks, not at 799', () => {
    expect(budgetLevelsToFire(799, 1000, new Set())).toEqual([]);
    expect(budgetLevelsToFire(800, 1000, new Set())).toEqual([80]);
  });
  it('fires 100 at 1000 once 80 has fired; both when the month jumps past both', () => {
    expect(budgetLevelsToFire(999, 1000, new Set([80]))).toEqual([]);
    expect(budgetLevelsToFire(1000, 1000, new Set([80]))).toEqual([100]);
    expect(budgetLevelsToFire(1200, 1000, new Set())).toEqual([80, 100]);
    expect(budgetLevelsToFire(5000, 1000, new Set([80, 100]))).toEqual([]);
  });
});

describe('figures', () => {
  it('rounds a share to whole percent half up: 12 of 50 is 24 %, 1 of 8 is 13 %', () => {
    expect(percentOf(12, 50)).toBe(24);
    expect(percentOf(1, 8)).toBe(13);
  });
});
