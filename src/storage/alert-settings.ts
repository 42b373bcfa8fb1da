import {
  AlertSettings,
  DEFAULT_ALERT_SETTINGS,
  RuleSetting,
  THRESHOLD_RULES,
  ThresholdRule,
} from '../domain/alert-rules';
import { formatDecimal, parseSignedDecimal } from '../domain/decimal';
import { Db } from './connection';
import { jsonValue, toInt } from './sql-values';

/** An account's alert rule thresholds (defaults where none was set), bots' monthly budgets, alert emails. */

export async function loadAlertSettings(db: Db, accountId: string): Promise<AlertSettings> {
  const rows = (await db('alert_settings').where({ account_id: accountId })) as {
    rule: string;
    enabled: boolean;
    threshold: string | number;
  }[];
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
  for (const row of rows) {
    if (!(THRESHOLD_RULES as readonly string[]).includes(row.rule)) continue;
    settings[row.rule as ThresholdRule] = {
      enabled: row.enabled,
      threshold: parseSignedDecimal(String(row.threshold)),
    };
  }
  return settings;
}

/** Sets a rule; off keeps the last threshold so that turning it on again shows what it was. */
export async function saveRuleSetting(
  db: Db,
  accountId: string,
  rule: ThresholdRule,
  setting: RuleSetting,
  changedBy: string | null,
): Promise<void> {
  const current = (await loadAlertSettings(db, accountId))[rule];
  const threshold = setting.enabled ? setting.threshold : current.threshold;
  await db('alert_settings')
    .insert({
      account_id: accountId,
      rule,
      enabled: setting.enabled,
      threshold: formatDecimal(threshold),
      changed_by: changedBy,
      changed_at: db.fn.now(),
    })
    .onConflict(['account_id', 'rule'])
    .merge();
}

export async function findBudget(db: Db, accountId: string, botId: string): Promise<number | null> {
  const row = await db('bot_budgets').where({ account_id: accountId, bot_id: botId }).first();
  return row ? toInt(row.monthly_blocks) : null;
}

export async function listBudgets(
  db: Db,
  accountId?: string,
): Promise<{ accountId: string; botId: string; blocks: number }[]> {
  const query = db('bot_budgets').orderBy(['account_id', 'bot_id']);
  if (accountId) query.where({ account_id: accountId });
  const rows = (await query) as { account_id: string; bot_id: string; monthly_blocks: unknown }[];
  return rows.map((row) => ({ accountId: row.account_id, botId: row.bot_id, blocks: toInt(row.monthly_blocks) }));
}

/** null removes the budget (and with it the `budget` alert of that bot). */
export async function saveBudget(
  db: Db,
  accountId: string,
  botId: string,
  blocks: number | null,
  changedBy: string | null,
): Promise<void> {
  if (blocks === null) {
    await db('bot_budgets').where({ account_id: accountId, bot_id: botId }).delete();
    return;
  }
  await db('bot_budgets')
    .insert({
      account_id: accountId,
      bot_id: botId,
      monthly_blocks: blocks,
      changed_by: changedBy,
      changed_at: db.fn.now(),
    })
    .onConflict(['account_id', 'bot_id'])
    .merge();
}

export async function loadAlertEmails(db: Db, accountId: string): Promise<string[]> {
  const row = (await db('accounts').select('alert_emails').where({ id: accountId }).first()) as
    { alert_emails: string[] | string } | undefined;
  if (!row) return [];
  return jsonValue<string[] | null>(row.alert_emails) ?? [];
}

export async function saveAlertEmails(db: Db, accountId: string, emails: readonly string[]): Promise<void> {
  await db('accounts')
    .where({ id: accountId })
    .update({ alert_emails: JSON.stringify(emails) });
}
