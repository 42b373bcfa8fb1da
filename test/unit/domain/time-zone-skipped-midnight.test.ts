import { monthRange } from '../../../src/domain/time-zone';
import { problemsOf } from './support/intl-month-oracle';

/** Every zone and month since 1970 where the 1st's midnight is skipped or moved (a sweep of 1900-2100 found 461). */
const SKIPPED_MIDNIGHTS = [
  'Africa/Bissau 1975-01',
  'Africa/Tunis 1978-10',
  'America/Argentina/La_Rioja 1988-12',
  'America/Argentina/Rio_Gallegos 1988-12',
  'America/Argentina/Salta 1988-12',
  'America/Argentina/San_Juan 1988-12',
  'America/Argentina/San_Luis 1988-12',
  'America/Argentina/San_Luis 1991-06',
  'America/Argentina/Tucuman 1988-12',
  'America/Argentina/Ushuaia 1988-12',
  'America/Asuncion 1972-10',
  'America/Asuncion 1975-10',
  'America/Asuncion 1976-10',
  'America/Asuncion 1977-10',
  'America/Asuncion 1978-10',
  'America/Asuncion 1979-10',
  'America/Asuncion 1980-10',
  'America/Asuncion 1981-10',
  'America/Asuncion 1982-10',
  'America/Asuncion 1983-10',
  'America/Asuncion 1984-10',
  'America/Asuncion 1985-10',
  'America/Asuncion 1986-10',
  'America/Asuncion 1987-10',
  'America/Asuncion 1988-10',
  'America/Asuncion 1990-10',
  'America/Asuncion 1993-10',
  'America/Asuncion 1994-10',
  'America/Asuncion 1995-10',
  'America/Asuncion 2000-10',
  'America/Asuncion 2002-09',
  'America/Asuncion 2017-10',
  'America/Asuncion 2023-10',
  'America/Buenos_Aires 1988-12',
  'America/Catamarca 1988-12',
  'America/Cordoba 1988-12',
  'America/Danmarkshavn 1996-01',
  'America/El_Salvador 1988-05',
  'America/Guyana 1975-08',
  'America/Havana 1990-04',
  'America/Havana 2001-04',
  'America/Havana 2012-04',
  'America/Jujuy 1988-12',
  'America/Lima 1986-01',
  'America/Lima 1987-01',
  'America/Lima 1990-01',
  'America/Lima 1994-01',
  'America/Managua 1973-05',
  'America/Managua 1993-01',
  'America/Mendoza 1988-12',
  'America/Miquelon 1980-05',
  'America/Paramaribo 1984-10',
  'America/Tegucigalpa 1988-05',
  'Asia/Gaza 2004-10',
  'Asia/Hebron 2004-10',
  'Atlantic/Stanley 1983-05',
  'Europe/Malta 1972-10',
  'Europe/Rome 1972-10',
  'Europe/Rome 1978-10',
  'Europe/San_Marino 1972-10',
  'Europe/San_Marino 1978-10',
  'Europe/Sofia 1979-10',
  'Europe/Vatican 1972-10',
  'Europe/Vatican 1978-10',
  'Pacific/Enderbury 1979-10',
  'Pacific/Kiritimati 1979-10',
];

describe('months whose 1st has no single midnight', () => {
  it('America/Havana, April 2012: DST skipped midnight of the 1st, so the month starts at 01:00 local (05:00Z)', () => {
    expect(monthRange('2012-04', 'America/Havana').start.toISOString()).toBe('2012-04-01T05:00:00.000Z');
    expect(monthRange('2012-03', 'America/Havana').end.toISOString()).toBe('2012-04-01T05:00:00.000Z');
    expect(problemsOf('America/Havana', 2012, 4)).toEqual([]);
  });

  it('America/Havana, November 2015: DST ended at 01:00 on the 1st, so midnight came twice; the month starts at the first', () => {
    expect(monthRange('2015-11', 'America/Havana').start.toISOString()).toBe('2015-11-01T04:00:00.000Z');
    expect(monthRange('2015-10', 'America/Havana').end.toISOString()).toBe('2015-11-01T04:00:00.000Z');
    expect(problemsOf('America/Havana', 2015, 11)).toEqual([]);
  });

  it(`the ${SKIPPED_MIDNIGHTS.length} months since 1970 whose 1st has no midnight (DST or a zone change at 00:00)`, () => {
    const problems = SKIPPED_MIDNIGHTS.flatMap((entry) => {
      const [zone, month] = entry.split(' ');
      return problemsOf(zone, Number(month.slice(0, 4)), Number(month.slice(5)));
    });
    expect(problems).toEqual([]);
  });
});
