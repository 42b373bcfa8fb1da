import { Messages } from './i18n/messages';

/** A link's lifetime in words: "7 days", "1 hour", "90 minutes" (vi "7 ngày"). */
export function humanDuration(seconds: number, m: Messages): string {
  if (seconds % 86400 === 0) return m.t('duration.days', { count: seconds / 86400 });
  if (seconds % 3600 === 0) return m.t('duration.hours', { count: seconds / 3600 });
  return m.t('duration.minutes', { count: Math.round(seconds / 60) });
}
