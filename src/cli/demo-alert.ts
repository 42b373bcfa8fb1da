import fs from 'node:fs';
import path from 'node:path';
import { AlertNotice } from '../domain/alert-notice';
import { DEFAULT_ALERT_SETTINGS, ERRORS_WINDOW, percentOf, thresholdText } from '../domain/alert-rules';
import { renderAlertEmail } from '../render/email/alert';
import { renderSlackAlert } from '../render/slack/alert';
import { renderTeamsAlert } from '../render/teams/alert';
import { findAccount } from '../storage/accounts';
import { latestCallStatuses } from '../storage/alert-windows';
import { Db } from '../storage/connection';

/**
 * The demo's alert: the `errors` firing as a sample campaign's channel would receive it, with the figures
 * of its last 50 calls and the default threshold, for Slack, Teams and email (docs/alerts.md).
 */
export async function writeDemoAlert(db: Db, campaignId: string, outDir: string): Promise<string[]> {
  const statuses = await latestCallStatuses(db, 'default', campaignId, ERRORS_WINDOW);
  const errors = statuses.filter((status) => status === 'error').length;
  const account = await findAccount(db, 'default');
  const campaign = await db('campaigns').where({ account_id: 'default', campaign_id: campaignId }).first();
  const notice: AlertNotice = {
    rule: 'errors',
    event: 'fire',
    accountId: 'default',
    campaignId,
    campaignName: (campaign?.name as string | null) ?? campaignId,
    botId: (campaign?.bot_id as string | undefined) ?? '',
    figures: {
      errors,
      calls: statuses.length,
      percent: percentOf(errors, statuses.length),
      threshold: thresholdText(DEFAULT_ALERT_SETTINGS.errors.threshold),
    },
    clearReason: null,
    at: new Date(),
    locale: account?.locale ?? 'en-US',
    timeZone: account?.timeZone ?? 'Asia/Ho_Chi_Minh',
  };
  const email = renderAlertEmail(notice);
  const files = [
    path.join(outDir, 'slack', `alert-errors-${campaignId}.json`),
    path.join(outDir, 'teams', `alert-errors-${campaignId}.json`),
    path.join(outDir, 'email', `alert-errors-${campaignId}.html`),
  ];
  for (const file of files) fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(files[0], `${JSON.stringify(renderSlackAlert(notice), null, 2)}\n`);
  fs.writeFileSync(files[1], `${JSON.stringify(renderTeamsAlert(notice), null, 2)}\n`);
  fs.writeFileSync(files[2], email.html);
  return files;
}
