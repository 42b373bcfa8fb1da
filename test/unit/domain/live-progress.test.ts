import { computeLiveProgress, liveWindowStart, progressBar } from '../../../src/domain/live-progress';

// Figures worked out by hand from docs/metrics.md "Live progress of a running campaign".
describe('computeLiveProgress', () => {
  it('27 of 100 customers, 42 calls (6 errors), 35 calls and 12 new customers in the last 10 minutes', () => {
    expect(
      computeLiveProgress({
        calls: 42,
        errorCalls: 6,
        customersCalled: 27,
        customersTotal: 100,
        windowCalls: 35,
        windowNewCustomers: 12,
      }),
    ).toEqual({
      calls: 42,
      customersCalled: 27,
      customersTotal: 100,
      share: 0.27,
      callsPerMinute: 3.5,
      // 73 left at 1.2 new customers a minute = 60.83… → 61
      etaMinutes: 61,
      errorShare: 6 / 42,
    });
  });

  it('rounds the time left up only when it is not whole: 30 left at 3 a minute is 10', () => {
    const p = computeLiveProgress({
      calls: 70,
      errorCalls: 0,
      customersCalled: 70,
      customersTotal: 100,
      windowCalls: 30,
      windowNewCustomers: 30,
    });
    expect(p.etaMinutes).toBe(10);
    expect(p.errorShare).toBe(0);
  });

  it('has no share and no time left when the list size is unknown', () => {
    const p = computeLiveProgress({
      calls: 5,
      errorCalls: 1,
      customersCalled: 5,
      customersTotal: null,
      windowCalls: 5,
      windowNewCustomers: 5,
    });
    expect(p.share).toBeNull();
    expect(p.etaMinutes).toBeNull();
    expect(p.callsPerMinute).toBe(0.5);
  });

  it('has no time left when nobody was called for the first time in the window (only callbacks)', () => {
    const p = computeLiveProgress({
      calls: 60,
      errorCalls: 0,
      customersCalled: 40,
      customersTotal: 50,
      windowCalls: 8,
      windowNewCustomers: 0,
    });
    expect(p.etaMinutes).toBeNull();
    expect(p.callsPerMinute).toBe(0.8);
  });

  it('caps the share at 1 and the time left at 0 when more customers were called than declared', () => {
    const p = computeLiveProgress({
      calls: 12,
      errorCalls: 0,
      customersCalled: 12,
      customersTotal: 10,
      windowCalls: 12,
      windowNewCustomers: 12,
    });
    expect(p.share).toBe(1);
    expect(p.etaMinutes).toBe(0);
  });

  it('has no error share before the first call', () => {
    const p = computeLiveProgress({
      calls: 0,
      errorCalls: 0,
      customersCalled: 0,
      customersTotal: 10,
      windowCalls: 0,
      windowNewCustomers: 0,
    });
    expect(p).toMatchObject({ share: 0, callsPerMinute: 0, etaMinutes: null, errorShare: null });
  });
});

describe('liveWindowStart', () => {
  it('is 10 minutes before the latest started_at', () => {
    expect(liveWindowStart(new Date('2026-12-06T10:10:00.000Z')).toISOString()).toBe('2026-12-06T10:00:00.000Z');
  });
});

describe('progressBar', () => {
  it('fills whole tenths, never rounding up to look done', () => {
    expect(progressBar(0.27)).toBe('▰▰▱▱▱▱▱▱▱▱');
    expect(progressBar(0.999)).toBe('▰▰▰▰▰▰▰▰▰▱');
    expect(progressBar(1)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(null)).toBe('▱▱▱▱▱▱▱▱▱▱');
  });
});
