import { AlertFigures } from '../domain/alert-notice';
import { THRESHOLD_RULES, ThresholdRule, thresholdText } from '../domain/alert-rules';
import { parseBudget, parseRuleSetting, parseThresholdRule } from '../domain/alert-thresholds';
import { Said } from '../domain/errors';
import { closeEpisodesQuietly, listOpenEpisodes } from '../storage/alert-episodes';
import { listBudgets, loadAlertSettings, saveBudget, saveRuleSetting } from '../storage/alert-settings';
import { Db } from '../storage/connection';
import { requireAccount } from './report-context';

/** `alerts --json` (docs/cli.md), plus each bot's budget. */
export interface AlertsOverview {
  account: string;
  rules: { rule: string; threshold: string; enabled: boolean }[];
  budgets: { botId: string; monthlyBlocks: number }[];
  open: { rule: string; campaignId: string | null; botId: string; firedAt: string; figures: AlertFigures }[];
}

const UNIT_OF: Record<ThresholdRule, string> = { errors: '%', 'answer-rate': '', stalled: 'm' };

/** A threshold as people type it: "20%", "0.5", "15m". */
export function typedThreshold(rule: ThresholdRule, value: bigint): string {
  return `${thresholdText(value)}${UNIT_OF[rule]}`;
}

export async function loadAlertsOverview(db: Db, accountId: string): Promise<AlertsOverview> {
  await requireAccount(db, accountId);
  const settings = await loadAlertSettings(db, accountId);
  const budgets = await listBudgets(db, accountId);
  const open = await listOpenEpisodes(db, accountId);
  return {
    account: accountId,
    rules: [
      ...THRESHOLD_RULES.map((rule) => ({
        rule,
        threshold: typedThreshold(rule, settings[rule].threshold),
        enabled: settings[rule].enabled,
      })),
      { rule: 'budget', threshold: '80%, 100%', enabled: budgets.length > 0 },
    ],
    budgets: budgets.map((budget) => ({ botId: budget.botId, monthlyBlocks: budget.blocks })),
    open: open.map((episode) => ({
      rule: episode.rule,
      campaignId: episode.campaignId,
      botId: episode.botId,
      firedAt: episode.firedAt.toISOString(),
      figures: episode.fireFigures,
    })),
  };
}

/** `alert <rule> <value or off>`: saved, and what to announce (with who made the change). */
export async function changeAlertRule(
  db: Db,
  accountId: string,
  ruleText: string | undefined,
  valueText: string | undefined,
  by: string,
  now = new Date(),
): Promise<Said> {
  const rule = parseThresholdRule(ruleText);
  const setting = parseRuleSetting(rule, valueText);
  await requireAccount(db, accountId);
  await db.transaction(async (trx) => {
    await saveRuleSetting(trx, accountId, rule, setting, by);
    if (!setting.enabled) await closeEpisodesQuietly(trx, accountId, rule, now);
  });
  return setting.enabled
    ? { key: 'alert.changed', values: { user: by, rule, threshold: typedThreshold(rule, setting.threshold) } }
    : { key: 'alert.turnedOff', values: { user: by, rule } };
}

/** `budget <bot> <blocks or off>`. */
export async function changeBudget(
  db: Db,
  accountId: string,
  botId: string | undefined,
  valueText: string | undefined,
  by: string,
  now = new Date(),
): Promise<Said> {
  const bot = (botId ?? '').trim();
  const blocks = parseBudget(valueText);
  if (!bot) parseBudget('');
  await requireAccount(db, accountId);
  await db.transaction(async (trx) => {
    await saveBudget(trx, accountId, bot, blocks, by);
    if (blocks === null) await closeEpisodesQuietly(trx, accountId, 'budget', now, bot);
  });
  return blocks === null
    ? { key: 'alert.budgetOff', values: { user: by, bot } }
    : { key: 'alert.budgetSet', values: { user: by, bot, blocks: String(blocks) } };
}
