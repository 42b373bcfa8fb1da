import fc from 'fast-check';
import { localFields } from '../../../src/domain/time-zone';

/** Intl's own reading of an instant's wall clock (Swedish writes it "2026-03-08 03:00:00"): what localFields must equal. */
function intlFields(instant: Date, timeZone: string) {
  const text = instant.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  const [year, month, day, hour, minute, second] = (text.match(/\d+/g) ?? []).map(Number);
  return { year, month, day, hour, minute, second };
}

const ZONES = Intl.supportedValuesOf('timeZone');
const from = Date.UTC(1900, 0, 1);
const to = Date.UTC(2100, 0, 1);

describe('localFields (one offset per hour without a transition, Intl for the hours with one)', () => {
  it(`agrees with Intl in all ${ZONES.length} zones at random instants from 1900 to 2100`, () => {
    for (const zone of ZONES) {
      fc.assert(
        fc.property(fc.integer({ min: from, max: to }), (ms) => {
          expect(localFields(new Date(ms), zone)).toEqual(intlFields(new Date(ms), zone));
        }),
        { numRuns: 8 },
      );
    }
  }, 60_000);

  // Transitions on the hour, on the half hour (Lord Howe, 30 minutes), at local midnight (Havana), and an
  // offset with seconds (Ho Chi Minh City's local mean time before 1906).
  const transitions: [string, string][] = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/London', '2026-03-29T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['America/Havana', '2012-04-01T05:00:00Z'],
    ['Asia/Ho_Chi_Minh', '1906-06-30T16:53:20Z'],
  ];
  it.each(transitions)('agrees with Intl every 10 minutes around a transition of %s at %s', (zone, at) => {
    const t = Date.parse(at);
    for (let ms = t - 2 * 3_600_000; ms <= t + 2 * 3_600_000; ms += 600_000) {
      for (const instant of [new Date(ms - 1000), new Date(ms), new Date(ms + 999)]) {
        expect([instant.toISOString(), localFields(instant, zone)]).toEqual([
          instant.toISOString(),
          intlFields(instant, zone),
        ]);
      }
    }
  });
});
