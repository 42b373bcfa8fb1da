import { IntlMessageFormat } from 'intl-messageformat';
import { CallStatus } from '../../domain/call-status';
import { CampaignState } from '../../domain/campaign-overview';
import { localFields } from '../../domain/time-zone';
import { MessageKey, en } from './en';
import { vi } from './vi';

export type { MessageKey } from './en';

/** The languages reports are written in; an account's locale picks one (English unless it says Vietnamese). */
export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, vi };

/** The Intl locale each language formats numbers and dates with when the account names only the language. */
const DEFAULT_LOCALE: Record<Language, string> = { en: 'en-US', vi: 'vi-VN' };

export type MessageValues = Record<string, string | number>;

/** "vi", "vi-VN", "VI_vn" → vi; anything else → en. */
export function languageOf(locale: string | null | undefined): Language {
  return /^vi(?:[-_]|$)/i.test(locale ?? '') ? 'vi' : 'en';
}

/** Whether an account may be given this locale: one Intl knows whose language has a catalog. */
const supportedLocales = new Map<string, boolean>();

export function isSupportedLocale(locale: string): boolean {
  if (!/^(en|vi)(?:-[A-Za-z0-9]{2,8})*$/i.test(locale)) return false;
  let supported = supportedLocales.get(locale);
  if (supported === undefined) {
    try {
      supported = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
    } catch {
      supported = false;
    }
    // Bounded by the pattern above in practice (accounts' locales); a flood of odd tags just stops caching.
    if (supportedLocales.size < 1000) supportedLocales.set(locale, supported);
  }
  return supported;
}

export const SUPPORTED_LOCALES_HINT = 'en, en-US, vi or vi-VN';

/** Everything a renderer needs to say something in one account's language: words, numbers, money, times. */
export interface Messages {
  readonly language: Language;
  /** The BCP 47 locale Intl formats with. */
  readonly locale: string;
  t(key: MessageKey, values?: MessageValues): string;
  integer(value: number): string;
  /** 0.4567 → "45.7%" (vi "45,7%"); null → "–". */
  percent(value: number | null): string;
  /** In the currency's minor units: VND has none ("128,138 ₫", vi "128.138 ₫"), USD two ("$12.50"). */
  money(value: string | number | null, currency: string): string;
  /** h:mm:ss, the same in every language; null → "–". */
  duration(ms: number | null): string;
  /** The instant's wall time in the zone at one precision (seconds): en "2026-10-30 22:36:02", vi "30/10/2026 22:36:02". */
  instant(iso: string | null, timeZone: string): string;
  /** One sign convention everywhere: "+1,200", "-1,200", "0". */
  signed(magnitude: string, delta: number): string;
  state(state: CampaignState): string;
  /** "Complete, final" / "Running, preliminary", and ", updated" when the report replaces one posted before. */
  status(state: CampaignState, updated?: boolean): string;
  callStatus(status: CallStatus): string;
}

const NO_VALUE = '–';

const compiled = new Map<string, IntlMessageFormat>();

function compile(language: Language, locale: string, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${locale}|${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[language][key], locale, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One Intl.NumberFormat per locale and options, made once (making one costs more than formatting). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_VALUE;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Currencies whose symbol follows the amount wherever they are written (VND: "128.138 ₫"). */
const SYMBOL_AFTER = new Set(['VND']);

/**
 * Money from its exact decimal text ("128138.48") or a number: Intl.NumberFormat formats a numeric string
 * digit for digit (ES2023; the ES2022 lib this project compiles against types only numbers), never
 * through a float.
 */
function formatMoney(locale: string, given: string | number, currency: string): string {
  const value = given as number;
  const code = currency.toUpperCase();
  let format: Intl.NumberFormat;
  try {
    format = numberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
  } catch {
    return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
  if (!SYMBOL_AFTER.has(code)) return format.format(value);
  const parts = format.formatToParts(value);
  const symbol = parts.find((part) => part.type === 'currency')?.value ?? code;
  const amount = parts
    .filter((part) => part.type !== 'currency')
    .map((part) => part.value)
    .join('')
    .trim();
  return `${amount} ${symbol}`;
}

const cache = new Map<string, Messages>();

/** The words and formats of an account's locale ("en-US", "vi-VN", "vi", ...). */
export function messagesFor(locale: string | null | undefined): Messages {
  const language = languageOf(locale);
  const intlLocale = locale && isSupportedLocale(locale) ? locale : DEFAULT_LOCALE[language];
  const hit = cache.get(intlLocale);
  if (hit) return hit;
  // A report says the same plain words many times (labels, headings): each is formatted once per locale.
  const plain = new Map<MessageKey, string>();
  const t = (key: MessageKey, values?: MessageValues) => {
    if (values) return String(compile(language, intlLocale, key).format(values));
    let text = plain.get(key);
    if (text === undefined) {
      text = String(compile(language, intlLocale, key).format());
      plain.set(key, text);
    }
    return text;
  };
  const integers = numberFormat(intlLocale, { maximumFractionDigits: 0 });
  const percents = numberFormat(intlLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pad = (n: number) => String(n).padStart(2, '0');
  const messages: Messages = {
    language,
    locale: intlLocale,
    t,
    integer: (value) => integers.format(value),
    percent: (value) => (value === null ? NO_VALUE : `${percents.format(value * 100)}%`),
    money: (value, currency) => (value === null ? t('word.unknown') : formatMoney(intlLocale, value, currency)),
    duration: formatDuration,
    instant: (iso, timeZone) => {
      if (!iso) return NO_VALUE;
      const f = localFields(new Date(iso), timeZone);
      const time = `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
      return language === 'vi'
        ? `${pad(f.day)}/${pad(f.month)}/${f.year} ${time}`
        : `${f.year}-${pad(f.month)}-${pad(f.day)} ${time}`;
    },
    signed: (magnitude, delta) => (delta > 0 ? `+${magnitude}` : delta < 0 ? `-${magnitude}` : magnitude),
    state: (state) => t(`state.${state}`),
    status: (state, updated = false) => {
      const status = t('status.line', {
        state: t(`state.${state}`),
        figures: t(state === 'complete' ? 'figures.final' : 'figures.preliminary'),
      });
      return updated ? t('status.updated', { status }) : status;
    },
    callStatus: (status) => t(`callStatus.${status}`),
  };
  cache.set(intlLocale, messages);
  return messages;
}
