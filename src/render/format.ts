import { localFields } from '../domain/time-zone';
import { CampaignState } from '../domain/campaign-overview';

/** Shared formatting for every surface: durations as h:mm:ss, numbers in the account's locale, instants in its zone. */

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatInteger(value: number, locale: string): string {
  return numberFormat(locale, 0).format(value);
}

/**
 * Money from its exact decimal text ("128138.48"): Intl.NumberFormat formats a numeric string digit for
 * digit (ES2023; the ES2022 lib this project compiles against types only numbers), never through a float.
 */
export function formatMoney(value: string | null, currency: string, locale: string): string {
  if (value === null) return 'unknown';
  const fractionDigits = value.includes('.') ? 2 : 0;
  return `${numberFormat(locale, fractionDigits).format(value as unknown as number)} ${currency}`;
}

export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '–';
  return `${numberFormat(locale, 1).format(value * 100)}%`;
}

/** "2026-10-30 22:36:02" in the zone, with the zone's name beside it where a reader needs it. */
export function formatInstant(iso: string | null, timeZone: string): string {
  if (!iso) return '–';
  const f = localFields(new Date(iso), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** metrics.md: a complete campaign's report is final, any other preliminary. */
export function stateLabel(state: CampaignState): string {
  if (state === 'complete') return 'Final';
  return state === 'settling' ? 'Preliminary (settling)' : 'Preliminary (running)';
}
