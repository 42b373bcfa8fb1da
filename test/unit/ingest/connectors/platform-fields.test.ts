import {
  parseCallDuration,
  parseCost,
  parseDateText,
  parseEpochMs,
  problemsOf,
} from '../../../../src/ingest/connectors/platform-fields';

/** The range checks every connector applies where it reads a number or a time, at the edges of each rule. */
describe('platform field readers', () => {
  it('take times in milliseconds from the year 1 to 9999 in UTC, and nothing past them', () => {
    expect(parseEpochMs('t', undefined)).toEqual({ ok: true, value: null });
    expect(parseEpochMs('t', null)).toEqual({ ok: true, value: null });
    expect(parseEpochMs('t', -62_135_596_800_000)).toEqual({ ok: true, value: new Date('0001-01-01T00:00:00Z') });
    expect(parseEpochMs('t', 253_402_300_799_999)).toEqual({
      ok: true,
      value: new Date('9999-12-31T23:59:59.999Z'),
    });
    for (const value of [-62_135_596_800_001, 253_402_300_800_000, 9e15, 1e300, -1e300, Infinity, NaN, '1', {}]) {
      expect(parseEpochMs('call.start_timestamp', value)).toEqual({
        ok: false,
        message: expect.stringMatching(
          /^call\.start_timestamp must be a time in milliseconds since 1970, between the years 1 and 9999/,
        ),
      });
    }
  });

  it('take date texts of the years 1 to 9999, at most 64 characters', () => {
    expect(parseDateText('Timestamp', 'Fri, 20 Nov 2026 03:02:00 +0000')).toEqual({
      ok: true,
      value: new Date('2026-11-20T03:02:00Z'),
    });
    expect(parseDateText('Timestamp', ' ')).toEqual({ ok: true, value: null });
    for (const value of [
      'Sat, 13 Sep 275760 00:00:00 +0000',
      'soon',
      `Fri, 20 Nov 2026 03:02:00 +0000${' '.repeat(40)}`,
      5,
    ])
      expect(parseDateText('Timestamp', value).ok).toBe(false);
  });

  it('take durations from 0 to 24 hours, whole seconds from a form', () => {
    expect(parseCallDuration('d', 86_400_000, 'ms')).toEqual({ ok: true, value: 86_400_000 });
    expect(parseCallDuration('d', '86400', 's')).toEqual({ ok: true, value: 86_400_000 });
    expect(parseCallDuration('d', ' 75 ', 's')).toEqual({ ok: true, value: 75_000 });
    expect(parseCallDuration('d', '', 's')).toEqual({ ok: true, value: null });
    for (const [value, unit] of [
      [86_400_001, 'ms'],
      [-1, 'ms'],
      [1e300, 'ms'],
      ['86401', 's'],
      ['1e300', 's'],
      ['-5', 's'],
      ['7.5', 's'],
      ['9'.repeat(50), 's'],
    ] as const) {
      expect(parseCallDuration('CallDuration', value, unit)).toEqual({
        ok: false,
        message: expect.stringMatching(/^CallDuration must be (milli)?seconds from 0 to 24 hours; got "/),
      });
    }
  });

  it('take costs ≥ 0 below 10^15 in the currency unit, as decimal text', () => {
    expect(parseCost('c', 12.5, 2)).toEqual({ ok: true, value: '0.125' });
    expect(parseCost('c', 0)).toEqual({ ok: true, value: '0' });
    expect(parseCost('c', 100)).toEqual({ ok: true, value: '100' });
    expect(parseCost('c', 999_999_999_999_999)).toEqual({ ok: true, value: '999999999999999' });
    for (const value of [1e15, 1e300, -0.01, '0.12', true])
      expect(parseCost('message.cost', value)).toEqual({
        ok: false,
        message: expect.stringMatching(/^message\.cost must be a number/),
      });
  });

  it('list the problems under the names they were read by', () => {
    expect(
      problemsOf({
        a: { ok: true, value: 1 },
        'call.x': { ok: false, message: 'no' },
        b: { ok: false, message: 'nor' },
      }),
    ).toEqual([
      { field: 'call.x', message: 'no' },
      { field: 'b', message: 'nor' },
    ]);
  });
});
