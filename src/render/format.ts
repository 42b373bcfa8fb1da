import { messagesFor } from './i18n/messages';

/** Shorthands over the catalog's formatters (render/i18n/messages) for code that has a locale but no Messages at hand. */

/** Money from its exact decimal text ("128138.48"), never through a float (see Messages.money). */
export function formatMoney(value: string | null, currency: string, locale: string): string {
  return messagesFor(locale).money(value, currency);
}

/** "2026-10-30 22:36:02" in the zone (vi: "30/10/2026 22:36:02"). */
export function formatInstant(iso: string | null, timeZone: string, locale = 'en-US'): string {
  return messagesFor(locale).instant(iso, timeZone);
}
