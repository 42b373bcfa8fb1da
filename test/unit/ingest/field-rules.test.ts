import fc from 'fast-check';
import {
  describe as describeValue,
  instantPartsByPattern,
  instantPartsFast,
  parseEmails,
  parseId,
  parseInstant,
  parseOptionalText,
} from '../../../src/ingest/field-rules';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('parseInstant', () => {
  it('reads the instant the platform reads from the same ISO text, for any real date, time and offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -(14 * 60), max: 14 * 60 }),
        (instant, offsetMinutes) => {
          const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
          if (wall.getUTCFullYear() < 1 || wall.getUTCFullYear() > 9999) return;
          const sign = offsetMinutes < 0 ? '-' : '+';
          const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60), 2)}:${pad(Math.abs(offsetMinutes) % 60, 2)}`;
          const text = `${wall.toISOString().slice(0, 23)}${offset}`;
          const parsed = parseInstant('started_at', text, true);
          expect(parsed).toEqual({ ok: true, value: instant });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps years below 100 literal and honours leap days', () => {
    expect(parseInstant('t', '0050-01-01T00:30+01:00', true)).toEqual({
      ok: true,
      value: new Date('0049-12-31T23:30:00Z'),
    });
    expect(parseInstant('t', '2024-02-29T12:00:00Z', true)).toEqual({
      ok: true,
      value: new Date('2024-02-29T12:00:00Z'),
    });
    expect(parseInstant('t', '2000-02-29T12:00:00Z', true).ok).toBe(true);
    expect(parseInstant('t', '1900-02-29T12:00:00Z', true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a real date'),
    });
    expect(parseInstant('t', '2023-02-29T12:00:00Z', true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a real date'),
    });
  });

  it('reads comma fractions, compact offsets and hour-only offsets', () => {
    expect(parseInstant('t', '2024-02-29T23:59:59,5-0930', true)).toEqual({
      ok: true,
      value: new Date('2024-03-01T09:29:59.500Z'),
    });
    expect(parseInstant('t', '2026-10-30T22:36:02+07', true)).toEqual({
      ok: true,
      value: new Date('2026-10-30T15:36:02Z'),
    });
    expect(parseInstant('t', '2026-10-30T15:36Z', true)).toEqual({ ok: true, value: new Date('2026-10-30T15:36:00Z') });
  });

  it('refuses impossible clocks and offsets with a sentence naming the field', () => {
    for (const text of [
      '2026-10-30T24:00:00Z',
      '2026-10-30T12:60:00Z',
      '2026-13-01T00:00:00Z',
      '2026-10-30T12:00:00+24:00',
      '2026-10-30 12:00:00Z',
    ]) {
      const parsed = parseInstant('ended_at', text, true);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^ended_at /);
    }
  });

  it('reads the usual shape without the pattern, to the same fields as the pattern, and leaves every other text to it', () => {
    const nearInstant = fc.stringMatching(
      /^[0-9]{4}[-/][0-9]{2}-[0-9]{1,2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9a]{0,10})?)?(Z|z|[+-][0-9]{2}:?[0-9]{0,3})?\s?$/,
    );
    fc.assert(
      fc.property(nearInstant, (text) => {
        const fast = instantPartsFast(text);
        if (fast !== undefined) expect(fast).toEqual(instantPartsByPattern(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '2026-10-30T15:36:02Z',
      '2026-10-30T15:36:02.1234Z',
      '2026-10-30T22:36:02,5+07:00',
      '0050-01-01T00:30:00-14:59',
    ]) {
      expect(instantPartsFast(text)).toEqual(instantPartsByPattern(text));
      expect(instantPartsFast(text)).toBeDefined();
    }
    expect(instantPartsFast('2026-10-30T12:00:00+24:00')).toMatchObject({ offsetMinutes: null });
    for (const text of [
      '2026-10-30T15:36Z',
      '2026-10-30T22:36:02+07',
      '2026-10-30T22:36:02+0700',
      '2026-10-30T15:36:02.Z',
    ])
      expect(instantPartsFast(text)).toBeUndefined();
  });
});

describe('values PostgreSQL cannot store', () => {
  it('refuses a NUL or a lone surrogate in any text, and keeps a proper surrogate pair', () => {
    expect(parseId('call_id', 'a\u0000b')).toEqual({ ok: false, message: expect.stringContaining('NUL') });
    expect(parseId('call_id', 'a\ud83db')).toEqual({
      ok: false,
      message: expect.stringContaining('lone UTF-16 surrogate'),
    });
    expect(parseOptionalText('campaign_name', '\udc00')).toEqual({
      ok: false,
      message: expect.stringContaining('lone UTF-16 surrogate'),
    });
    expect(parseOptionalText('campaign_name', 'Nợ 🎉')).toEqual({ ok: true, value: 'Nợ 🎉' });
    expect(parseEmails('report_emails', ['ops\u0000@example.com']).ok).toBe(false);
  });

  it('refuses instants outside the years 1 to 9999 in UTC, whatever the offset', () => {
    expect(parseInstant('t', '0000-01-01T00:00:00Z', true).ok).toBe(false);
    expect(parseInstant('t', '0001-01-01T00:30:00+01:00', true).ok).toBe(false);
    expect(parseInstant('t', '9999-12-31T23:30:00-01:00', true).ok).toBe(false);
    expect(parseInstant('t', '9999-12-31T23:30:00+01:00', true).ok).toBe(true);
    expect(parseInstant('t', '0001-01-01T00:00:00Z', true).ok).toBe(true);
  });
});

describe('report_emails', () => {
  it('takes ordinary addresses and refuses what is not one', () => {
    expect(parseEmails('report_emails', [' Ops@Example.com ', 'a.b+c@mail.example.co.uk'])).toEqual({
      ok: true,
      value: ['ops@example.com', 'a.b+c@mail.example.co.uk'],
    });
    for (const bad of [
      'a@b',
      'a@.b',
      'a@b.',
      'a@b..c',
      'a@@b.c',
      '@b.c',
      'a b@c.d',
      `a@${'.'.repeat(100_000)}@`,
      `${'x'.repeat(250)}@b.cd`,
    ]) {
      expect(parseEmails('report_emails', [bad])).toMatchObject({ ok: false });
    }
  });
});

describe('describe', () => {
  it('quotes any value in at most 60 characters, however deep or large', () => {
    let nested: unknown = [];
    for (let i = 0; i < 50_000; i += 1) nested = [nested];
    expect(describeValue(nested)).toBe(`"${'['.repeat(57)}..."`);
    expect(describeValue({ a: [1, 'x'], b: null })).toBe('"{"a":[1,"x"],"b":null}"');
    expect(describeValue(undefined)).toBe('"undefined"');
    expect(describeValue('y'.repeat(1_000_000))).toBe(`"${'y'.repeat(57)}..."`);
    expect(describeValue(Array.from({ length: 1_000_000 }, () => 0))).toHaveLength(62);
  });
});
