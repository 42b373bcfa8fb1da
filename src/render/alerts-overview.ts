import { Messages, MessageKey } from './i18n/messages';

/** What `alerts` shows, in the reader's language: each rule and its threshold, each budget, the open alerts. */
export interface AlertsOverviewView {
  account: string;
  rules: { rule: string; threshold: string; enabled: boolean }[];
  budgets: { botId: string; monthlyBlocks: number }[];
  open: { rule: string; campaignId: string | null; botId: string; firedAt: string }[];
}

export function alertsOverviewLines(view: AlertsOverviewView, m: Messages, timeZone: string): string[] {
  const lines = [m.t('alerts.heading', { account: view.account })];
  for (const rule of view.rules) {
    if (rule.rule === 'budget') continue;
    lines.push(
      rule.enabled
        ? `• ${m.t(`alerts.rule.${rule.rule}` as MessageKey, { threshold: rule.threshold.replace(/[%m]$/, '') })}`
        : `• ${m.t('alerts.rule.off', { rule: rule.rule })}`,
    );
  }
  if (view.budgets.length === 0) lines.push(`• ${m.t('alerts.noBudget')}`);
  for (const budget of view.budgets) {
    lines.push(`• ${m.t('alerts.budget', { bot: budget.botId, blocks: m.integer(budget.monthlyBlocks) })}`);
  }
  lines.push('');
  if (view.open.length === 0) lines.push(m.t('alerts.noneOpen'));
  else lines.push(m.t('alerts.open'));
  for (const open of view.open) {
    const about =
      open.campaignId === null
        ? m.t('alert.about.bot', { bot: open.botId })
        : m.t('alert.about.campaign', { campaign: open.campaignId, bot: open.botId });
    lines.push(`• ${m.t('alerts.openLine', { rule: open.rule, about, firedAt: m.instant(open.firedAt, timeZone) })}`);
  }
  return lines;
}
