import { AlertNotice } from '../domain/alert-notice';
import { Messages, MessageKey, MessageValues } from './i18n/messages';

/** An alert in words, the same on every surface: what crossed which threshold, the figures, why, how to change it. */
export interface AlertText {
  title: string;
  figures: string;
  why: string;
  change: string;
}

function values(notice: AlertNotice, m: Messages): MessageValues {
  const out: MessageValues = {
    campaign: notice.campaignName ?? notice.campaignId ?? '',
    bot: notice.botId,
    account: notice.accountId,
  };
  for (const [name, value] of Object.entries(notice.figures)) {
    if (value === null) continue;
    if (name === 'lastCall') out[name] = m.instant(String(value), notice.timeZone);
    else out[name] = typeof value === 'number' ? m.integer(value) : value;
  }
  return out;
}

function figuresKey(notice: AlertNotice): MessageKey {
  if (notice.event === 'clear' && notice.clearReason === 'completed') return 'alert.figures.completed';
  if (notice.event === 'clear' && notice.clearReason === 'rule-off') return 'alert.figures.ruleOff';
  const clear = notice.event === 'clear' ? 'Clear' : '';
  return `alert.figures.${notice.rule}${clear}` as MessageKey;
}

export function alertText(notice: AlertNotice, m: Messages, audience: 'chat' | 'email'): AlertText {
  const v = values(notice, m);
  const about =
    notice.campaignId === null
      ? m.t('alert.about.bot', v)
      : m.t('alert.about.campaign', { ...v, campaign: notice.campaignId });
  return {
    title: m.t(`alert.title.${notice.event}.${notice.rule}` as MessageKey, v),
    figures: m.t(figuresKey(notice), v),
    why: audience === 'email' ? m.t('alert.why.email', v) : m.t('alert.why.chat', { ...v, about }),
    change: m.t(`alert.change.${notice.rule}` as MessageKey, v),
  };
}
