import { CampaignState } from '../domain/campaign-overview';
import { formatDuration, messagesFor } from './i18n/messages';

/**
 * Shorthands over the catalog's formatters (render/i18n/messages) for code that has a locale but no
 * Messages at hand: numbers in the account's locale, instants in its zone, durations as h:mm:ss.
 */

export { formatDuration };

export function formatInteger(value: number, locale: string): string {
  return messagesFor(locale).integer(value);
}

/** Money from its exact decimal text ("128138.48"), never through a float (see Messages.money). */
export function formatMoney(value: string | null, currency: string, locale: string): string {
  return messagesFor(locale).money(value, currency);
}

export function formatPercent(value: number | null, locale: string): string {
  return messagesFor(locale).percent(value);
}

/** "2026-10-30 22:36:02" in the zone (vi: "30/10/2026 22:36:02"). */
export function formatInstant(iso: string | null, timeZone: string, locale = 'en-US'): string {
  return messagesFor(locale).instant(iso, timeZone);
}

/** docs/metrics.md: a complete campaign's report is final, any other preliminary. */
export function stateLabel(state: CampaignState, locale = 'en-US'): string {
  return messagesFor(locale).status(state);
}
