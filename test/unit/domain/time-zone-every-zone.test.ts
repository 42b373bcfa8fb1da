import fc from 'fast-check';
import { problemsOf } from './support/intl-month-oracle';

/**
 * Months cut in every IANA zone that Intl knows, checked against Intl's own calendar (the oracle in
 * support/intl-month-oracle.ts). Too slow to repeat per mutant, so `npm run test:mutation` leaves it
 * out; time-zone-skipped-midnight.test.ts has the hard cases as fixed ones.
 */
const ZONES = Intl.supportedValuesOf('timeZone');
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
const RUNS_PER_ZONE = 16;

describe(`month ranges in all ${ZONES.length} IANA zones agree with Intl`, () => {
  it(`every zone, random months from ${FIRST_YEAR} to ${LAST_YEAR} (property)`, () => {
    for (const zone of ZONES) {
      fc.assert(
        fc.property(fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }), fc.integer({ min: 1, max: 12 }), (year, month) => {
          expect(problemsOf(zone, year, month)).toEqual([]);
        }),
        { numRuns: RUNS_PER_ZONE },
      );
    }
  }, 60_000);
});
